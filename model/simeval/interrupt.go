package simeval

import (
	"math"
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
	// BreakpointMAE is the mean absolute error (minutes) of the expected
	// time to the next breakpoint over truly focused windows, against
	// the true time until the focus stretch ends; ConstantMAE is that of
	// the best constant guess (the true median, known in hindsight).
	BreakpointMAE float64 `json:"breakpoint_mae_min"`
	ConstantMAE   float64 `json:"constant_mae_min"`
}

// Interrupt scores the online interruptibility against the truth.
func Interrupt(d *Data, h model.HMM) InterruptResult {
	b := model.FitBaseline(d.AllWindows())
	var mine, act, predBP, trueBP []float64
	var pos []bool
	for _, day := range d.Days {
		obs := model.Observe(day.Windows, b, windowSize(d))
		left := focusLeft(day.Truth)
		for i, p := range h.Forward(obs) {
			t := day.Truth[i]
			if t == model.Away {
				continue
			}
			in := h.Interruptible(model.Estimate{Probs: p, State: p.Argmax()})
			if t.Focused() {
				predBP, trueBP = append(predBP, in.BreakpointInMin), append(trueBP, left[i])
			}
			mine = append(mine, in.Score)
			w := day.Windows[i]
			act = append(act, -(w.Presses + w.Clicks))
			pos = append(pos, !t.Focused())
		}
	}
	busy := flowLightBusy(act)
	med := slices.Clone(trueBP)
	slices.Sort(med)
	var constant []float64
	if len(med) > 0 {
		constant = make([]float64, len(trueBP))
		for i := range constant {
			constant[i] = med[len(med)/2]
		}
	}
	return InterruptResult{Windows: len(pos), Model: model.AUC(mine, pos),
		FlowLight: model.AUC(act, pos), FlowLightBusy: model.AUC(busy, pos),
		BreakpointMAE: mae(predBP, trueBP), ConstantMAE: mae(constant, trueBP)}
}

// focusLeft is, for each window, the minutes until the truth leaves the
// focus states (0 outside them).
func focusLeft(truth []model.State) []float64 {
	out := make([]float64, len(truth))
	for i := len(truth) - 1; i >= 0; i-- {
		if truth[i].Focused() {
			out[i] = 1
			if i+1 < len(truth) {
				out[i] += out[i+1]
			}
		}
	}
	return out
}

func mae(a, b []float64) float64 {
	if len(a) == 0 {
		return 0
	}
	s := 0.0
	for i := range a {
		s += math.Abs(a[i] - b[i])
	}
	return s / float64(len(a))
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
