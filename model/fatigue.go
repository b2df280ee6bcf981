package model

import (
	"fmt"
	"math"
	"time"

	"github.com/attnflow/attnflow/flow"
)

// Fatigue is the within-day fatigue estimate of one window: time on task
// since the last break and the drift of the person's own rhythm in focus
// work from their first hour of focus work that day (typing slower,
// switching more, shorter stays on one app), each a marker with its words.
type Fatigue struct {
	At time.Time `json:"at"`
	// Level is 0 (fresh) to 100 (very tired).
	Level float64 `json:"level"`
	// TimeOnTaskMin is the active time since the last break.
	TimeOnTaskMin float64  `json:"time_on_task_min"`
	Markers       []Marker `json:"markers"`
	// Onset is when the current stretch of work became fatigued (Level
	// at least OnsetLevel for OnsetWindows windows), nil before that.
	Onset *time.Time `json:"onset,omitempty"`
}

// Marker is one fatigue marker: its relative change from the morning
// reference (positive = in the tired direction) and its words.
type Marker struct {
	Name   string  `json:"name"`
	Change float64 `json:"change"`
	Text   string  `json:"text"`
}

// FatigueConfig holds the fatigue model's settings. Zero fields take the
// defaults.
type FatigueConfig struct {
	// FullAfter is the time on task at which the time-on-task part is
	// full (default 3 h).
	FullAfter time.Duration
	// Saturation is the drift of a marker that counts fully (default 0.3,
	// i.e. 30% slower, more or shorter).
	Saturation float64
	// OnsetLevel and OnsetWindows define the onset (default 25, chosen
	// on the tuning set, and 5).
	OnsetLevel   float64
	OnsetWindows int
	// ReferenceWindows is how many active focus windows make the
	// morning reference (default 60).
	ReferenceWindows int
}

func (c FatigueConfig) withDefaults() FatigueConfig {
	if c.FullAfter <= 0 {
		c.FullAfter = 3 * time.Hour
	}
	if c.Saturation <= 0 {
		c.Saturation = 0.3
	}
	if c.OnsetLevel <= 0 {
		c.OnsetLevel = 25
	}
	if c.OnsetWindows <= 0 {
		c.OnsetWindows = 5
	}
	if c.ReferenceWindows <= 0 {
		c.ReferenceWindows = 60
	}
	return c
}

// rhythm is a running mean of one marker.
type rhythm struct {
	ref, refN float64 // morning reference
	cur       float64 // exponential moving average
	curSet    bool
}

const emaAlpha = 1 - 0.977 // half-life of about 30 active windows

func (r *rhythm) add(x float64, morning bool) {
	if morning {
		r.ref += x
		r.refN++
	}
	if !r.curSet {
		r.cur, r.curSet = x, true
		return
	}
	r.cur += emaAlpha * (x - r.cur)
}

// drift is the relative change from the morning, signed so that positive
// is the tired direction (up when higher means tired).
func (r *rhythm) drift(up bool) (float64, bool) {
	if r.refN < 10 || !r.curSet {
		return 0, false
	}
	ratio := math.Exp(r.cur - r.ref/r.refN)
	if up {
		return ratio - 1, true
	}
	return 1 - ratio, true
}

// FatigueTracker follows one day's windows in order.
type FatigueTracker struct {
	cfg                   FatigueConfig
	typing, switches, dwl rhythm
	active                int
	above                 int
	onset                 *time.Time
	lastTOT               float64
}

// NewFatigueTracker starts a day.
func NewFatigueTracker(cfg FatigueConfig) *FatigueTracker {
	return &FatigueTracker{cfg: cfg.withDefaults()}
}

// Step adds the next window of the day and returns the estimate.
func (t *FatigueTracker) Step(w flow.Window) Fatigue {
	tot := w.ContinuousWorkSec / 60
	if tot < t.lastTOT { // a break: a new stretch
		t.above, t.onset = 0, nil
	}
	t.lastTOT = tot
	// Markers compare like with like: focus work with focus work.
	if activeShare(w) >= 0.5 && w.Focus {
		morning := t.active < t.cfg.ReferenceWindows
		t.active++
		if w.KeysPerMin >= 5 {
			t.typing.add(math.Log1p(w.KeysPerMin), morning)
		}
		t.switches.add(math.Log1p(float64(w.Switches)), morning)
		if w.DwellMeanSec > 0 {
			t.dwl.add(math.Log(w.DwellMeanSec), morning)
		}
	}
	f := Fatigue{At: w.Start, TimeOnTaskMin: math.Round(tot*10) / 10}
	f.Markers = t.markers()
	drift := 0.0
	for _, m := range f.Markers {
		drift += math.Min(math.Max(m.Change, 0)/t.cfg.Saturation, 1) / 3
	}
	totPart := math.Min(tot/t.cfg.FullAfter.Minutes(), 1)
	f.Level = math.Round(100*(0.6*totPart+0.4*drift)*10) / 10
	if f.Level >= t.cfg.OnsetLevel {
		t.above++
		if t.above >= t.cfg.OnsetWindows && t.onset == nil {
			on := w.Start.Add(-time.Duration(t.cfg.OnsetWindows-1) * time.Minute)
			t.onset = &on
		}
	} else {
		t.above = 0
	}
	f.Onset = t.onset
	return f
}

func (t *FatigueTracker) markers() []Marker {
	var out []Marker
	if d, ok := t.typing.drift(false); ok {
		out = append(out, Marker{Name: "typing", Change: d, Text: paceText("typing rhythm", -d, "than your morning")})
	}
	if d, ok := t.switches.drift(true); ok {
		out = append(out, Marker{Name: "switches", Change: d, Text: paceText("switching", d, "than in your morning")})
	}
	if d, ok := t.dwl.drift(false); ok {
		out = append(out, Marker{Name: "dwell", Change: d, Text: paceText("stays on one app", -d, "than in your morning")})
	}
	return out
}

// paceText words a relative change: "typing rhythm 30% slower than your
// morning".
func paceText(what string, rel float64, than string) string {
	if math.Abs(rel) < 0.05 {
		return what + " as in your morning"
	}
	dir := map[string][2]string{"typing rhythm": {"faster", "slower"}, "switching": {"more", "less"}, "stays on one app": {"longer", "shorter"}}[what]
	word := dir[0]
	if rel < 0 {
		word = dir[1]
	}
	return fmt.Sprintf("%s %.0f%% %s %s", what, 100*math.Abs(rel), word, than)
}

// FatigueDay runs a tracker over a day's windows.
func FatigueDay(ws []flow.Window, cfg FatigueConfig) []Fatigue {
	t := NewFatigueTracker(cfg)
	out := make([]Fatigue, len(ws))
	for i, w := range ws {
		out[i] = t.Step(w)
	}
	return out
}
