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
	ws    *workspace
}

// newTrack converts samples to degrees and derives the sample interval
// from the timestamps where they exist, so a recording made at another
// rate than its nominal one is still timed right.
func newTrack(s []Sample, g Geometry) *track { return newTrackIn(nil, s, g) }

// newTrackIn is newTrack with its buffers (and those of the track's later
// computations) taken from ws.
func newTrackIn(ws *workspace, s []Sample, g Geometry) *track {
	n := len(s)
	tr := &track{n: n, x: ws.floats(bufX, n), y: ws.floats(bufY, n), valid: ws.flagsZeroed(bufValid, n), brk: ws.flagsZeroed(bufBreak, n), ws: ws}
	deg := g.degrees()
	for i, smp := range s {
		if smp.Valid() {
			tr.x[i], tr.y[i] = deg.convert(smp.X, smp.Y)
			tr.valid[i] = true
		} else {
			tr.x[i], tr.y[i] = math.NaN(), math.NaN()
		}
	}
	tr.dt = sampleInterval(s, g.Rate, ws.floats(bufSteps, n)[:0])
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
// steps is an empty buffer to use.
func sampleInterval(s []Sample, rate float64, steps []float64) float64 {
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
	return nthSmallest(steps, len(steps)/2)
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
	vx, vy = tr.ws.floats(bufVX, tr.n), tr.ws.floats(bufVY, tr.n)
	start := tr.runStarts()
	// contiguous(lo, hi): all valid and unbroken, i.e. hi's run began by lo.
	contiguous := func(lo, hi int) bool { return lo >= 0 && hi < tr.n && start[hi] <= int32(lo) }
	nan := math.NaN()
	for i := range tr.n {
		vx[i], vy[i] = nan, nan
		if !tr.valid[i] {
			continue
		}
		for hh := h; hh >= 1; hh-- {
			if !contiguous(i-hh, i+hh) {
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

// runStarts returns, per sample, the first sample of the valid unbroken
// run it belongs to (len(samples) for an invalid sample, so no window
// containing it counts as contiguous).
func (tr *track) runStarts() []int32 {
	start := tr.ws.intsZeroed(bufRunStart, tr.n)
	for k := range tr.n {
		switch {
		case !tr.valid[k]:
			start[k] = int32(tr.n)
		case k > 0 && tr.valid[k-1] && !tr.brk[k]:
			start[k] = start[k-1]
		default:
			start[k] = int32(k)
		}
	}
	return start
}

// speed returns |v| per sample (NaN where unknown).
func speed(vx, vy []float64) []float64 { return speedInto(make([]float64, len(vx)), vx, vy) }

// speedInto is speed writing into v.
func speedInto(v, vx, vy []float64) []float64 {
	for i := range vx {
		v[i] = math.Hypot(vx[i], vy[i])
	}
	return v
}

// residualSpeed returns |v − running median of v| per sample, the
// median taken per component over win seconds of known velocities. The
// median follows smooth pursuit but not saccades, which are shorter than
// half the window, so the residual shows saccades against the pursuit.
// The second result is a free buffer of the same length (scratch space
// for the caller).
func residualSpeed(tr *track, vx, vy []float64, win float64) (sv, scratch []float64) {
	h := tr.halfWindow(win)
	mx, my := tr.ws.floats(bufMedX, tr.n), tr.ws.floats(bufMedY, tr.n)
	runningMedian2(mx, my, vx, vy, h)
	for i := range tr.n {
		mx[i] = math.Hypot(vx[i]-mx[i], vy[i]-my[i])
	}
	return mx, my
}
