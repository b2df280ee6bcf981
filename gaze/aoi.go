package gaze

import (
	"math"

	"github.com/attnflow/attnflow"
)

// Point is a screen position in pixels.
type Point struct{ X, Y float64 }

// AOI is a named area of interest: a polygon in screen pixels (a
// rectangle is four points; see Rect).
type AOI struct {
	Name    string
	Polygon []Point
}

// Rect returns a rectangular AOI with its top-left corner at (x, y).
func Rect(name string, x, y, w, h float64) AOI {
	return AOI{Name: name, Polygon: []Point{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}
}

// Validate reports an AOI that cannot contain anything.
func (a AOI) Validate() error {
	if a.Name == "" || len(a.Polygon) < 3 {
		return attnflow.Errorf(attnflow.EINVALID, "area of interest %q needs a name and at least 3 points", a.Name)
	}
	return nil
}

// Contains reports whether (x, y) lies inside the polygon (even–odd rule).
func (a AOI) Contains(x, y float64) bool {
	in := false
	p := a.Polygon
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		if (p[i].Y > y) != (p[j].Y > y) && x < (p[j].X-p[i].X)*(y-p[i].Y)/(p[j].Y-p[i].Y)+p[i].X {
			in = !in
		}
	}
	return in
}

// AOIStats are the fixation measures of one area of interest.
type AOIStats struct {
	Name                 string
	Fixations            int
	DwellTime            float64 // seconds of fixation inside
	FirstFixationLatency float64 // seconds from the first event to the first fixation inside; NaN if never
}

// AOIReport holds per-AOI statistics and the transitions between AOIs.
type AOIReport struct {
	Stats []AOIStats
	// Transitions[i][j] counts consecutive fixations from AOI i to AOI j
	// (i ≠ j; fixations outside every AOI are skipped).
	Transitions [][]int
}

// AnalyzeAOIs assigns each fixation (by its mean position) to the first
// AOI containing it and computes dwell time, first-fixation latency and
// transitions.
func AnalyzeAOIs(events []Event, aois []AOI) AOIReport {
	r := AOIReport{Stats: make([]AOIStats, len(aois)), Transitions: make([][]int, len(aois))}
	for i, a := range aois {
		r.Stats[i] = AOIStats{Name: a.Name, FirstFixationLatency: math.NaN()}
		r.Transitions[i] = make([]int, len(aois))
	}
	if len(events) == 0 {
		return r
	}
	start, prev := events[0].T0, -1
	for _, e := range events {
		if e.Label != Fixation || math.IsNaN(e.X) {
			continue
		}
		k := aoiOf(aois, e.X, e.Y)
		if k < 0 {
			continue
		}
		st := &r.Stats[k]
		st.Fixations++
		st.DwellTime += e.Duration()
		if math.IsNaN(st.FirstFixationLatency) {
			st.FirstFixationLatency = e.T0 - start
		}
		if prev >= 0 && prev != k {
			r.Transitions[prev][k]++
		}
		prev = k
	}
	return r
}

// aoiOf is the index of the first AOI containing (x, y), or -1.
func aoiOf(aois []AOI, x, y float64) int {
	for i, a := range aois {
		if a.Contains(x, y) {
			return i
		}
	}
	return -1
}
