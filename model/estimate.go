package model

import (
	"math"
	"time"

	"github.com/attnflow/attnflow/flow"
)

// Estimate is the model's view of one window: the state, its
// probabilities, the attention score and the reasons.
type Estimate struct {
	Start time.Time `json:"start"`
	State State     `json:"state"`
	Probs Probs     `json:"probs"`
	// Score is the attention score 0–100: the states' values (away 0,
	// distracted 15, shallow 45, focus 80, deep focus 100) weighted by
	// their probabilities.
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
	Obs     Obs      `json:"features"`
}

// Reason is one feature's contribution to a window's score, in words.
type Reason struct {
	Feature Feature `json:"feature"`
	Text    string  `json:"text"`
	// Effect is how many score points the feature adds (negative: takes
	// away) compared with a typical window: its Shapley share of the score
	// minus the score of a window with every feature Neutral and no
	// history. The effects of all features sum to that difference.
	Effect float64 `json:"effect"`
}

// Neutral is the reference value of each feature against which reasons
// are measured: a typical active minute (active most of it, half in focus
// apps, one switch, typing at the person's median, five minutes into a
// stretch of focus work).
var Neutral = [NumFeatures]float64{0.9, 0.5, 0.5, math.Log1p(1), 0, 0.5}

// MaxReasons is how many reasons an estimate carries.
const MaxReasons = 3

// ScoreOf returns the attention score of a distribution.
func ScoreOf(p Probs) float64 {
	s := 0.0
	for i, v := range p {
		s += v * stateValues[i]
	}
	return s
}

// Filter is the online estimator: it takes windows as they arrive and
// returns each one's estimate given the windows before it.
type Filter struct {
	h       HMM
	cal     *Calibration
	ext     *Extractor
	size    time.Duration
	p       Probs
	started bool
}

// NewFilter returns a filter for windows of the given size.
func NewFilter(h HMM, b Baseline, size time.Duration) *Filter {
	if size <= 0 {
		size = flow.DefaultConfig().Window
	}
	return &Filter{h: h, ext: NewExtractor(b), size: size}
}

// Step estimates the next window.
func (f *Filter) Step(w flow.Window) Estimate {
	o := f.ext.Next(w, f.size)
	pred := f.h.Init
	if f.started {
		pred = f.h.predict(f.p)
	}
	f.started = true
	f.p = f.h.posterior(pred, o.Vector)
	out := f.cal.Apply(f.p, o.Vector)
	return Estimate{Start: w.Start, State: out.Argmax(), Probs: out, Score: math.Round(ScoreOf(out)*10) / 10,
		Reasons: f.h.explain(pred, o, f.ext.Baseline, f.cal), Obs: o}
}

// Filter returns an online estimator with the person's model.
func (t Trained) Filter(size time.Duration) *Filter {
	f := NewFilter(t.HMM, t.Baseline, size)
	f.cal = t.Calibration
	return f
}

// Estimates runs the person's model over consecutive windows.
func (t Trained) Estimates(ws []flow.Window, size time.Duration) []Estimate {
	f := t.Filter(size)
	out := make([]Estimate, len(ws))
	for i, w := range ws {
		out[i] = f.Step(w)
	}
	return out
}

// Estimates runs a new filter over consecutive windows.
func Estimates(h HMM, b Baseline, ws []flow.Window, size time.Duration) []Estimate {
	f := NewFilter(h, b, size)
	out := make([]Estimate, len(ws))
	for i, w := range ws {
		out[i] = f.Step(w)
	}
	return out
}
