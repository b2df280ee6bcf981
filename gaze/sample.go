package gaze

import "math"

// Sample is one gaze sample in screen pixels. Missing gaze is NaN in X or
// Y; T is the timestamp in seconds, or NaN when the recording has none
// (time then follows the nominal rate).
type Sample struct {
	T     float64 // seconds; NaN when unknown
	X, Y  float64 // screen pixels from the top-left corner; NaN when missing
	Pupil float64 // pupil size in tracker units; NaN or 0 when unknown
}

// Valid reports whether the sample holds a gaze position.
func (s Sample) Valid() bool { return !math.IsNaN(s.X) && !math.IsNaN(s.Y) }
