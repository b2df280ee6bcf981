package model

import (
	"math"
	"testing"
	"time"
)

// TestCalibrationLearnsThePerson: a person who calls slow-typing focus-app
// minutes "shallow" (reading mail in the IDE's panel, say) teaches the
// personal model so, while brisk focus minutes stay focus.
func TestCalibrationLearnsThePerson(t *testing.T) {
	h := PriorHMM()
	slow, brisk := win(0, "focus"), win(0, "focus")
	slow.KeysPerMin, brisk.KeysPerMin = 2, 150
	var ex []Example
	for g := range 30 {
		w, label := brisk, Focus
		if g%2 == 0 {
			w, label = slow, Shallow
		}
		obs := Observe(seq("focus", "focus"), testBaseline, time.Minute)
		o := NewExtractor(testBaseline).Next(w, time.Minute)
		pred := h.predict(h.Forward(obs)[1])
		ex = append(ex, Example{Probs: h.posterior(pred, o.Vector), Vector: o.Vector, State: label, Group: g})
	}
	c := TrainCalibration(ex, 0.01, 30)
	for _, e := range ex[:2] {
		if got := c.Apply(e.Probs, e.Vector).Argmax(); got != e.State {
			t.Errorf("label %v: calibrated %v (day-one %v)", e.State, got, e.Probs.Argmax())
		}
	}
	if ex[0].Probs.Argmax() == Shallow {
		t.Fatal("the day-one model already says shallow: the test teaches nothing")
	}
}

func TestCalibrationWithoutLabels(t *testing.T) {
	p := Probs{0.1, 0.1, 0.2, 0.5, 0.1}
	var v Vector
	v.X = Neutral
	for name, c := range map[string]*Calibration{"nil": nil, "no labels": TrainCalibration(nil, 1, 0),
		"only away": TrainCalibration([]Example{{Probs: p, Vector: v, State: Away}}, 1, 1)} {
		got := c.Apply(p, v)
		for s := range got {
			if math.Abs(got[s]-p[s]) > 1e-9 {
				t.Errorf("%s: Apply = %v, want the day-one %v", name, got, p)
				break
			}
		}
	}
}

// TestCalibrationContradictoryLabels: the same minute reported as deep
// focus and as distracted in turn teaches nothing; the day-one answer
// stands.
func TestCalibrationContradictoryLabels(t *testing.T) {
	h := PriorHMM()
	obs := Observe(seq(repeat("focus", 4)...), testBaseline, time.Minute)
	p := h.Forward(obs)[3]
	var ex []Example
	for g := range 40 {
		label := DeepFocus
		if g%2 == 1 {
			label = Distracted
		}
		ex = append(ex, Example{Probs: p, Vector: obs[3].Vector, State: label, Group: g})
	}
	c := TrainCalibration(ex, DefaultLambda, 40)
	if got := c.Apply(p, obs[3].Vector).Argmax(); got != p.Argmax() {
		t.Errorf("after contradictory labels: %v, day-one %v", got, p.Argmax())
	}
}
