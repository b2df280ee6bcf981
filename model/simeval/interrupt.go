package simeval

import (
	"slices"

	"github.com/attnflow/attnflow/model"
)

// InterruptResult compares the model's interruptibility with FlowLight's
// on the windows the person was truly present: positives are the windows
// whose true state is shallow or distracted (a good moment), negatives
// focus and deep focus.
type InterruptResult struct {
	Windows int     `json:"windows"`
	Model   float64 `json:"model_auc"`
	// FlowLight ranks windows by keyboard and mouse activity (presses
	// and clicks), the continuous signal behind its light; FlowLightBusy
	// is its binary rule (busy when in the person's top 9% of activity).
	FlowLight     float64 `json:"flowlight_auc"`
	FlowLightBusy float64 `json:"flowlight_busy_auc"`
}

// Interrupt scores the online interruptibility against the truth.
func Interrupt(d *Data, h model.HMM) InterruptResult {
	b := model.FitBaseline(d.AllWindows())
	var mine, act []float64
	var pos []bool
	for _, day := range d.Days {
		obs := model.Observe(day.Windows, b, windowSize(d))
		for i, p := range h.Forward(obs) {
			t := day.Truth[i]
			if t == model.Away {
				continue
			}
			in := h.Interruptible(model.Estimate{Probs: p, State: p.Argmax()})
			mine = append(mine, in.Score)
			w := day.Windows[i]
			act = append(act, -(w.Presses + w.Clicks))
			pos = append(pos, !t.Focused())
		}
	}
	busy := flowLightBusy(act)
	return InterruptResult{Windows: len(pos), Model: model.AUC(mine, pos),
		FlowLight: model.AUC(act, pos), FlowLightBusy: model.AUC(busy, pos)}
}

// flowLightBusy marks the top 9% of activity busy (score 0) and the rest
// free (score 1); negAct holds negated activity.
func flowLightBusy(negAct []float64) []float64 {
	s := slices.Clone(negAct)
	slices.Sort(s)
	cut := s[int(0.09*float64(len(s)))]
	out := make([]float64, len(negAct))
	for i, a := range negAct {
		if a > cut {
			out[i] = 1
		}
	}
	return out
}
