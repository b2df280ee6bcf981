package formats

import (
	"io"
	"math"
	"strconv"

	"github.com/attnflow/attnflow/gaze"
)

// defaultMinConfidence is the confidence below which Pupil Labs advise
// ignoring a Pupil Core datum.
const defaultMinConfidence = 0.6

// ReadPupilCore reads a Pupil Player raw-data export: gaze_positions.csv
// (gaze_timestamp in seconds, norm_pos_x/y of the scene image with the
// origin at the bottom left, confidence) or pupil_positions.csv
// (pupil_timestamp, eye_id, confidence, diameter_3d in mm or diameter in
// pixels; pupil only, so X and Y are NaN). Data below minConfidence (0:
// 0.6) count as lost. Gaze comes out Normalized with the origin at the
// top left: call Recording.ToPixels with the scene camera resolution. For
// pupil_positions.csv the eye with more data is kept.
func ReadPupilCore(r io.Reader, minConfidence float64) (*Recording, error) {
	if minConfidence <= 0 {
		minConfidence = defaultMinConfidence
	}
	t, err := newTable("pupil core csv", r, ',')
	if err != nil {
		return nil, err
	}
	if t.find("gaze_timestamp") >= 0 {
		return readPupilGaze(t, minConfidence)
	}
	return readPupilPupil(t, minConfidence)
}

func readPupilGaze(t *table, minConf float64) (*Recording, error) {
	ti, _ := t.require("gaze_timestamp")
	xi, err := t.require("norm_pos_x")
	if err != nil {
		return nil, err
	}
	yi, err := t.require("norm_pos_y")
	if err != nil {
		return nil, err
	}
	ci := t.find("confidence")
	rec := &Recording{Format: FormatPupilGaze, Coords: Normalized}
	var lines []int
	if err := t.each(func(row []string) error {
		var s gaze.Sample
		var nx, ny, conf float64
		if s.T, err = number(field(row, ti)); err != nil || math.IsNaN(s.T) {
			return t.lineError("gaze_timestamp %q is not a number of seconds", field(row, ti))
		}
		nx, _ = number(field(row, xi))
		ny, _ = number(field(row, yi))
		conf = 1
		if ci >= 0 {
			conf, _ = number(field(row, ci))
		}
		s.X, s.Y, s.Pupil = nx, 1-ny, math.NaN()
		if !(conf >= minConf) {
			s.X, s.Y = math.NaN(), math.NaN()
		}
		rec.Samples = append(rec.Samples, s)
		lines = append(lines, t.line)
		return nil
	}); err != nil {
		return nil, err
	}
	return rec, checkMonotonic("pupil core gaze", rec.Samples, lines)
}

func readPupilPupil(t *table, minConf float64) (*Recording, error) {
	ti, err := t.require("pupil_timestamp")
	if err != nil {
		return nil, err
	}
	ei := t.find("eye_id")
	ci := t.find("confidence")
	di := t.find("diameter_3d")
	if di < 0 {
		di = t.find("diameter")
	}
	byEye := map[string][]gaze.Sample{}
	lines := map[string][]int{}
	if err := t.each(func(row []string) error {
		tv, err := number(field(row, ti))
		if err != nil || math.IsNaN(tv) {
			return t.lineError("pupil_timestamp %q is not a number of seconds", field(row, ti))
		}
		conf := 1.0
		if ci >= 0 {
			conf, _ = number(field(row, ci))
		}
		d, _ := number(field(row, di))
		if !(conf >= minConf) {
			d = math.NaN()
		}
		eye := field(row, ei)
		byEye[eye] = append(byEye[eye], gaze.Sample{T: tv, X: math.NaN(), Y: math.NaN(), Pupil: d})
		lines[eye] = append(lines[eye], t.line)
		return nil
	}); err != nil {
		return nil, err
	}
	best := ""
	for eye, s := range byEye {
		if len(s) > len(byEye[best]) || (len(s) == len(byEye[best]) && eye < best) {
			best = eye
		}
	}
	rec := &Recording{Format: FormatPupilPupil, Coords: NoGaze, Samples: byEye[best]}
	return rec, checkMonotonic("pupil core pupil (eye "+best+")", rec.Samples, lines[best])
}

// ReadNeon reads a Neon / Pupil Cloud export: gaze.csv ("timestamp [ns]",
// "gaze x [px]", "gaze y [px]" in scene camera pixels, "worn", "blink id")
// or 3d_eye_states.csv ("timestamp [ns]", "pupil diameter left/right
// [mm]"; pupil only). Samples while the glasses are not worn or during a
// detected blink count as lost.
func ReadNeon(r io.Reader) (*Recording, error) {
	t, err := newTable("neon csv", r, ',')
	if err != nil {
		return nil, err
	}
	ti, err := t.require("timestamp [ns]")
	if err != nil {
		return nil, err
	}
	xi, yi := t.find("gaze x [px]"), t.find("gaze y [px]")
	rec := &Recording{Format: FormatNeonGaze, Coords: Pixels}
	if xi < 0 || yi < 0 {
		rec.Format, rec.Coords = FormatNeonEye, NoGaze
	}
	wi, bi := t.find("worn"), t.find("blink id")
	pl, pr := t.find("pupil diameter left [mm]"), t.find("pupil diameter right [mm]")
	var lines []int
	if err := t.each(func(row []string) error {
		ns, err := strconv.ParseInt(field(row, ti), 10, 64)
		if err != nil {
			return t.lineError("timestamp [ns] %q is not an integer of nanoseconds", field(row, ti))
		}
		s := gaze.Sample{T: float64(ns) / 1e9, X: math.NaN(), Y: math.NaN(), Pupil: meanOf(field(row, pl), field(row, pr))}
		if rec.Coords == Pixels {
			s.X, _ = number(field(row, xi))
			s.Y, _ = number(field(row, yi))
			if worn, _ := number(field(row, wi)); worn == 0 || field(row, bi) != "" {
				s.X, s.Y = math.NaN(), math.NaN()
			}
		}
		rec.Samples = append(rec.Samples, s)
		lines = append(lines, t.line)
		return nil
	}); err != nil {
		return nil, err
	}
	return rec, checkMonotonic("neon csv", rec.Samples, lines)
}
