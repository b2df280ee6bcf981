package gaze

import (
	"math"
	"slices"
)

// Webcam is a detector for noisy, low-rate webcam gaze (WebGazer and the
// like, 15–60 Hz, noise of a degree or more), where velocity thresholds
// fail: positions are median-filtered over three samples, then fixations
// are found by dispersion (I-DT) with a threshold set from the recording's
// own noise — Dispersion·(median sample-to-sample step), at least
// MinDispersion degrees — over at least MinDuration. Samples between
// fixations are saccades; lost samples are blinks. It labels neither PSO
// (invisible at these rates) nor pursuit.
type Webcam struct {
	MinDuration   float64 // seconds
	NoiseFactor   float64 // dispersion threshold in multiples of the median step
	MinDispersion float64 // degrees
}

// Name implements Detector.
func (Webcam) Name() string { return "webcam" }

// Classify implements Detector.
func (d Webcam) Classify(s []Sample, g Geometry) []Label {
	tr := newTrack(s, g)
	tr.x, tr.y = median3(tr.x, tr.valid), median3(tr.y, tr.valid)
	thr := math.Max(d.MinDispersion, d.NoiseFactor*medianStepDeg(tr))
	lab := make([]Label, tr.n)
	for i := range lab {
		lab[i] = Blink
		if tr.valid[i] {
			lab[i] = Saccade
		}
	}
	w := max(int(math.Round(d.MinDuration/tr.dt)), 2)
	for i := 0; i+w <= tr.n; {
		if !tr.contiguous(i, i+w-1) || dispersion(tr, i, i+w) > thr {
			i++
			continue
		}
		j := i + w
		for j < tr.n && tr.valid[j] && !tr.brk[j] && dispersion(tr, i, j+1) <= thr {
			j++
		}
		for k := i; k < j; k++ {
			lab[k] = Fixation
		}
		i = j
	}
	mergeFixations(tr, lab, w, thr)
	return lab
}

// mergeFixations joins two fixations separated by at most maxGap samples
// of saccade when their centres are within maxDist degrees: noise split
// them, the eye did not move.
func mergeFixations(tr *track, lab []Label, maxGap int, maxDist float64) {
	prevEnd, px, py := -1, 0.0, 0.0
	for a := 0; a < tr.n; {
		b := a + 1
		for b < tr.n && lab[b] == lab[a] {
			b++
		}
		if lab[a] == Fixation {
			cx, cy := centre(tr, a, b)
			if prevEnd >= 0 && a-prevEnd <= maxGap && math.Hypot(cx-px, cy-py) <= maxDist && allSaccade(lab[prevEnd:a]) {
				for k := prevEnd; k < a; k++ {
					lab[k] = Fixation
				}
			}
			prevEnd, px, py = b, cx, cy
		}
		a = b
	}
}

// centre is the mean position of samples a..b-1 in degrees.
func centre(tr *track, a, b int) (float64, float64) {
	var sx, sy, n float64
	for k := a; k < b; k++ {
		sx += tr.x[k]
		sy += tr.y[k]
		n++
	}
	return sx / n, sy / n
}

// allSaccade reports whether every label is Saccade (no lost data between).
func allSaccade(ls []Label) bool {
	for _, l := range ls {
		if l != Saccade {
			return false
		}
	}
	return true
}

// median3 is a three-point running median over valid neighbours.
func median3(xs []float64, valid []bool) []float64 {
	out := slices.Clone(xs)
	for i := 1; i+1 < len(xs); i++ {
		if valid[i-1] && valid[i] && valid[i+1] {
			a, b, c := xs[i-1], xs[i], xs[i+1]
			out[i] = max(min(a, b), min(max(a, b), c))
		}
	}
	return out
}

// medianStepDeg is the median distance in degrees between consecutive
// valid samples (0 when there are none).
func medianStepDeg(tr *track) float64 {
	var d []float64
	for i := 1; i < tr.n; i++ {
		if tr.valid[i] && tr.valid[i-1] && !tr.brk[i] {
			d = append(d, math.Hypot(tr.x[i]-tr.x[i-1], tr.y[i]-tr.y[i-1]))
		}
	}
	if len(d) == 0 {
		return 0
	}
	return median(d)
}
