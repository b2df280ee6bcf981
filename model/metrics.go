package model

import "math"

// Scores are the classification figures of a set of predictions.
type Scores struct {
	N                int     `json:"n"`
	Accuracy         float64 `json:"accuracy"`
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	MacroF1          float64 `json:"macro_f1"`
	// ECE is the expected calibration error of the top probability (10
	// equal-width bins); Brier the multi-class Brier score (0 best, 2
	// worst). Both are NaN when no probabilities were given.
	ECE   float64            `json:"ece"`
	Brier float64            `json:"brier"`
	F1    [NumStates]float64 `json:"f1"`
	// Present marks the classes that occur in the truth; macro figures
	// average over them.
	Present [NumStates]bool `json:"present"`
}

// Evaluate scores predicted states against true ones. probs may be nil;
// when given it holds each prediction's distribution.
func Evaluate(truth, pred []State, probs []Probs) Scores {
	var conf [NumStates][NumStates]int
	sc := Scores{N: len(truth), ECE: math.NaN(), Brier: math.NaN()}
	if len(truth) == 0 {
		return sc
	}
	correct := 0
	for i, t := range truth {
		conf[t][pred[i]]++
		if t == pred[i] {
			correct++
		}
	}
	sc.Accuracy = float64(correct) / float64(len(truth))
	classes := 0
	for s := range State(NumStates) {
		tp, fn, fp := conf[s][s], 0, 0
		for o := range State(NumStates) {
			if o != s {
				fn += conf[s][o]
				fp += conf[o][s]
			}
		}
		if tp+fn == 0 {
			continue
		}
		sc.Present[s] = true
		classes++
		sc.BalancedAccuracy += float64(tp) / float64(tp+fn)
		if tp > 0 {
			sc.F1[s] = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
		sc.MacroF1 += sc.F1[s]
	}
	sc.BalancedAccuracy /= float64(classes)
	sc.MacroF1 /= float64(classes)
	if probs != nil {
		sc.ECE, sc.Brier = calibration(truth, probs)
	}
	return sc
}

// calibration returns the expected calibration error of the top class
// and the multi-class Brier score.
func calibration(truth []State, probs []Probs) (ece, brier float64) {
	const bins = 10
	var n, conf, acc [bins]float64
	for i, p := range probs {
		top := p.Argmax()
		b := min(int(p[top]*bins), bins-1)
		n[b]++
		conf[b] += p[top]
		if top == truth[i] {
			acc[b]++
		}
		for s := range p {
			y := 0.0
			if State(s) == truth[i] {
				y = 1
			}
			brier += (p[s] - y) * (p[s] - y)
		}
	}
	total := float64(len(probs))
	for b := range n {
		if n[b] > 0 {
			ece += math.Abs(acc[b]-conf[b]) / total
		}
	}
	return ece, brier / total
}
