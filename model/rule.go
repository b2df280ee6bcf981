package model

import "github.com/attnflow/attnflow/flow"

// RuleState is the state by PRODUCT.md's definitions alone, the baseline
// every model is compared with: away when less than half the window is
// active; a focus window (≥ half its active time in focus categories)
// inside a focus session is deep focus, outside one focus; otherwise
// distracted when the category score is below zero, else shallow.
func RuleState(w flow.Window) State {
	switch {
	case w.IdleShare > 0.5:
		return Away
	case w.Focus && w.InSession:
		return DeepFocus
	case w.Focus:
		return Focus
	case w.Score < 0:
		return Distracted
	}
	return Shallow
}
