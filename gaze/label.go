// Package gaze turns eye-tracker samples into eye-movement events
// (fixations, saccades, post-saccadic oscillations, smooth pursuit and
// blinks) and scores detectors against human coders. It does no I/O:
// readers for tracker file formats live in gaze/formats and take an
// io.Reader.
package gaze

import (
	"github.com/attnflow/attnflow"
)

// Label is the eye-movement class of one sample.
type Label uint8

// The labels a detector assigns. Their order is not the dataset coding;
// use Code and LabelFromCode for the Andersson et al. (2017) numbers.
const (
	Undefined Label = iota // no decision: missing data or unclassifiable
	Fixation               // the eye is still on a target
	Saccade                // a fast jump between targets
	PSO                    // post-saccadic oscillation, the wobble after a saccade
	Pursuit                // smooth pursuit of a moving target
	Blink                  // the eye is closed or the tracker lost it around a blink
	numLabels
)

// Labels lists every label in a fixed order, for tables and loops.
var labelNames = [numLabels]string{"undefined", "fixation", "saccade", "pso", "pursuit", "blink"}

// AllLabels returns every label, Undefined first.
func AllLabels() []Label {
	return []Label{Undefined, Fixation, Saccade, PSO, Pursuit, Blink}
}

// String returns the lower-case name used in CSV output ("fixation", ...).
func (l Label) String() string {
	if l < numLabels {
		return labelNames[l]
	}
	return "undefined"
}

// ParseLabel parses a name written by String.
func ParseLabel(s string) (Label, error) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), nil
		}
	}
	return Undefined, attnflow.Errorf(attnflow.EINVALID, "unknown gaze label %q (want fixation, saccade, pso, pursuit, blink or undefined)", s)
}

// Code returns the label's number in the Andersson et al. (2017) coding:
// 1 fixation, 2 saccade, 3 PSO, 4 smooth pursuit, 5 blink, 6 undefined.
func (l Label) Code() int {
	switch l {
	case Fixation:
		return 1
	case Saccade:
		return 2
	case PSO:
		return 3
	case Pursuit:
		return 4
	case Blink:
		return 5
	}
	return 6
}

// LabelFromCode maps an Andersson et al. (2017) code to a Label. Codes
// outside 1..5 (including 0, "not classified") map to Undefined.
func LabelFromCode(c int) Label {
	switch c {
	case 1:
		return Fixation
	case 2:
		return Saccade
	case 3:
		return PSO
	case 4:
		return Pursuit
	case 5:
		return Blink
	}
	return Undefined
}
