package flow

import (
	"math"
	"time"

	"github.com/attnflow/attnflow/gaze"
)

// AttentionState is what a window of the flow was, once gaze is known.
type AttentionState string

// The states of a fused window.
const (
	StateFocus   AttentionState = "focus"   // focus work on the desktop, eyes on the screen
	StateActive  AttentionState = "active"  // other desktop work, eyes on the screen
	StateReading AttentionState = "reading" // little input, but steady gaze on the screen: attention
	StateAway    AttentionState = "away"    // gaze off the screen: a break, whatever the input says
	StateIdle    AttentionState = "idle"    // no input and no gaze on the screen
)

// GazeOptions configure FuseGaze. Zero values take the defaults.
type GazeOptions struct {
	// AwayBelow is the on-screen share under which a window is away
	// (default 0.5).
	AwayBelow float64
	// SteadyAbove is the share of labelled gaze in fixation or pursuit above
	// which on-screen gaze is reading or watching (default 0.5).
	SteadyAbove float64
	// OnFocusAbove is the share of on-screen gaze inside the focused window
	// needed for reading, when that share is known (default 0.5).
	OnFocusAbove float64
}

func (o *GazeOptions) setDefaults() {
	if o.AwayBelow <= 0 {
		o.AwayBelow = 0.5
	}
	if o.SteadyAbove <= 0 {
		o.SteadyAbove = 0.5
	}
	if o.OnFocusAbove <= 0 {
		o.OnFocusAbove = 0.5
	}
}

// GazeWindow is a window of the flow with the gaze recorded in it.
type GazeWindow struct {
	Window
	Gaze  *gaze.WindowFeatures `json:"gaze,omitempty"` // nil: no gaze in this window
	State AttentionState       `json:"state"`
	// AttentionSec is the window's attended time: the desktop's active
	// time, raised to the on-screen gaze time when reading, lowered to it
	// when looking away.
	AttentionSec float64 `json:"attention_sec"`
}

// FuseGaze joins gaze features to the windows of the flow (matched by
// start time; see GazeFeatures for aligned gaze windows) and decides each
// window's state. Windows without gaze keep the desktop's view: focus,
// active, or idle when less than cfg.ActiveWindowShare of the window was
// active.
func FuseGaze(ws []Window, gf []gaze.WindowFeatures, cfg Config, o GazeOptions) []GazeWindow {
	cfg.setDefaults()
	o.setDefaults()
	byStart := make(map[int64]int, len(gf))
	for i, f := range gf {
		byStart[f.Start.UnixNano()] = i
	}
	size := cfg.Window.Seconds()
	out := make([]GazeWindow, len(ws))
	for i, w := range ws {
		out[i] = GazeWindow{Window: w, AttentionSec: w.ActiveSec}
		if k, ok := byStart[w.Start.UnixNano()]; ok && gf[k].Samples > 0 {
			f := gf[k]
			out[i].Gaze = &f
		}
		out[i].State, out[i].AttentionSec = fuseState(w, out[i].Gaze, size, cfg, o)
	}
	return out
}

// fuseState is the state and attended seconds of one window.
func fuseState(w Window, g *gaze.WindowFeatures, size float64, cfg Config, o GazeOptions) (AttentionState, float64) {
	active := w.ActiveSec >= cfg.ActiveWindowShare*size
	desktop := StateIdle
	switch {
	case active && w.Focus:
		desktop = StateFocus
	case active:
		desktop = StateActive
	}
	if g == nil {
		return desktop, w.ActiveSec
	}
	onSec := g.OnScreen * size
	if g.OnScreen < o.AwayBelow {
		return StateAway, math.Min(w.ActiveSec, onSec)
	}
	steady := g.FixationShare >= o.SteadyAbove && (math.IsNaN(g.OnFocus) || g.OnFocus >= o.OnFocusAbove)
	if desktop == StateIdle && steady {
		return StateReading, math.Max(w.ActiveSec, onSec)
	}
	return desktop, w.ActiveSec
}

// GazeFeatures cuts a labelled gaze recording into windows aligned with
// the flow's (Start truncated to cfg.Window, as the flow's windows are).
// start is the wall-clock time of the recording's time zero; samples
// without timestamps are timed by the geometry's rate. focus, when not
// nil, gives the focused window's rectangle at a time.
func GazeFeatures(s []gaze.Sample, labels []gaze.Label, g gaze.Geometry, start time.Time, cfg Config, focus func(time.Time) (gaze.AOI, bool)) []gaze.WindowFeatures {
	cfg.setDefaults()
	aligned := start.Truncate(cfg.Window)
	off := start.Sub(aligned).Seconds()
	shifted := make([]gaze.Sample, len(s))
	for i, smp := range s {
		shifted[i] = smp
		if math.IsNaN(smp.T) && g.Rate > 0 {
			shifted[i].T = float64(i) / g.Rate
		}
		shifted[i].T += off
	}
	var pupil []float64
	if hasPupil(s) {
		pupil, _ = gaze.PupilBaseline(shifted, 1/math.Max(g.Rate, 1), 10)
	}
	return gaze.Windows(shifted, labels, g, gaze.FusionOptions{Start: aligned, Width: cfg.Window, Focus: focus, Pupil: pupil})
}

func hasPupil(s []gaze.Sample) bool {
	for _, smp := range s {
		if smp.Pupil > 0 {
			return true
		}
	}
	return false
}
