package formats

import (
	"io"
	"math"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// ReadTobii reads a Tobii Pro Lab data export (tab-separated, one row per
// sample or event). It keeps the rows of the "Eye Tracker" sensor (exports
// may mix in mouse, keyboard or IMU rows), takes "Gaze point X/Y" in
// pixels, treats a sample as lost when the gaze point is empty or both
// eyes' validity is "Invalid", averages the pupil diameters, and reads the
// screen size from "Recording resolution width/height". Timestamps are in
// the unit the header names ("Recording timestamp [μs]" or "[ms]"); without
// a unit it is inferred from the sampling interval. Decimal commas are
// accepted.
func ReadTobii(r io.Reader) (*Recording, error) {
	t, err := newTable("tobii tsv", r, '\t')
	if err != nil {
		return nil, err
	}
	ti, tname := t.findPrefix("recording timestamp")
	if ti < 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "tobii tsv: header lacks \"Recording timestamp\"; export it in Pro Lab's Data Export")
	}
	xi, err := t.require("gaze point x", "gaze point x [dacs px]")
	if err != nil {
		return nil, err
	}
	yi, err := t.require("gaze point y", "gaze point y [dacs px]")
	if err != nil {
		return nil, err
	}
	c := tobiiCols{
		t: ti, x: xi, y: yi,
		sensor: t.find("sensor"),
		vl:     t.find("validity left"), vr: t.find("validity right"),
		w: t.find("recording resolution width"), h: t.find("recording resolution height"),
	}
	c.pl, _ = t.findPrefix("pupil diameter left")
	c.pr, _ = t.findPrefix("pupil diameter right")
	rec := &Recording{Format: FormatTobii, Coords: Pixels}
	var ts []float64
	var lines []int
	if err := t.each(func(row []string) error {
		s, keep, err := c.sample(row, rec)
		if err != nil {
			return t.lineError("%v", err)
		}
		if keep {
			rec.Samples = append(rec.Samples, s)
			ts = append(ts, s.T)
			lines = append(lines, t.line)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	scaleTime(rec.Samples, ts, timeUnit(tname, ts))
	return rec, checkMonotonic("tobii tsv", rec.Samples, lines)
}

// tobiiCols are the column indices of a Tobii export (-1 when absent).
type tobiiCols struct {
	t, x, y, sensor, vl, vr, pl, pr, w, h int
}

// sample converts one row; keep is false for rows of other sensors and
// rows without a timestamp (event-only rows).
func (c tobiiCols) sample(row []string, rec *Recording) (gaze.Sample, bool, error) {
	if sn := field(row, c.sensor); c.sensor >= 0 && sn != "" && !strings.EqualFold(sn, "eye tracker") {
		return gaze.Sample{}, false, nil
	}
	if c.sensor >= 0 && field(row, c.sensor) == "" && field(row, c.x) == "" {
		return gaze.Sample{}, false, nil // an event row (keyboard, stimulus) with no gaze
	}
	tv, err := number(field(row, c.t))
	if err != nil {
		return gaze.Sample{}, false, err
	}
	if math.IsNaN(tv) {
		return gaze.Sample{}, false, nil
	}
	s := gaze.Sample{T: tv}
	if s.X, err = number(field(row, c.x)); err != nil {
		return s, false, err
	}
	if s.Y, err = number(field(row, c.y)); err != nil {
		return s, false, err
	}
	if invalid(field(row, c.vl)) && invalid(field(row, c.vr)) && (c.vl >= 0 || c.vr >= 0) {
		s.X, s.Y = math.NaN(), math.NaN()
	}
	s.Pupil = meanOf(field(row, c.pl), field(row, c.pr))
	if rec.Geometry.ScreenWpx == 0 {
		w, _ := number(field(row, c.w))
		h, _ := number(field(row, c.h))
		if w > 0 && h > 0 {
			rec.Geometry.ScreenWpx, rec.Geometry.ScreenHpx = w, h
		}
	}
	return s, true, nil
}

// invalid reports a Tobii validity value meaning "no data" (or an absent
// column, which counts as invalid only when the other eye's is too).
func invalid(v string) bool {
	return v == "" || strings.EqualFold(v, "invalid") || v == "4"
}

// meanOf averages the numeric values among fs (NaN when none).
func meanOf(fs ...string) float64 {
	var sum, n float64
	for _, f := range fs {
		if v, err := number(f); err == nil && !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / n
}

// timeUnit is seconds per timestamp unit, from the column name's unit or,
// when it has none, from the typical step (eye trackers sample at 30–2000
// Hz, so a step of 0.5–40 is milliseconds and a larger one microseconds).
func timeUnit(colName string, ts []float64) float64 {
	switch {
	case strings.Contains(colName, "[μs]"), strings.Contains(colName, "[us]"), strings.Contains(colName, "[µs]"):
		return 1e-6
	case strings.Contains(colName, "[ms]"):
		return 1e-3
	case strings.Contains(colName, "[ns]"):
		return 1e-9
	case strings.Contains(colName, "[s]"):
		return 1
	}
	if step := medianStep(ts); step > 40 {
		return 1e-6
	}
	return 1e-3
}

// scaleTime converts the samples' timestamps to seconds.
func scaleTime(s []gaze.Sample, ts []float64, unit float64) {
	for i := range s {
		s[i].T = ts[i] * unit
	}
}
