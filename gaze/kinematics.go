package gaze

import (
	"math"
)

// track is a recording prepared for detection: positions in degrees,
// the sample interval, and where the signal is broken.
type track struct {
	n     int
	dt    float64   // sample interval in seconds (median of timestamp steps, else 1/rate)
	x, y  []float64 // degrees from the screen centre; NaN when missing
	valid []bool
	brk   []bool // brk[i]: samples i-1 and i are not contiguous in time
}

// newTrack converts samples to degrees and derives the sample interval
// from the timestamps where they exist, so a recording made at another
// rate than its nominal one is still timed right.
func newTrack(s []Sample, g Geometry) *track {
	n := len(s)
	tr := &track{n: n, x: make([]float64, n), y: make([]float64, n), valid: make([]bool, n), brk: make([]bool, n)}
	for i, smp := range s {
		if smp.Valid() {
			tr.x[i], tr.y[i] = g.ToDegrees(smp.X, smp.Y)
			tr.valid[i] = true
		} else {
			tr.x[i], tr.y[i] = math.NaN(), math.NaN()
		}
	}
	tr.dt = sampleInterval(s, g.Rate)
	for i := 1; i < n; i++ {
		a, b := s[i-1].T, s[i].T
		if math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		d := b - a
		if d <= 0 || d > 1.5*tr.dt {
			tr.brk[i] = true
		}
	}
	return tr
}

// sampleInterval is the median positive timestamp step, or 1/rate when
// fewer than two timestamps are known.
func sampleInterval(s []Sample, rate float64) float64 {
	steps := make([]float64, 0, len(s))
	for i := 1; i < len(s); i++ {
		d := s[i].T - s[i-1].T
		if d > 0 && !math.IsNaN(d) {
			steps = append(steps, d)
		}
	}
	if len(steps) < 2 {
		if rate > 0 {
			return 1 / rate
		}
		return 0.002
	}
	sortNonNegative(steps, nil)
	return steps[len(steps)/2]
}

// halfWindow converts a window length in seconds to a half-width in
// samples (at least 1).
func (tr *track) halfWindow(sec float64) int {
	h := int(math.Round(sec / tr.dt / 2))
	return max(h, 1)
}

// contiguous reports whether samples lo..hi are all valid and unbroken.
func (tr *track) contiguous(lo, hi int) bool {
	if lo < 0 || hi >= tr.n {
		return false
	}
	for k := lo; k <= hi; k++ {
		if !tr.valid[k] || (k > lo && tr.brk[k]) {
			return false
		}
	}
	return true
}

// velocity returns per-sample velocity components (deg/s) by the
// Savitzky–Golay first-derivative filter (polynomial order 2, whose
// derivative weights equal the order-1 ones: k / Σk²) over a window of
// win seconds. Near gaps the window shrinks; a sample without two valid
// neighbours gets NaN. Velocity is never taken across missing data.
func (tr *track) velocity(win float64) (vx, vy []float64) {
	h := tr.halfWindow(win)
	vx, vy = make([]float64, tr.n), make([]float64, tr.n)
	for i := range tr.n {
		vx[i], vy[i] = math.NaN(), math.NaN()
		if !tr.valid[i] {
			continue
		}
		for hh := h; hh >= 1; hh-- {
			if !tr.contiguous(i-hh, i+hh) {
				continue
			}
			var sx, sy, den float64
			for k := 1; k <= hh; k++ {
				sx += float64(k) * (tr.x[i+k] - tr.x[i-k])
				sy += float64(k) * (tr.y[i+k] - tr.y[i-k])
				den += 2 * float64(k*k)
			}
			vx[i], vy[i] = sx/den/tr.dt, sy/den/tr.dt
			break
		}
	}
	return vx, vy
}

// speed returns |v| per sample (NaN where unknown).
func speed(vx, vy []float64) []float64 {
	v := make([]float64, len(vx))
	for i := range vx {
		v[i] = math.Hypot(vx[i], vy[i])
	}
	return v
}

// residual returns the velocity minus its running median (per component,
// over win seconds of known velocities). The median follows smooth
// pursuit but not saccades, which are shorter than half the window, so
// the residual shows saccades against the pursuit.
func residual(tr *track, vx, vy []float64, win float64) (rx, ry []float64) {
	h := tr.halfWindow(win)
	mx, my := runningMedian(vx, h), runningMedian(vy, h)
	rx, ry = make([]float64, tr.n), make([]float64, tr.n)
	for i := range tr.n {
		rx[i], ry[i] = vx[i]-mx[i], vy[i]-my[i]
	}
	return rx, ry
}
