package gaze

import (
	"math"
	"time"
)

// WindowFeatures are the gaze features of one attention-flow window, to be
// joined with the desktop features of the same window: reading counts as
// attention, looking away counts as a break.
type WindowFeatures struct {
	Start, End    time.Time
	Samples       int     // samples in the window
	OnScreen      float64 // share of samples with gaze on the screen (lost data counts as off)
	Away          bool    // OnScreen below the away threshold: the person is not looking at the screen
	OnFocus       float64 // share of on-screen gaze inside the focused window (NaN when not given)
	FixationShare float64 // share of labelled time in fixation or pursuit (steady looking)
	FixationMean  float64 // mean fixation duration in seconds (0 when none)
	PupilLoad     float64 // mean baseline-corrected pupil size (NaN when no pupil data)
}

// FusionOptions configure Windows.
type FusionOptions struct {
	Start time.Time     // wall-clock time of the recording's time zero (sample T = 0)
	Width time.Duration // window width (default 60 s)
	// AwayBelow is the on-screen share under which a window is "away"
	// (default 0.5).
	AwayBelow float64
	// Focus, when set, returns the focused window's rectangle on the
	// screen at a time, and false when it is unknown.
	Focus func(t time.Time) (AOI, bool)
	// Pupil holds baseline-corrected pupil sizes per sample (see
	// PupilBaseline); nil leaves PupilLoad NaN.
	Pupil []float64
}

// Windows cuts a labelled gaze recording into fixed windows of wall-clock
// time and computes each window's gaze features. Sample times come from
// their timestamps, else from the geometry's rate.
func Windows(s []Sample, labels []Label, g Geometry, o FusionOptions) []WindowFeatures {
	n := min(len(s), len(labels))
	if n == 0 {
		return nil
	}
	if o.Width <= 0 {
		o.Width = time.Minute
	}
	if o.AwayBelow <= 0 {
		o.AwayBelow = 0.5
	}
	times := sampleTimes(s[:n], newTrack(s[:n], g).dt)
	width := o.Width.Seconds()
	var out []WindowFeatures
	for a := 0; a < n; {
		w := math.Floor(times[a] / width)
		b := a
		for b < n && math.Floor(times[b]/width) == w {
			b++
		}
		start := o.Start.Add(time.Duration(w * width * float64(time.Second)))
		var pupil []float64
		if len(o.Pupil) >= b {
			pupil = o.Pupil[a:b]
		}
		f := windowFeatures(s[a:b], labels[a:b], times[a:b+1], pupil, g, o, start)
		f.End = start.Add(o.Width)
		out = append(out, f)
		a = b
	}
	return out
}

// windowFeatures computes one window.
func windowFeatures(s []Sample, labels []Label, times, pupil []float64, g Geometry, o FusionOptions, start time.Time) WindowFeatures {
	f := WindowFeatures{Start: start, Samples: len(s), OnFocus: math.NaN(), PupilLoad: math.NaN()}
	var on, inFocus, focusKnown, steady, labelled float64
	for i, smp := range s {
		onScreen := smp.Valid() && smp.X >= 0 && smp.Y >= 0 && smp.X < g.ScreenWpx && smp.Y < g.ScreenHpx
		if onScreen {
			on++
			if o.Focus != nil {
				if r, ok := o.Focus(o.Start.Add(time.Duration(times[i] * float64(time.Second)))); ok {
					focusKnown++
					if r.Contains(smp.X, smp.Y) {
						inFocus++
					}
				}
			}
		}
		if labels[i] != Undefined {
			labelled++
			if labels[i] == Fixation || labels[i] == Pursuit {
				steady++
			}
		}
	}
	f.OnScreen = on / float64(len(s))
	f.Away = f.OnScreen < o.AwayBelow
	if focusKnown > 0 {
		f.OnFocus = inFocus / focusKnown
	}
	if labelled > 0 {
		f.FixationShare = steady / labelled
	}
	f.FixationMean = meanFixation(labels, times)
	if pupil != nil {
		f.PupilLoad = PupilLoad(pupil)
	}
	return f
}

// meanFixation is the mean duration of the fixation runs in labels.
func meanFixation(labels []Label, times []float64) float64 {
	var sum, n float64
	for a := 0; a < len(labels); {
		b := a + 1
		for b < len(labels) && labels[b] == labels[a] {
			b++
		}
		if labels[a] == Fixation {
			sum += times[b] - times[a]
			n++
		}
		a = b
	}
	if n == 0 {
		return 0
	}
	return sum / n
}
