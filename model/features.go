package model

import (
	"math"
	"slices"
	"time"

	"github.com/attnflow/attnflow/flow"
)

// Feature indexes one of the model's window features.
type Feature int

// The features of a window.
const (
	// FActive is the share of the window the person was active (0..1).
	FActive Feature = iota
	// FFocusShare is the share of active time in focus apps (0..1).
	FFocusShare
	// FCategory is the time-weighted category score (-2..+2).
	FCategory
	// FSwitches is log(1 + app switches in the window).
	FSwitches
	// FTyping is the typing rate against the person's own median, in
	// robust standard deviations of log(1 + keys per minute).
	FTyping
	// FFocusRun is the minutes of focus work without a break-in up to
	// and including the window, over 10 and capped at 2.
	FFocusRun
	// NumFeatures is the number of features.
	NumFeatures = 6
)

var featureNames = [NumFeatures]string{"active", "focus_share", "category_score", "switches", "typing", "focus_run"}

// String names the feature.
func (f Feature) String() string {
	if f == FHistory {
		return "history"
	}
	return featureNames[f]
}

// MarshalText writes the feature's name.
func (f Feature) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Vector holds a window's features. Missing marks the features that say
// nothing about the window (everything but FActive when nobody was there).
type Vector struct {
	X       [NumFeatures]float64
	Missing [NumFeatures]bool
}

// Obs is one observed window: its start, raw inputs kept for the reasons,
// and its features.
type Obs struct {
	Start    time.Time `json:"start"`
	Vector   Vector    `json:"-"`
	Switches int       `json:"switches"`
	KeysMin  float64   `json:"keys_per_min"`
	RunMin   float64   `json:"focus_run_min"`
	Category string    `json:"category,omitempty"`
	App      string    `json:"app,omitempty"`
}

// Baseline is the person's typical rhythm, against which typing is
// measured: the median and robust spread of log(1 + keys per minute) over
// active windows.
type Baseline struct {
	KeysMedian float64 `json:"keys_median"`
	KeysSpread float64 `json:"keys_spread"`
	Windows    int     `json:"windows"`
}

// defaultBaseline is used before the person has enough history: about 40
// keys per minute with a wide spread.
var defaultBaseline = Baseline{KeysMedian: math.Log1p(40), KeysSpread: 1}

// minActive is the active share below which only FActive is observed.
const minActive = 0.1

// FitBaseline measures the person's rhythm from their windows; with fewer
// than 60 active windows it returns the default.
func FitBaseline(ws []flow.Window) Baseline {
	var k []float64
	for _, w := range ws {
		if activeShare(w) >= 0.5 {
			k = append(k, math.Log1p(w.KeysPerMin))
		}
	}
	if len(k) < 60 {
		b := defaultBaseline
		b.Windows = len(k)
		return b
	}
	slices.Sort(k)
	med := k[len(k)/2]
	dev := make([]float64, len(k))
	for i, v := range k {
		dev[i] = math.Abs(v - med)
	}
	slices.Sort(dev)
	spread := math.Max(1.4826*dev[len(dev)/2], 0.2)
	return Baseline{KeysMedian: med, KeysSpread: spread, Windows: len(k)}
}

func activeShare(w flow.Window) float64 { return clamp(1-w.IdleShare, 0, 1) }

// Extractor turns consecutive windows into observations. It keeps the
// running focus clock, so windows must come in time order; a gap resets it.
type Extractor struct {
	Baseline Baseline
	run      float64 // minutes of focus work without a break-in
	idle     int     // consecutive windows nearly idle
	next     time.Time
}

// NewExtractor returns an extractor measuring against b.
func NewExtractor(b Baseline) *Extractor { return &Extractor{Baseline: b} }

// Next returns the observation of w, the window after the previous one.
func (e *Extractor) Next(w flow.Window, size time.Duration) Obs {
	if !e.next.IsZero() && !w.Start.Equal(e.next) {
		e.run, e.idle = 0, 0
	}
	e.next = w.Start.Add(size)
	a := activeShare(w)
	o := Obs{Start: w.Start, Switches: w.Switches, KeysMin: w.KeysPerMin, Category: w.DominantCategory, App: w.DominantApp}
	v := &o.Vector
	v.X[FActive] = a
	e.advanceRun(w, a, size)
	o.RunMin = e.run
	if a < minActive {
		for f := FFocusShare; f < NumFeatures; f++ {
			v.Missing[f] = true
		}
		return o
	}
	v.X[FFocusShare] = clamp(w.FocusShare, 0, 1)
	v.X[FCategory] = clamp(w.Score, -2, 2)
	v.X[FSwitches] = math.Log1p(float64(w.Switches))
	b := e.Baseline
	if b.KeysSpread <= 0 {
		b = defaultBaseline
	}
	v.X[FTyping] = clamp((math.Log1p(w.KeysPerMin)-b.KeysMedian)/b.KeysSpread, -4, 4)
	v.X[FFocusRun] = math.Min(e.run/10, 2)
	return o
}

// advanceRun updates the focus clock: focus windows add to it, an
// off-focus window or three idle windows in a row reset it.
func (e *Extractor) advanceRun(w flow.Window, a float64, size time.Duration) {
	switch {
	case a < 0.2:
		e.idle++
		if e.idle >= 3 {
			e.run = 0
		}
	case w.FocusShare >= 0.9:
		e.idle = 0
		e.run += size.Minutes() * a
	default:
		e.idle = 0
		e.run = 0
	}
}

// Observe extracts the observations of consecutive windows.
func Observe(ws []flow.Window, b Baseline, size time.Duration) []Obs {
	e := NewExtractor(b)
	out := make([]Obs, len(ws))
	for i, w := range ws {
		out[i] = e.Next(w, size)
	}
	return out
}

func clamp(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return lo
	}
	return math.Max(lo, math.Min(hi, x))
}
