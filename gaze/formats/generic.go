package formats

import (
	"io"
	"math"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// Columns describes a plain delimited gaze file.
type Columns struct {
	Time       string  // timestamp column (empty: time from the sampling rate)
	TimeUnit   float64 // seconds per timestamp unit (0: inferred, ms or µs)
	X, Y       string  // gaze position columns (required)
	Pupil      string  // pupil size column (optional)
	Delimiter  rune    // 0: comma
	Normalized bool    // X and Y are 0..1 of the screen rather than pixels
	ZeroIsLost bool    // x = y = 0 means lost gaze
}

// ReadCSV reads a plain delimited file whose columns are named in cols.
// Column names match case-insensitively. An empty position is lost gaze.
func ReadCSV(r io.Reader, cols Columns) (*Recording, error) {
	if cols.X == "" || cols.Y == "" {
		return nil, attnflow.Errorf(attnflow.EINVALID, "csv: name the gaze x and y columns")
	}
	comma := cols.Delimiter
	if comma == 0 {
		comma = ','
	}
	t, err := newTable("csv", r, comma)
	if err != nil {
		return nil, err
	}
	xi, err := t.require(lower(cols.X))
	if err != nil {
		return nil, err
	}
	yi, err := t.require(lower(cols.Y))
	if err != nil {
		return nil, err
	}
	ti, pi := -1, -1
	if cols.Time != "" {
		if ti, err = t.require(lower(cols.Time)); err != nil {
			return nil, err
		}
	}
	if cols.Pupil != "" {
		if pi, err = t.require(lower(cols.Pupil)); err != nil {
			return nil, err
		}
	}
	rec := &Recording{Format: FormatGenericCSV, Coords: Pixels}
	if cols.Normalized {
		rec.Coords = Normalized
	}
	var ts []float64
	var lines []int
	if err := t.each(func(row []string) error {
		s := gaze.Sample{T: math.NaN(), Pupil: math.NaN()}
		if ti >= 0 {
			if s.T, err = number(field(row, ti)); err != nil {
				return t.lineError("time: %v", err)
			}
		}
		if s.X, err = number(field(row, xi)); err != nil {
			return t.lineError("x: %v", err)
		}
		if s.Y, err = number(field(row, yi)); err != nil {
			return t.lineError("y: %v", err)
		}
		if pi >= 0 {
			s.Pupil, _ = number(field(row, pi))
		}
		if cols.ZeroIsLost && s.X == 0 && s.Y == 0 {
			s.X, s.Y = math.NaN(), math.NaN()
		}
		rec.Samples = append(rec.Samples, s)
		ts = append(ts, s.T)
		lines = append(lines, t.line)
		return nil
	}); err != nil {
		return nil, err
	}
	if ti >= 0 {
		unit := cols.TimeUnit
		if unit == 0 {
			unit = timeUnit("", ts)
		}
		scaleTime(rec.Samples, ts, unit)
		return rec, checkMonotonic("csv", rec.Samples, lines)
	}
	return rec, nil
}

// lower normalises a column name the way table keys are.
func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
