package simeval

import (
	"math"
	"slices"
	"time"

	"github.com/attnflow/attnflow/model"
)

// TrueOnsetMin is the time on task at which the simulated person counts
// as fatigued: the simulator shortens focus dwell by 30% × hours worked /
// 3, so after 60 min the pace is 10% below fresh.
const TrueOnsetMin = 60

// FatigueResult compares detected fatigue onsets with the true ones,
// stretch by stretch (a stretch is work between breaks), for the fatigue
// model and for the time-on-task clock alone (onset when the flow's
// continuous work since the last break reaches TrueOnsetMin).
type FatigueResult struct {
	Model     Onsets `json:"model"`
	ClockOnly Onsets `json:"clock_only"`
}

// Onsets are the figures of one onset detector.
type Onsets struct {
	Stretches int `json:"stretches"` // stretches that truly became fatigued
	Detected  int `json:"detected"`  // of them, with an onset detected
	Within15  int `json:"within_15"` // of them, detected within 15 min
	// MedianErrMin is the median absolute onset error of detected ones.
	MedianErrMin float64 `json:"median_err_min"`
	// FalseOnsets are onsets in stretches that never became fatigued.
	FalseOnsets int `json:"false_onsets"`
}

// FatigueEval runs the fatigue tracker over every day.
func FatigueEval(d *Data, cfg model.FatigueConfig) FatigueResult {
	var m, c onsetCounter
	for _, day := range d.Days {
		fs := model.FatigueDay(day.Windows, cfg)
		for _, st := range stretches(day.Worked) {
			var truth, got, clock *time.Time
			for i := st[0]; i < st[1]; i++ {
				w := day.Windows[i]
				if truth == nil && day.Worked[i] >= TrueOnsetMin {
					truth = &w.Start
				}
				if got == nil && fs[i].Onset != nil && !fs[i].Onset.Before(day.Windows[st[0]].Start) {
					got = fs[i].Onset
				}
				if clock == nil && w.ContinuousWorkSec >= 60*TrueOnsetMin {
					clock = &w.Start
				}
			}
			m.add(truth, got)
			c.add(truth, clock)
		}
	}
	return FatigueResult{Model: m.result(), ClockOnly: c.result()}
}

type onsetCounter struct {
	r    Onsets
	errs []float64
}

func (oc *onsetCounter) add(truth, got *time.Time) {
	r := &oc.r
	switch {
	case truth == nil && got != nil:
		r.FalseOnsets++
	case truth != nil:
		r.Stretches++
		if got == nil {
			return
		}
		r.Detected++
		e := math.Abs(got.Sub(*truth).Minutes())
		oc.errs = append(oc.errs, e)
		if e <= 15 {
			r.Within15++
		}
	}
}

func (oc *onsetCounter) result() Onsets {
	if len(oc.errs) > 0 {
		slices.Sort(oc.errs)
		oc.r.MedianErrMin = oc.errs[len(oc.errs)/2]
	}
	return oc.r
}

// stretches splits a day's time-on-task clock at its resets: [from, to)
// window indexes.
func stretches(worked []float64) [][2]int {
	var out [][2]int
	start := 0
	for i := 1; i < len(worked); i++ {
		if worked[i] < worked[i-1] {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	if len(worked) > 0 {
		out = append(out, [2]int{start, len(worked)})
	}
	return out
}
