package gaze

import "math"

// Event is a run of samples with one label: a fixation, saccade, PSO,
// pursuit, blink or undefined stretch.
type Event struct {
	Label      Label
	Start, End int     // sample indices, End exclusive
	T0, T1     float64 // start and end time in seconds (end = start of the next sample)
	X, Y       float64 // mean position in pixels over the valid samples (NaN if none)
	Amplitude  float64 // degrees between the first and last valid sample
	PeakSpeed  float64 // highest sample-to-sample speed inside, deg/s (NaN if unknown)
}

// Duration is the event's length in seconds.
func (e Event) Duration() float64 { return e.T1 - e.T0 }

// Events groups labelled samples into events. Times come from the
// timestamps where present, otherwise from the rate.
func Events(s []Sample, labels []Label, g Geometry) []Event {
	n := min(len(s), len(labels))
	if n == 0 {
		return nil
	}
	tr := newTrack(s[:n], g)
	times := sampleTimes(s[:n], tr.dt)
	var out []Event
	for a := 0; a < n; {
		b := a + 1
		for b < n && labels[b] == labels[a] {
			b++
		}
		out = append(out, makeEvent(s, tr, times, labels[a], a, b))
		a = b
	}
	return out
}

// sampleTimes returns each sample's time: its timestamp, or the previous
// time plus dt where the timestamp is missing (index·dt at the start).
func sampleTimes(s []Sample, dt float64) []float64 {
	t := make([]float64, len(s)+1)
	for i, smp := range s {
		switch {
		case !math.IsNaN(smp.T):
			t[i] = smp.T
		case i > 0:
			t[i] = t[i-1] + dt
		default:
			t[i] = 0
		}
	}
	t[len(s)] = t[len(s)-1] + dt
	return t
}

// makeEvent summarises samples a..b-1.
func makeEvent(s []Sample, tr *track, times []float64, l Label, a, b int) Event {
	e := Event{Label: l, Start: a, End: b, T0: times[a], T1: times[b], X: math.NaN(), Y: math.NaN(), PeakSpeed: math.NaN()}
	var sx, sy, n float64
	first, last := -1, -1
	for k := a; k < b; k++ {
		if !tr.valid[k] {
			continue
		}
		sx += s[k].X
		sy += s[k].Y
		n++
		if first < 0 {
			first = k
		}
		last = k
		if k > a && tr.valid[k-1] && !tr.brk[k] {
			v := math.Hypot(tr.x[k]-tr.x[k-1], tr.y[k]-tr.y[k-1]) / tr.dt
			if math.IsNaN(e.PeakSpeed) || v > e.PeakSpeed {
				e.PeakSpeed = v
			}
		}
	}
	if n > 0 {
		e.X, e.Y = sx/n, sy/n
		e.Amplitude = math.Hypot(tr.x[last]-tr.x[first], tr.y[last]-tr.y[first])
	}
	return e
}
