package model

import (
	"math"
)

// calInputs is the length of the calibration model's input: the day-one
// model's log-probabilities of the states, the features and a bias.
const calInputs = NumStates + NumFeatures + 1

// logFloor bounds the log-probabilities given to the calibration model.
var logFloor = math.Log(1e-4)

// Calibration is the personal model: a multinomial logistic regression
// from the day-one model's state probabilities and the window's features
// to the state, regularised toward the weights that reproduce the day-one
// model, so that with few labels it stays close to it and with more it
// learns the person's own mapping.
type Calibration struct {
	W [NumStates][calInputs]float64 `json:"w"`
	// Lambda is the strength of the pull toward the day-one model.
	Lambda float64 `json:"lambda"`
	// Labels is the number of check-ins it was trained on.
	Labels int `json:"labels"`
}

// priorWeights reproduce the day-one model: each state's weight on its own
// (scaled) log-probability undoes the scaling; nothing else.
func priorWeights() [NumStates][calInputs]float64 {
	var w [NumStates][calInputs]float64
	for s := range NumStates {
		w[s][s] = -logFloor
	}
	return w
}

// calInput builds the calibration input of a window.
func calInput(p Probs, v Vector) [calInputs]float64 {
	var z [calInputs]float64
	for s := range NumStates {
		z[s] = math.Max(math.Log(p[s]), logFloor) / -logFloor
	}
	for f := range NumFeatures {
		x := v.X[f]
		if v.Missing[f] {
			x = Neutral[f]
		}
		z[NumStates+f] = x - Neutral[f]
	}
	z[calInputs-1] = 1
	return z
}

// Apply maps the day-one model's distribution and the window's features
// to the personal distribution. Away is observed, not reported: its
// probability is kept and the calibration shares out the rest among the
// active states. A nil calibration returns p.
func (c *Calibration) Apply(p Probs, v Vector) Probs {
	if c == nil {
		return p
	}
	q := c.apply(calInput(p, v))
	for s := Distracted; s < NumStates; s++ {
		q[s] *= 1 - p[Away]
	}
	q[Away] = p[Away]
	return q
}

// apply returns the distribution over the active states (Away gets 0).
func (c *Calibration) apply(z [calInputs]float64) Probs {
	var l Probs
	m := math.Inf(-1)
	for s := Distracted; s < NumStates; s++ {
		for j, x := range z {
			l[s] += c.W[s][j] * x
		}
		m = math.Max(m, l[s])
	}
	sum := 0.0
	for s := Distracted; s < NumStates; s++ {
		l[s] = math.Exp(l[s] - m)
		sum += l[s]
	}
	for s := Distracted; s < NumStates; s++ {
		l[s] /= sum
	}
	l[Away] = 0
	return l
}

// Example is one labelled window for training.
type Example struct {
	Probs  Probs  // the day-one model's distribution
	Vector Vector // the window's features
	State  State  // the label
	// Group ties the windows of one check-in together: a check-in
	// reports the state that held most of the span, not every window's.
	Group int
}

// TrainCalibration fits the personal model to labelled windows by
// gradient descent, until no weight moves by more than 1e-5. A check-in
// says what most of its span was, so each check-in's loss is the negative
// log of the mean probability its windows give the reported state
// (windows that disagree are not forced); the check-ins count equally, and
// lambda/2 times the squared distance from the day-one weights keeps the
// model near the day-one model when labels are few. labels is the number
// of check-ins behind the examples.
func TrainCalibration(ex []Example, lambda float64, labels int) *Calibration {
	c := &Calibration{W: priorWeights(), Lambda: lambda, Labels: labels}
	groups := map[int][]int{}
	zs := make([][calInputs]float64, len(ex))
	for i, e := range ex {
		if e.State == Away {
			continue // check-ins describe the person at work
		}
		zs[i] = calInput(e.Probs, e.Vector)
		groups[e.Group] = append(groups[e.Group], i)
	}
	if len(groups) == 0 {
		return c
	}
	prior := priorWeights()
	ps := make([]Probs, len(ex))
	const iters, rate, tol = 600, 0.2, 1e-5
	for range iters {
		var g [NumStates][calInputs]float64
		for _, idx := range groups {
			sum := 0.0
			for _, i := range idx {
				ps[i] = c.apply(zs[i])
				sum += ps[i][ex[i].State]
			}
			for _, i := range idx {
				r := ps[i][ex[i].State] / math.Max(sum, 1e-12) / float64(len(groups))
				addGrad(&g, ps[i], ex[i].State, zs[i], r)
			}
		}
		step := 0.0
		for s := range NumStates {
			for j := range calInputs {
				g[s][j] += lambda * (c.W[s][j] - prior[s][j])
				c.W[s][j] -= rate * g[s][j]
				step = math.Max(step, math.Abs(rate*g[s][j]))
			}
		}
		if step < tol {
			break
		}
	}
	return c
}

// addGrad adds r times the cross-entropy gradient of one window.
func addGrad(g *[NumStates][calInputs]float64, p Probs, y State, z [calInputs]float64, r float64) {
	for s := Distracted; s < NumStates; s++ {
		d := p[s]
		if s == y {
			d--
		}
		d *= r
		for j, x := range z {
			g[s][j] += d * x
		}
	}
}
