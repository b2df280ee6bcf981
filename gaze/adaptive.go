package gaze

import "math"

// Params tunes the adaptive detector. Times are in seconds, velocities in
// degrees per second, "SD" is the robust standard deviation (1.4826·MAD)
// of the recording's sample speeds below the peak threshold. DefaultParams
// holds the best point of the evaluation grid (gaze/bench.Grid) on the
// development recordings.
type Params struct {
	// Velocity and saccades.
	SGWindow     float64 // Savitzky–Golay velocity window
	SmoothWindow float64 // when > 0, saccades are found on the velocity minus its running median over this window
	MaxSpeed     float64 // faster than this is a tracker artefact, not an eye movement
	InitialPeak  float64 // start of the peak-threshold iteration
	PeakSDs      float64 // peak threshold = noise median + PeakSDs·SD
	OnsetSDs     float64 // onset threshold = noise median + OnsetSDs·SD
	OffsetScale  float64 // a saccade ends below OffsetScale × its local offset threshold...
	OffsetDip    float64 // ...or at a velocity minimum below OffsetDip × its peak velocity (0: off)
	MinSaccade   float64 // shorter saccade candidates are dropped

	// Post-saccadic oscillations.
	PSOWindow float64 // a PSO must start within this after a saccade ends
	PSOFactor float64 // a PSO bump exceeds PSOFactor × the saccade's local offset threshold
	PSOEndSDs float64 // a PSO ends at a velocity minimum below noise median + PSOEndSDs·SD (< 0: at the first minimum)

	// Fixation vs smooth pursuit.
	PursuitWindow    float64 // window over which the velocity vector is averaged
	PursuitSpeed     float64 // averaged speed above this is smooth pursuit
	MinPursuit       float64 // shorter pursuits become fixation...
	FastPursuit      float64 // ...unless their averaged speed exceeds this
	MinFixation      float64 // shorter fixations next to pursuit join it
	LongPursuit      float64 // an intersaccadic interval at least this long (0: rule off)...
	LongPursuitSpeed float64 // ...each third of which moves faster than this...
	LongPursuitR2    float64 // ...along a line fitting its positions with at least this R², is pursuit

	// Blinks.
	BlinkMargin float64 // extra time labelled blink on each side of lost data and its artefact
}

// DefaultParams returns the parameters of the default detector.
func DefaultParams() Params {
	return Params{
		SGWindow:     0.006,
		SmoothWindow: 0.300,
		MaxSpeed:     1000,
		InitialPeak:  100,
		PeakSDs:      8,
		OnsetSDs:     5,
		OffsetScale:  1.5,
		OffsetDip:    0.2,
		MinSaccade:   0.010,

		PSOWindow: 0.030,
		PSOFactor: 1.1,
		PSOEndSDs: 3,

		PursuitWindow:    0.200,
		PursuitSpeed:     1.5,
		MinPursuit:       0.240,
		FastPursuit:      6,
		MinFixation:      0.040,
		LongPursuit:      0.4,
		LongPursuitSpeed: 0.5,
		LongPursuitR2:    0.8,

		BlinkMargin: 0.010,
	}
}

// Adaptive is attnflow's default detector: Savitzky–Golay velocities;
// saccades found against the smooth-pursuit component with
// Nyström–Holmqvist data-driven thresholds made robust as in REMoDNaV,
// and local offset thresholds; PSO after saccades; blinks from lost data
// widened over the surrounding artefact; fixation vs smooth pursuit from
// the velocity averaged over a longer window, with minimum durations and a
// whole-interval rule for slow, steady pursuit.
type Adaptive struct {
	P Params
}

// Name implements Detector.
func (Adaptive) Name() string { return "adaptive" }

// Classify implements Detector.
func (a Adaptive) Classify(s []Sample, g Geometry) []Label {
	return a.classifyIn(nil, s, g)
}

// classifyIn is Classify with buffers from ws (nil: fresh ones). The
// labels returned live in ws.
func (a Adaptive) classifyIn(ws *workspace, s []Sample, g Geometry) []Label {
	p := a.P
	tr := newTrackIn(ws, s, g)
	vx, vy := tr.velocity(p.SGWindow)
	v := speedInto(ws.floats(bufSpeed, tr.n), vx, vy)
	lab := ws.labels(tr.n)
	usable := ws.flagsZeroed(bufUsable, tr.n)
	for i, x := range v {
		usable[i] = !math.IsNaN(x) && x < p.MaxSpeed
	}
	// Saccades are detected against the smooth (pursuit) component: on the
	// velocity minus its running median. Blink artefacts are judged on
	// the raw speed against the same thresholds.
	sv := v
	var scratch []float64
	if p.SmoothWindow > 0 {
		sv, scratch = residualSpeed(tr, vx, vy, p.SmoothWindow)
	}
	th := adaptiveThresholds(sv, usable, p.InitialPeak, p.PeakSDs, p.OnsetSDs, ws.floats(bufSorted, tr.n)[:0], scratch, ws.ints(bufCounts, 2*tr.n+1))
	markBlinks(tr, v, th, p, lab)
	markSaccades(tr, sv, usable, th, p, lab)
	markSlow(tr, vx, vy, p, lab)
	return lab
}

// markBlinks labels runs of lost data as blinks, widened over the fast
// artefact on either side (the lid moving over the pupil) and a margin.
func markBlinks(tr *track, v []float64, th thresholds, p Params, lab []Label) {
	margin := int(math.Round(p.BlinkMargin / tr.dt))
	artefact := func(k int) bool { return math.IsNaN(v[k]) || v[k] > th.onset }
	for i := 0; i < tr.n; {
		if tr.valid[i] {
			i++
			continue
		}
		j := i
		for j < tr.n && !tr.valid[j] {
			j++
		}
		lo, hi := i-1, j // extend to lo+1 .. hi-1
		for lo >= 0 && artefact(lo) {
			lo--
		}
		for hi < tr.n && artefact(hi) {
			hi++
		}
		lo, hi = max(lo-margin, -1), min(hi+margin, tr.n)
		for k := lo + 1; k < hi; k++ {
			lab[k] = Blink
		}
		i = max(j, hi)
	}
}
