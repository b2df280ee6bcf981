package model

import (
	"math"
	"sort"
)

// FHistory stands for the windows before this one (what the model
// expected before seeing it) among the reasons.
const FHistory Feature = NumFeatures

// posterior is the state distribution given the prediction and v.
func (h *HMM) posterior(pred Probs, v Vector) Probs { return update(pred, h.emit(v)) }

// players are the parts of an explanation: the observed features and the
// history, each with its log-likelihood per state when present and when
// replaced by its reference.
type player struct {
	f         Feature
	on, off   Probs
	isHistory bool
}

func (h *HMM) players(pred Probs, v Vector) []player {
	var ps []player
	for f := range Feature(NumFeatures) {
		if v.Missing[f] {
			continue
		}
		p := player{f: f}
		for s := range State(NumStates) {
			p.on[s] = h.Emit[s][f].logPDF(v.X[f])
			p.off[s] = h.Emit[s][f].logPDF(Neutral[f])
		}
		ps = append(ps, p)
	}
	hist := player{f: FHistory, isHistory: true}
	for s := range State(NumStates) {
		hist.on[s] = math.Log(math.Max(pred[s], 1e-300))
		hist.off[s] = math.Log(1.0 / NumStates)
	}
	return append(ps, hist)
}

// subsetScore is the score with the players in mask present, through
// the calibration when there is one (absent features enter it neutral).
func subsetScore(ps []player, mask int, v Vector, cal *Calibration) float64 {
	var l Probs
	for i, p := range ps {
		src := &p.off
		if mask&(1<<i) != 0 {
			src = &p.on
		}
		for s := range l {
			l[s] += src[s]
		}
	}
	m := l[0]
	for _, x := range l[1:] {
		m = math.Max(m, x)
	}
	var p Probs
	sum := 0.0
	for s := range l {
		p[s] = math.Exp(l[s] - m)
		sum += p[s]
	}
	for s := range p {
		p[s] /= sum
	}
	if cal != nil {
		for i, pl := range ps {
			if !pl.isHistory && mask&(1<<i) == 0 {
				v.X[pl.f] = Neutral[pl.f]
			}
		}
		p = cal.Apply(p, v)
	}
	return ScoreOf(p)
}

// shapley returns each player's exact Shapley value of the score.
func shapley(ps []player, v Vector, cal *Calibration) []float64 {
	n := len(ps)
	scores := make([]float64, 1<<n)
	for m := range scores {
		scores[m] = subsetScore(ps, m, v, cal)
	}
	fact := make([]float64, n+1)
	fact[0] = 1
	for i := 1; i <= n; i++ {
		fact[i] = fact[i-1] * float64(i)
	}
	out := make([]float64, n)
	for m := range scores {
		k := popcount(m)
		for i := range n {
			if m&(1<<i) != 0 {
				continue
			}
			w := fact[k] * fact[n-k-1] / fact[n]
			out[i] += w * (scores[m|1<<i] - scores[m])
		}
	}
	return out
}

func popcount(m int) int {
	c := 0
	for ; m != 0; m &= m - 1 {
		c++
	}
	return c
}

// Explain returns the reasons for the score of observation o given the
// prediction pred (the state distribution expected before seeing it),
// strongest first: each feature's Shapley share of the difference between
// the score and the score of a neutral window without history.
func (h *HMM) Explain(pred Probs, o Obs, b Baseline) []Reason {
	return h.explain(pred, o, b, nil)
}

func (h *HMM) explain(pred Probs, o Obs, b Baseline, cal *Calibration) []Reason {
	ps := h.players(pred, o.Vector)
	vals := shapley(ps, o.Vector, cal)
	var out []Reason
	for i, p := range ps {
		if math.Abs(vals[i]) < 0.5 {
			continue
		}
		text := ""
		if p.isHistory {
			text = historyText(pred)
		} else {
			text = describe(p.f, o, b)
		}
		out = append(out, Reason{Feature: p.f, Effect: math.Round(vals[i]*10) / 10, Text: text})
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].Effect) > math.Abs(out[j].Effect) })
	return out[:min(len(out), MaxReasons)]
}

// ReferenceScore is the score of a window with every feature Neutral and
// no history; a window's reasons explain its distance from it.
func (h *HMM) ReferenceScore() float64 {
	var v Vector
	v.X = Neutral
	ps := h.players(Probs{0.2, 0.2, 0.2, 0.2, 0.2}, v)
	return subsetScore(ps, 0, v, nil)
}
