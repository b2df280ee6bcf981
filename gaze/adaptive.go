package gaze

import "math"

// Params tunes the adaptive detector. Times are in seconds, velocities in
// degrees per second. DefaultParams holds the values chosen by
// leave-one-recording-out cross-validation on the development data.
type Params struct {
	SGWindow      float64 // Savitzky–Golay velocity window
	MaxSpeed      float64 // faster than this is a tracker artefact, not an eye movement
	InitialPeak   float64 // start of the peak-threshold iteration
	PeakSDs       float64 // peak threshold = noise mean + PeakSDs·SD
	OnsetSDs      float64 // onset threshold = noise mean + OnsetSDs·SD
	MinSaccade    float64 // shorter saccade candidates are dropped
	PSOWindow     float64 // a PSO must start within this after a saccade ends
	PSOFactor     float64 // a PSO bump exceeds PSOFactor × the saccade's offset threshold
	PursuitWindow float64 // window over which velocity is averaged to tell pursuit from fixation
	PursuitSpeed  float64 // averaged speed above this is smooth pursuit
	MinFixation   float64 // shorter fixations join the surrounding pursuit
	MinPursuit    float64 // shorter pursuits become fixation...
	FastPursuit   float64 // ...unless their averaged speed exceeds this
	BlinkMargin   float64 // extra time labelled blink on each side of lost data
	SmoothWindow  float64 // when > 0, detect saccades on velocity minus its running median over this window
	OffsetScale   float64 // a saccade ends below OffsetScale × its local offset threshold
	OffsetDip     float64 // or at a velocity minimum below OffsetDip × its peak velocity (0: off)
}

// DefaultParams returns the parameters of the default detector.
func DefaultParams() Params {
	return Params{
		SGWindow:      0.006,
		MaxSpeed:      1000,
		InitialPeak:   100,
		PeakSDs:       8,
		OnsetSDs:      5,
		MinSaccade:    0.010,
		PSOFactor:     1.1,
		OffsetScale:   1.5,
		OffsetDip:     0.2,
		PursuitWindow: 0.200,
		PursuitSpeed:  1.5,
		MinFixation:   0.040,
		MinPursuit:    0.240,
		FastPursuit:   6,
		BlinkMargin:   0.010,
		SmoothWindow:  0.300,
		PSOWindow:     0.030,
	}
}

// Adaptive is attnflow's default detector: Savitzky–Golay velocities,
// Nyström–Holmqvist data-driven saccade thresholds with local offset
// thresholds, PSO after saccades, blinks from lost data widened over the
// surrounding artefact, and fixation vs smooth pursuit from the velocity
// averaged over a longer window (as REMoDNaV does), with minimum durations.
type Adaptive struct {
	P Params
}

// Name implements Detector.
func (Adaptive) Name() string { return "adaptive" }

// Classify implements Detector.
func (a Adaptive) Classify(s []Sample, g Geometry) []Label {
	p := a.P
	tr := newTrack(s, g)
	vx, vy := tr.velocity(p.SGWindow)
	v := speed(vx, vy)
	lab := make([]Label, tr.n)
	usable := make([]bool, tr.n)
	for i, x := range v {
		usable[i] = !math.IsNaN(x) && x < p.MaxSpeed
	}
	// Saccades are detected against the smooth (pursuit) component: on the
	// velocity minus its running median. Blink artefacts are judged on
	// the raw speed against the same thresholds.
	sv := v
	if p.SmoothWindow > 0 {
		sv = speed(residual(tr, vx, vy, p.SmoothWindow))
	}
	th := adaptiveThresholds(sv, usable, p.InitialPeak, p.PeakSDs, p.OnsetSDs)
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
