package gaze

import (
	"math"
	"slices"
)

// Summary holds the standard gaze measures of a recording.
type Summary struct {
	Duration             float64 // seconds covered by the samples
	OnScreenRatio        float64 // share of samples with gaze inside the screen
	FixationCount        int
	FixationMeanDuration float64 // seconds
	FixationMedian       float64 // seconds
	SaccadeCount         int
	SaccadeMeanAmplitude float64 // degrees
	SaccadeMeanPeakSpeed float64 // deg/s
	PursuitTime          float64 // seconds
	BlinkCount           int
	BlinkRate            float64 // blinks per minute
	ScanpathLength       float64 // degrees: sum of distances between consecutive fixations
}

// Summarize computes the measures from events (see Events) and samples.
func Summarize(s []Sample, events []Event, g Geometry) Summary {
	var sum Summary
	if len(events) > 0 {
		sum.Duration = events[len(events)-1].T1 - events[0].T0
	}
	sum.OnScreenRatio = onScreen(s, g)
	var fixDur []float64
	var amp, peak float64
	var prev *Event
	for i := range events {
		e := &events[i]
		switch e.Label {
		case Fixation:
			fixDur = append(fixDur, e.Duration())
			if prev != nil && !math.IsNaN(e.X) && !math.IsNaN(prev.X) {
				sum.ScanpathLength += angleBetween(g, prev.X, prev.Y, e.X, e.Y)
			}
			prev = e
		case Saccade:
			sum.SaccadeCount++
			amp += e.Amplitude
			if !math.IsNaN(e.PeakSpeed) {
				peak += e.PeakSpeed
			}
		case Pursuit:
			sum.PursuitTime += e.Duration()
		case Blink:
			sum.BlinkCount++
		}
	}
	sum.FixationCount = len(fixDur)
	if len(fixDur) > 0 {
		sum.FixationMeanDuration = meanOf(fixDur)
		sum.FixationMedian = median(slices.Clone(fixDur))
	}
	if sum.SaccadeCount > 0 {
		sum.SaccadeMeanAmplitude = amp / float64(sum.SaccadeCount)
		sum.SaccadeMeanPeakSpeed = peak / float64(sum.SaccadeCount)
	}
	if sum.Duration > 0 {
		sum.BlinkRate = float64(sum.BlinkCount) / sum.Duration * 60
	}
	return sum
}

// onScreen is the share of samples whose gaze lies on the screen.
func onScreen(s []Sample, g Geometry) float64 {
	if len(s) == 0 {
		return 0
	}
	in := 0
	for _, smp := range s {
		if smp.Valid() && smp.X >= 0 && smp.Y >= 0 && smp.X < g.ScreenWpx && smp.Y < g.ScreenHpx {
			in++
		}
	}
	return float64(in) / float64(len(s))
}

// angleBetween is the visual angle in degrees between two screen points.
func angleBetween(g Geometry, x1, y1, x2, y2 float64) float64 {
	a1, b1 := g.ToDegrees(x1, y1)
	a2, b2 := g.ToDegrees(x2, y2)
	return math.Hypot(a2-a1, b2-b1)
}
