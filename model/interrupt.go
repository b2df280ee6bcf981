package model

import (
	"fmt"
	"math"
	"time"
)

// Interruptibility says whether now is a good moment to interrupt.
type Interruptibility struct {
	At time.Time `json:"at"`
	// Score is 0 (do not interrupt) to 100 (a good moment).
	Score float64 `json:"score"`
	State State   `json:"state"`
	// BreakpointInMin is the expected minutes to the next natural
	// breakpoint (the end of the current focus stretch); 0 when the
	// person is not focused.
	BreakpointInMin float64 `json:"breakpoint_in_min"`
	Reason          string  `json:"reason"`
}

// busyWeight is how much each state protects the person from an
// interruption.
var busyWeight = [NumStates]float64{Away: 0, Distracted: 0.05, Shallow: 0.25, Focus: 0.8, DeepFocus: 1}

// Interruptible turns a window's estimate into interruptibility. The
// expected time to the breakpoint is the focus states' expected remaining
// length under the model's transitions (geometric), weighted by their
// probabilities.
func (h *HMM) Interruptible(e Estimate) Interruptibility {
	busy, wait := 0.0, 0.0
	for s := range State(NumStates) {
		busy += e.Probs[s] * busyWeight[s]
		if s.Focused() {
			wait += e.Probs[s] / math.Max(1-h.Trans[s][s], 1e-3)
		}
	}
	in := Interruptibility{At: e.Start, Score: math.Round(100*(1-busy)*10) / 10, State: e.State,
		BreakpointInMin: math.Round(wait*10) / 10}
	in.Reason = interruptReason(in, e)
	return in
}

func interruptReason(in Interruptibility, e Estimate) string {
	why := ""
	if len(e.Reasons) > 0 {
		why = ": " + e.Reasons[0].Text
	}
	switch {
	case e.State == Away:
		return "away from the computer: a message waits for the return"
	case e.State.Focused():
		return fmt.Sprintf("in %s%s; a breakpoint is expected in about %.0f min", e.State.Label(), why, in.BreakpointInMin)
	}
	return fmt.Sprintf("%s%s; now is a good moment", e.State.Label(), why)
}
