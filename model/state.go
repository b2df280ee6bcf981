package model

import (
	"fmt"
	"strings"
)

// State is an attention state.
type State int

// The attention states, from absent to most absorbed.
const (
	Away State = iota
	Distracted
	Shallow
	Focus
	DeepFocus
	// NumStates is the number of states.
	NumStates = 5
)

var stateNames = [NumStates]string{"away", "distracted", "shallow", "focus", "deep_focus"}

// stateValues are the attention scores of the states, blended by their
// probabilities into the window's score.
var stateValues = [NumStates]float64{0, 15, 45, 80, 100}

// String names the state as the API spells it.
func (s State) String() string {
	if s < 0 || s >= NumStates {
		return fmt.Sprintf("state(%d)", int(s))
	}
	return stateNames[s]
}

// Label is the state in plain words.
func (s State) Label() string { return strings.ReplaceAll(s.String(), "_", " ") }

// MarshalText writes the state's name.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a state's name.
func (s *State) UnmarshalText(b []byte) error {
	v, err := ParseState(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseState reads a state's name (as String writes it, or with a space).
func ParseState(name string) (State, error) {
	n := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "_")
	for i, s := range stateNames {
		if s == n {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown state %q: want one of %s", name, strings.Join(stateNames[:], ", "))
}

// Focused reports whether the state is deep focus or focus.
func (s State) Focused() bool { return s == Focus || s == DeepFocus }
