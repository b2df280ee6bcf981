package model

import (
	"math"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
)

// CheckIn is a self-report as the model uses it: the span it describes
// and the state reported.
type CheckIn struct {
	Covers attnflow.TimeRange
	State  State
}

// Day is one day's windows with the check-ins that fall in it.
type Day struct {
	Windows  []flow.Window
	CheckIns []CheckIn
}

// Covered returns the indexes of the windows (of the given size, starting
// at starts) that a span covers: those starting in it and ending at most
// half a window after it.
func Covered(starts []time.Time, r attnflow.TimeRange, size time.Duration) []int {
	var idx []int
	for i, s := range starts {
		if !s.Before(r.Start) && !s.Add(size).After(r.End.Add(size/2)) {
			idx = append(idx, i)
		}
	}
	return idx
}

// labelledDay is a day prepared for training and evaluation.
type labelledDay struct {
	obs     []Obs
	fwd     []Probs
	rule    []State
	spans   [][]int // covered windows of each check-in
	reports []State
}

func prepare(d Day, h HMM, b Baseline, size time.Duration) labelledDay {
	ld := labelledDay{obs: Observe(d.Windows, b, size)}
	ld.fwd = h.Forward(ld.obs)
	starts := make([]time.Time, len(ld.obs))
	ld.rule = make([]State, len(ld.obs))
	for i, o := range ld.obs {
		starts[i], ld.rule[i] = o.Start, RuleState(d.Windows[i])
	}
	for _, c := range d.CheckIns {
		if idx := Covered(starts, c.Covers, size); len(idx) > 0 && c.State != Away {
			ld.spans = append(ld.spans, idx)
			ld.reports = append(ld.reports, c.State)
		}
	}
	return ld
}

// examples returns the day's training examples, groups numbered from g.
func (ld labelledDay) examples(g int) []Example {
	var ex []Example
	for k, idx := range ld.spans {
		for _, i := range idx {
			ex = append(ex, Example{Probs: ld.fwd[i], Vector: ld.obs[i].Vector, State: ld.reports[k], Group: g + k})
		}
	}
	return ex
}

// spanProbs is the mean distribution over a check-in's windows, without
// Away (the person was there to answer), renormalised.
func spanProbs(ps []Probs) Probs {
	var m Probs
	for _, p := range ps {
		for s := Distracted; s < NumStates; s++ {
			m[s] += p[s]
		}
	}
	sum := 0.0
	for _, v := range m {
		sum += v
	}
	if sum <= 0 {
		return Probs{0, 0.25, 0.25, 0.25, 0.25}
	}
	for s := range m {
		m[s] /= sum
	}
	return m
}

// reportRating is the focus rating of a reported state, for the
// person-mean baseline.
func reportRating(s State) float64 { return float64(s) + 1 } // distracted 2 … deep focus 5

func ratingState(r float64) State {
	return State(min(max(int(math.Round(r))-1, int(Distracted)), int(DeepFocus)))
}
