package gaze

import (
	"math"
	"testing"
)

func TestKappa(t *testing.T) {
	tests := []struct {
		name string
		a    Agreement
		want float64
	}{
		{"perfect", Agreement{Both: 10, Neither: 90}, 1},
		{"chance", Agreement{Both: 25, OnlyA: 25, OnlyB: 25, Neither: 25}, 0},
		{"opposite", Agreement{OnlyA: 50, OnlyB: 50}, -1},
		// po = .75, pa = .2, pb = .25, pe = .05+.6 = .65, kappa = .1/.35
		{"partial", Agreement{Both: 10, OnlyA: 10, OnlyB: 15, Neither: 65}, 0.1 / 0.35},
		{"empty", Agreement{}, 0},
		{"constant", Agreement{Neither: 7}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Kappa(); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Kappa() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAgreeAddsLikeConcatenation(t *testing.T) {
	a := []Label{Fixation, Saccade, Saccade, PSO, Fixation}
	b := []Label{Fixation, Saccade, Fixation, PSO, Saccade}
	whole := Agree(append(a, a...), append(b, b...), Saccade)
	half := Agree(a, b, Saccade)
	if got := half.Add(half); got != whole {
		t.Errorf("Agree halves summed = %+v, want %+v", got, whole)
	}
	if want := (Agreement{Both: 1, OnlyA: 1, OnlyB: 1, Neither: 2}); half != want {
		t.Errorf("Agree = %+v, want %+v", half, want)
	}
}
