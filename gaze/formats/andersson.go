// Package formats reads gaze recordings from eye-tracker files. Every
// reader takes an io.Reader and returns gaze.Sample values; errors name
// the line and say what to fix.
package formats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// LabelledCSV is a recording in the Andersson et al. (2017) CSV layout
// (columns sample, t_us, pupil_h, pupil_v, x_px, y_px, label).
type LabelledCSV struct {
	Samples []gaze.Sample
	Labels  []gaze.Label // the coder's labels; Undefined when the column is absent or empty
	Raw     [][2]string  // the sample and t_us fields as written, for echoing
}

// ReadLabelledCSV reads the Andersson et al. CSV layout. x_px = y_px = 0
// means lost gaze; an empty t_us means "time from the sampling rate".
// Columns are found by header name; sample, t_us, x_px and y_px are required.
func ReadLabelledCSV(r io.Reader) (*LabelledCSV, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze csv: empty input, want a header line with sample,t_us,x_px,y_px")
		}
		return nil, fmt.Errorf("gaze csv: read header: %w", err)
	}
	col, err := columns(header, []string{"sample", "t_us", "x_px", "y_px"}, []string{"pupil_h", "pupil_v", "label"})
	if err != nil {
		return nil, err
	}
	out := &LabelledCSV{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze csv line %d: %v (each row needs %d comma-separated fields)", line, err, len(header))
		}
		s, lab, err := parseLabelledRow(rec, col)
		if err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze csv line %d: %v", line, err)
		}
		out.Samples = append(out.Samples, s)
		out.Labels = append(out.Labels, lab)
		out.Raw = append(out.Raw, [2]string{rec[col["sample"]], rec[col["t_us"]]})
	}
	return out, nil
}

// parseLabelledRow converts one row.
func parseLabelledRow(rec []string, col map[string]int) (gaze.Sample, gaze.Label, error) {
	s := gaze.Sample{T: math.NaN(), Pupil: math.NaN()}
	var err error
	if t := strings.TrimSpace(rec[col["t_us"]]); t != "" {
		us, perr := strconv.ParseFloat(t, 64)
		if perr != nil {
			return s, 0, fmt.Errorf("t_us %q is not a number of microseconds (leave it empty to use --rate)", t)
		}
		s.T = us / 1e6
	}
	if s.X, err = parseNum(rec[col["x_px"]], "x_px"); err != nil {
		return s, 0, err
	}
	if s.Y, err = parseNum(rec[col["y_px"]], "y_px"); err != nil {
		return s, 0, err
	}
	if i, ok := col["pupil_h"]; ok {
		if p, perr := strconv.ParseFloat(strings.TrimSpace(rec[i]), 64); perr == nil {
			s.Pupil = p
		}
	}
	if (s.X == 0 && s.Y == 0) || math.IsNaN(s.X) || math.IsNaN(s.Y) {
		s.X, s.Y = math.NaN(), math.NaN()
	}
	lab := gaze.Undefined
	if i, ok := col["label"]; ok {
		if c, perr := strconv.Atoi(strings.TrimSpace(rec[i])); perr == nil {
			lab = gaze.LabelFromCode(c)
		}
	}
	return s, lab, nil
}

// parseNum parses a coordinate; empty or "nan" is missing (NaN).
func parseNum(f, name string) (float64, error) {
	f = strings.TrimSpace(f)
	if f == "" || strings.EqualFold(f, "nan") {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(f, 64)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a number", name, f)
	}
	return v, nil
}

// columns maps header names to indices, checking the required ones.
func columns(header, required, optional []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, r := range required {
		if _, ok := col[r]; !ok {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze csv: header %q lacks column %q (want %s)", strings.Join(header, ","), r, strings.Join(append(required, optional...), ","))
		}
	}
	return col, nil
}

// Reference holds the per-sample outputs of published detectors for one
// recording (the dataset's reference_outputs/ files).
type Reference struct {
	Names  []string                // detector names in file order (coders MN and RA included)
	Labels map[string][]gaze.Label // per detector; code 0 ("not classified") is Undefined
}

// ReadReference reads a reference_outputs CSV: a sample column followed by
// one column of Andersson codes per detector.
func ReadReference(r io.Reader) (*Reference, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reference csv: read header: %w", err)
	}
	if len(header) < 2 || strings.TrimSpace(header[0]) != "sample" {
		return nil, attnflow.Errorf(attnflow.EINVALID, "reference csv: header must start with sample, got %q", strings.Join(header, ","))
	}
	ref := &Reference{Labels: map[string][]gaze.Label{}}
	for _, h := range header[1:] {
		ref.Names = append(ref.Names, strings.TrimSpace(h))
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return ref, nil
		}
		if err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "reference csv line %d: %v", line, err)
		}
		for i, name := range ref.Names {
			c, err := strconv.Atoi(strings.TrimSpace(rec[i+1]))
			if err != nil {
				return nil, attnflow.Errorf(attnflow.EINVALID, "reference csv line %d: %s code %q is not an integer", line, name, rec[i+1])
			}
			ref.Labels[name] = append(ref.Labels[name], gaze.LabelFromCode(c))
		}
	}
}
