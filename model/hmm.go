package model

import (
	"math"
)

// Probs is a distribution over the states.
type Probs [NumStates]float64

// Argmax returns the most probable state.
func (p Probs) Argmax() State {
	best := State(0)
	for s := State(1); s < NumStates; s++ {
		if p[s] > p[best] {
			best = s
		}
	}
	return best
}

// Gauss is a normal distribution of one feature in one state.
type Gauss struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

func (g Gauss) logPDF(x float64) float64 {
	z := (x - g.Mean) / g.SD
	return -0.5*z*z - math.Log(g.SD) - 0.5*math.Log(2*math.Pi)
}

// HMM is the hidden Markov model: per-state emission distributions of the
// features (independent given the state), the transition matrix between
// consecutive windows and the initial distribution.
type HMM struct {
	Emit  [NumStates][NumFeatures]Gauss `json:"emit"`
	Trans [NumStates]Probs              `json:"trans"`
	Init  Probs                         `json:"init"`
}

// PriorHMM returns the day-one model. Its numbers are the meaning of the
// states, written down: deep focus is focus-app work with few switches,
// brisk typing and at least ten minutes without a break-in; focus is the
// same before that; shallow work is neutral apps (mail, chat, admin) with
// switching; distracted is time in apps scored below zero; away is a
// window without activity. Transitions make states last minutes, not
// seconds, and let deep focus be entered only through focus.
func PriorHMM() HMM {
	g := func(m, sd float64) Gauss { return Gauss{Mean: m, SD: sd} }
	var h HMM
	//                 active        focus share    category       switches       typing        focus run
	h.Emit[Away] = [NumFeatures]Gauss{g(0.02, 0.12), g(0.5, 0.6), g(0, 2), g(0.5, 1), g(-1, 2), g(0.3, 1)}
	h.Emit[Distracted] = [NumFeatures]Gauss{g(0.9, 0.25), g(0.08, 0.2), g(-1.4, 0.7), g(0.9, 0.6), g(-0.3, 1.2), g(0, 0.25)}
	h.Emit[Shallow] = [NumFeatures]Gauss{g(0.9, 0.25), g(0.1, 0.2), g(0, 0.5), g(0.9, 0.6), g(-0.2, 1.2), g(0, 0.25)}
	h.Emit[Focus] = [NumFeatures]Gauss{g(0.9, 0.25), g(0.92, 0.15), g(1.6, 0.6), g(0.5, 0.5), g(0.3, 1.2), g(0.45, 0.35)}
	h.Emit[DeepFocus] = [NumFeatures]Gauss{g(0.9, 0.25), g(0.98, 0.08), g(1.7, 0.5), g(0.3, 0.5), g(0.6, 1.2), g(1.6, 0.4)}
	h.Trans = [NumStates]Probs{
		Away:       {0.92, 0.02, 0.04, 0.019, 0.001},
		Distracted: {0.03, 0.85, 0.07, 0.049, 0.001},
		Shallow:    {0.03, 0.04, 0.88, 0.049, 0.001},
		Focus:      {0.02, 0.02, 0.03, 0.88, 0.05},
		DeepFocus:  {0.01, 0.02, 0.02, 0.02, 0.93},
	}
	h.Init = Probs{0.6, 0.1, 0.2, 0.09, 0.01}
	return h
}

// logEmit returns the log-likelihood of v in every state.
func (h *HMM) logEmit(v Vector) Probs {
	var out Probs
	for s := range State(NumStates) {
		for f := range Feature(NumFeatures) {
			if !v.Missing[f] {
				out[s] += h.Emit[s][f].logPDF(v.X[f])
			}
		}
	}
	return out
}

// emit returns the likelihoods of v scaled so that the largest is 1.
func (h *HMM) emit(v Vector) Probs {
	l := h.logEmit(v)
	m := l[0]
	for _, x := range l[1:] {
		m = math.Max(m, x)
	}
	for s := range l {
		l[s] = math.Exp(l[s] - m)
	}
	return l
}

// predict returns the state distribution one window after p.
func (h *HMM) predict(p Probs) Probs {
	var out Probs
	for i := range State(NumStates) {
		for j := range State(NumStates) {
			out[j] += p[i] * h.Trans[i][j]
		}
	}
	return out
}

// update combines a prediction with the likelihoods and normalises.
func update(pred, like Probs) Probs {
	var out Probs
	sum := 0.0
	for s := range out {
		out[s] = pred[s] * like[s]
		sum += out[s]
	}
	if sum <= 0 || math.IsNaN(sum) {
		return pred
	}
	for s := range out {
		out[s] /= sum
	}
	return out
}

// Forward returns the filtered distributions: each window's state given
// the windows up to it.
func (h *HMM) Forward(obs []Obs) []Probs {
	out := make([]Probs, len(obs))
	p := h.Init
	for i, o := range obs {
		if i > 0 {
			p = h.predict(p)
		}
		p = update(p, h.emit(o.Vector))
		out[i] = p
	}
	return out
}

// Smooth returns each window's state distribution given all windows
// (forward-backward).
func (h *HMM) Smooth(obs []Obs) []Probs {
	alpha := h.Forward(obs)
	n := len(obs)
	if n == 0 {
		return nil
	}
	out := make([]Probs, n)
	beta := Probs{1, 1, 1, 1, 1}
	out[n-1] = alpha[n-1]
	for t := n - 2; t >= 0; t-- {
		like := h.emit(obs[t+1].Vector)
		var nb Probs
		sum := 0.0
		for i := range State(NumStates) {
			for j := range State(NumStates) {
				nb[i] += h.Trans[i][j] * like[j] * beta[j]
			}
			sum += nb[i]
		}
		for i := range nb {
			nb[i] /= sum
		}
		beta = nb
		out[t] = update(alpha[t], beta)
	}
	return out
}

// Viterbi returns the most probable state sequence.
func (h *HMM) Viterbi(obs []Obs) []State {
	n := len(obs)
	if n == 0 {
		return nil
	}
	var logT [NumStates]Probs
	for i := range logT {
		for j := range logT[i] {
			logT[i][j] = math.Log(h.Trans[i][j])
		}
	}
	back := make([][NumStates]State, n)
	var d Probs
	e := h.logEmit(obs[0].Vector)
	for s := range d {
		d[s] = math.Log(h.Init[s]) + e[s]
	}
	for t := 1; t < n; t++ {
		e = h.logEmit(obs[t].Vector)
		var nd Probs
		for j := range State(NumStates) {
			best, arg := math.Inf(-1), State(0)
			for i := range State(NumStates) {
				if v := d[i] + logT[i][j]; v > best {
					best, arg = v, i
				}
			}
			nd[j], back[t][j] = best+e[j], arg
		}
		d = nd
	}
	out := make([]State, n)
	out[n-1] = d.Argmax()
	for t := n - 1; t > 0; t-- {
		out[t-1] = back[t][out[t]]
	}
	return out
}
