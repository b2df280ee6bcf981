package simeval

import (
	"time"

	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/model"
)

// Result holds the unsupervised model's figures and the baselines' on one
// simulated person.
type Result struct {
	Persona string `json:"persona"`
	Seed    uint64 `json:"seed"`
	Windows int    `json:"windows"`
	// Filtered is the online estimate (each window from the windows up
	// to it); Smoothed the estimate of the past (all windows of the day);
	// Viterbi the most probable path.
	Filtered model.Scores `json:"filtered"`
	Smoothed model.Scores `json:"smoothed"`
	Viterbi  model.Scores `json:"viterbi"`
	// Majority always predicts the most frequent true state; Rule is the
	// PRODUCT.md definition (see model.RuleState).
	Majority model.Scores `json:"majority"`
	Rule     model.Scores `json:"rule"`
}

// Unsupervised runs the day-one model over the data, day by day, with the
// person's baseline measured from all their windows (no labels).
func Unsupervised(d *Data, h model.HMM) Result {
	b := model.FitBaseline(d.AllWindows())
	var truth, filt, smooth, vit, rule []model.State
	var pf, ps []model.Probs
	for _, day := range d.Days {
		obs := model.Observe(day.Windows, b, windowSize(d))
		f, s := h.Forward(obs), h.Smooth(obs)
		for i := range obs {
			filt = append(filt, f[i].Argmax())
			smooth = append(smooth, s[i].Argmax())
			rule = append(rule, model.RuleState(day.Windows[i]))
		}
		pf, ps = append(pf, f...), append(ps, s...)
		vit = append(vit, h.Viterbi(obs)...)
		truth = append(truth, day.Truth...)
	}
	return Result{Persona: d.Persona, Seed: d.Seed, Windows: len(truth),
		Filtered: model.Evaluate(truth, filt, pf), Smoothed: model.Evaluate(truth, smooth, ps),
		Viterbi: model.Evaluate(truth, vit, nil), Majority: majority(truth),
		Rule: model.Evaluate(truth, rule, nil)}
}

func majority(truth []model.State) model.Scores {
	var n [model.NumStates]int
	for _, t := range truth {
		n[t]++
	}
	var p model.Probs
	best := model.State(0)
	for s := range n {
		p[s] = float64(n[s]) / float64(len(truth))
		if n[s] > n[best] {
			best = model.State(s)
		}
	}
	pred := make([]model.State, len(truth))
	probs := make([]model.Probs, len(truth))
	for i := range pred {
		pred[i], probs[i] = best, p
	}
	return model.Evaluate(truth, pred, probs)
}

func windowSize(d *Data) time.Duration {
	if d.Config.Window > 0 {
		return d.Config.Window
	}
	return flow.DefaultConfig().Window
}
