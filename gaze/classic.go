package gaze

import "math"

// IVT is the velocity-threshold classic (Salvucci & Goldberg 2000): a
// sample faster than Threshold deg/s is saccade, any other fixation. Lost
// samples are Undefined.
type IVT struct {
	Threshold float64 // deg/s
	Window    float64 // Savitzky–Golay velocity window, seconds
}

// Name implements Detector.
func (IVT) Name() string { return "ivt" }

// Classify implements Detector.
func (d IVT) Classify(s []Sample, g Geometry) []Label {
	tr := newTrack(s, g)
	v := speed(tr.velocity(d.Window))
	lab := make([]Label, tr.n)
	for i, x := range v {
		switch {
		case !tr.valid[i]:
			lab[i] = Undefined
		case x > d.Threshold:
			lab[i] = Saccade
		default:
			lab[i] = Fixation // includes samples with unknown velocity next to gaps
		}
	}
	return lab
}

// IDT is the dispersion-threshold classic (Salvucci & Goldberg 2000): a
// window of at least MinDuration whose dispersion (max−min x + max−min y,
// in degrees) stays at most Dispersion is a fixation, grown while it stays
// so; samples between fixations are saccades; lost samples are Undefined.
type IDT struct {
	Dispersion  float64 // degrees
	MinDuration float64 // seconds
}

// Name implements Detector.
func (IDT) Name() string { return "idt" }

// Classify implements Detector.
func (d IDT) Classify(s []Sample, g Geometry) []Label {
	tr := newTrack(s, g)
	lab := make([]Label, tr.n)
	w := max(int(math.Round(d.MinDuration/tr.dt)), 2)
	for i := range tr.n {
		if tr.valid[i] {
			lab[i] = Saccade
		}
	}
	for i := 0; i+w <= tr.n; {
		if !tr.contiguous(i, i+w-1) || dispersion(tr, i, i+w) > d.Dispersion {
			i++
			continue
		}
		j := i + w
		for j < tr.n && tr.valid[j] && !tr.brk[j] && dispersion(tr, i, j+1) <= d.Dispersion {
			j++
		}
		for k := i; k < j; k++ {
			lab[k] = Fixation
		}
		i = j
	}
	return lab
}

// dispersion is (max−min x) + (max−min y) over samples lo..hi-1.
func dispersion(tr *track, lo, hi int) float64 {
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for k := lo; k < hi; k++ {
		minX, maxX = min(minX, tr.x[k]), max(maxX, tr.x[k])
		minY, maxY = min(minY, tr.y[k]), max(maxY, tr.y[k])
	}
	return maxX - minX + maxY - minY
}
