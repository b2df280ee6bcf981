// Package checkin is experience sampling for attnflow: when to ask the
// person how focused they were (at random within working hours, after
// they come back from a break, at the end of a focus session, and where
// the model is least sure — with a daily cap and a minimum gap), what the
// answers are, and how they are stored as events in a bucket of their own
// and turned into labels of the windows they describe.
//
// The package is pure: it decides and converts; the server and the CLI
// read and write the store.
package checkin

import (
	"fmt"
	"math"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/model"
)

// BucketType is the type of check-in buckets.
const BucketType = "attnflow.checkin"

// BucketID returns the check-in bucket of a host.
func BucketID(host string) string { return "attnflow-checkin_" + host }

// DefaultCovers is how far back a check-in looks ("the last 15 minutes").
const DefaultCovers = 15 * time.Minute

// Answer is one self-report.
type Answer struct {
	// Covers is the span the answer describes.
	Covers attnflow.TimeRange `json:"covers"`
	// Focus is "how focused were you?" from 1 (not at all) to 5 (deeply).
	Focus int `json:"focus"`
	// Demand is "how demanding was it?" 1..5, 0 when not answered.
	Demand int `json:"demand,omitempty"`
	// Interrupted is "were you interrupted?", nil when not answered.
	Interrupted *bool `json:"interrupted,omitempty"`
	// State optionally names the state directly (overrides Focus as
	// the label).
	State string `json:"state,omitempty"`
	// Reason is why the prompt was shown ("" for a check-in the person
	// started).
	Reason Reason `json:"reason,omitempty"`
}

// Validate checks the answer's ranges.
func (a Answer) Validate() error {
	if !a.Covers.End.After(a.Covers.Start) {
		return attnflow.Errorf(attnflow.EINVALID, "check-in covers an empty span %s", a.Covers)
	}
	if a.Covers.End.Sub(a.Covers.Start) > 4*time.Hour {
		return attnflow.Errorf(attnflow.EINVALID, "check-in covers %s, at most 4h", a.Covers.End.Sub(a.Covers.Start))
	}
	if a.Focus < 1 || a.Focus > 5 {
		return attnflow.Errorf(attnflow.EINVALID, "focus = %d, want 1 (not at all) to 5 (deeply)", a.Focus)
	}
	if a.Demand < 0 || a.Demand > 5 {
		return attnflow.Errorf(attnflow.EINVALID, "demand = %d, want 1..5 (or 0: not answered)", a.Demand)
	}
	if a.State != "" {
		if _, err := model.ParseState(a.State); err != nil {
			return attnflow.Errorf(attnflow.EINVALID, "check-in state: %v", err)
		}
	}
	return nil
}

// Label is the state the answer describes: State when given, else from
// Focus (5 deep focus, 4 focus, 3 shallow, 1–2 distracted).
func (a Answer) Label() model.State {
	if s, err := model.ParseState(a.State); err == nil && a.State != "" {
		return s
	}
	switch a.Focus {
	case 5:
		return model.DeepFocus
	case 4:
		return model.Focus
	case 3:
		return model.Shallow
	}
	return model.Distracted
}

// Event is the answer as an event of the check-in bucket: it spans the
// time it describes.
func (a Answer) Event() attnflow.Event {
	d := attnflow.Data{"focus": float64(a.Focus)}
	if a.Demand > 0 {
		d["demand"] = float64(a.Demand)
	}
	if a.Interrupted != nil {
		d["interrupted"] = *a.Interrupted
	}
	if a.State != "" {
		d["state"] = a.State
	}
	if a.Reason != "" {
		d["reason"] = string(a.Reason)
	}
	return attnflow.Event{Timestamp: a.Covers.Start.UTC(), Duration: a.Covers.End.Sub(a.Covers.Start), Data: d}
}

// FromEvent reads an answer back from its event.
func FromEvent(e attnflow.Event) (Answer, error) {
	a := Answer{Covers: attnflow.TimeRange{Start: e.Timestamp, End: e.End()}}
	f, ok := e.Data["focus"].(float64)
	if !ok || f != math.Trunc(f) {
		return Answer{}, fmt.Errorf("check-in event %d has no whole focus rating", e.ID)
	}
	a.Focus = int(f)
	if d, ok := e.Data["demand"].(float64); ok {
		a.Demand = int(d)
	}
	if b, ok := e.Data["interrupted"].(bool); ok {
		a.Interrupted = &b
	}
	a.State, _ = e.Data["state"].(string)
	if r, ok := e.Data["reason"].(string); ok {
		a.Reason = Reason(r)
	}
	if err := a.Validate(); err != nil {
		return Answer{}, fmt.Errorf("check-in event %d: %w", e.ID, err)
	}
	return a, nil
}

// Labelled is a window labelled by a check-in, with the weight that makes
// every check-in count once however many windows it covers.
type Labelled struct {
	Window int // index into the windows
	Answer int // index into the answers
	State  model.State
	Weight float64
}

// Labels ties answers to the windows they cover (windows of the given
// size starting at starts). Windows no answer covers are left out; a
// window two answers cover gets both labels.
func Labels(answers []Answer, starts []time.Time, size time.Duration) []Labelled {
	var out []Labelled
	for k, a := range answers {
		idx := model.Covered(starts, a.Covers, size)
		for _, i := range idx {
			out = append(out, Labelled{Window: i, Answer: k, State: a.Label(), Weight: 1 / float64(len(idx))})
		}
	}
	return out
}

// CheckIns turns answers into the model's check-ins.
func CheckIns(answers []Answer) []model.CheckIn {
	out := make([]model.CheckIn, len(answers))
	for i, a := range answers {
		out[i] = model.CheckIn{Covers: a.Covers, State: a.Label()}
	}
	return out
}
