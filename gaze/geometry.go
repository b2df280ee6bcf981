package gaze

import (
	"math"

	"github.com/attnflow/attnflow"
)

// Geometry describes the recording set-up needed to turn screen pixels
// into degrees of visual angle and sample indices into time.
type Geometry struct {
	Rate       float64 // nominal sampling rate in Hz, used when timestamps are absent
	ScreenWpx  float64 // screen width in pixels
	ScreenHpx  float64 // screen height in pixels
	ScreenWmm  float64 // screen width in millimetres
	ScreenHmm  float64 // screen height in millimetres
	DistanceMM float64 // eye-to-screen distance in millimetres
}

// Validate reports which field is missing or impossible.
func (g Geometry) Validate() error {
	checks := []struct {
		name string
		v    float64
	}{
		{"sampling rate (Hz)", g.Rate},
		{"screen width (px)", g.ScreenWpx},
		{"screen height (px)", g.ScreenHpx},
		{"screen width (mm)", g.ScreenWmm},
		{"screen height (mm)", g.ScreenHmm},
		{"viewing distance (mm)", g.DistanceMM},
	}
	for _, c := range checks {
		if !(c.v > 0) || math.IsInf(c.v, 0) {
			return attnflow.Errorf(attnflow.EINVALID, "gaze geometry: %s must be a positive number, got %v", c.name, c.v)
		}
	}
	return nil
}

// ToDegrees converts a screen position in pixels to degrees of visual
// angle from the screen centre, per axis: atan2(offset, distance) with
// the distance expressed in pixels of that axis.
func (g Geometry) ToDegrees(xpx, ypx float64) (float64, float64) {
	return g.degrees().convert(xpx, ypx)
}

// toDegrees is ToDegrees with the per-geometry constants computed once.
type toDegrees struct{ cx, cy, dx, dy float64 }

func (g Geometry) degrees() toDegrees {
	return toDegrees{cx: g.ScreenWpx / 2, cy: g.ScreenHpx / 2,
		dx: g.DistanceMM * g.ScreenWpx / g.ScreenWmm, dy: g.DistanceMM * g.ScreenHpx / g.ScreenHmm}
}

// convert is atan2(offset, distance) per axis; with the distance
// positive that is exactly atan(offset / distance), which skips atan2's
// special cases.
func (t toDegrees) convert(xpx, ypx float64) (float64, float64) {
	const rad2deg = 180 / math.Pi
	if !(t.dx > 0 && t.dy > 0) || math.IsInf(t.dx, 0) || math.IsInf(t.dy, 0) {
		return math.Atan2(xpx-t.cx, t.dx) * rad2deg, math.Atan2(ypx-t.cy, t.dy) * rad2deg
	}
	return math.Atan((xpx-t.cx)/t.dx) * rad2deg, math.Atan((ypx-t.cy)/t.dy) * rad2deg
}
