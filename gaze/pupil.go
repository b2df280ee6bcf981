package gaze

import (
	"math"
	"slices"
)

// PupilBaseline returns pupil sizes corrected by subtracting a baseline:
// the median pupil size over the first baseline seconds of valid data
// (subtractive correction, Mathôt et al. 2018). Missing sizes (NaN or
// ≤ 0) stay NaN. The second result is the baseline; NaN when there is no
// valid pupil data in the window.
func PupilBaseline(s []Sample, dt, baseline float64) ([]float64, float64) {
	times := sampleTimes(s, dt)
	var win []float64
	for i, smp := range s {
		if times[i]-times[0] > baseline {
			break
		}
		if smp.Pupil > 0 {
			win = append(win, smp.Pupil)
		}
	}
	base := math.NaN()
	if len(win) > 0 {
		base = median(slices.Clone(win))
	}
	out := make([]float64, len(s))
	for i, smp := range s {
		out[i] = math.NaN()
		if smp.Pupil > 0 {
			out[i] = smp.Pupil - base
		}
	}
	return out, base
}

// PupilLoad is the mean baseline-corrected pupil size over the valid
// samples, a simple workload indicator (larger means more load); NaN when
// there is none.
func PupilLoad(corrected []float64) float64 {
	var s, n float64
	for _, v := range corrected {
		if !math.IsNaN(v) {
			s += v
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / n
}
