package formats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// table reads a delimited file with a header row, one record at a time,
// and finds columns by name.
type table struct {
	name   string // format name for error messages
	r      *csv.Reader
	header []string
	col    map[string]int // lower-cased, trimmed header → index
	line   int
}

// newTable reads the header of a delimited file.
func newTable(name string, r io.Reader, comma rune) (*table, error) {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	h, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, attnflow.Errorf(attnflow.EINVALID, "%s: empty file, want a header line", name)
		}
		return nil, fmt.Errorf("%s: read header: %w", name, err)
	}
	t := &table{name: name, r: cr, header: slices.Clone(h), col: map[string]int{}, line: 1}
	for i, c := range t.header {
		t.col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))] = i
	}
	return t, nil
}

// find returns the index of the first column whose lower-cased name is one
// of names, or -1.
func (t *table) find(names ...string) int {
	for _, n := range names {
		if i, ok := t.col[n]; ok {
			return i
		}
	}
	return -1
}

// findPrefix returns the index and full name of the first column whose
// lower-cased name starts with prefix, or -1.
func (t *table) findPrefix(prefix string) (int, string) {
	for i, c := range t.header {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(c)), prefix) {
			return i, strings.ToLower(strings.TrimSpace(c))
		}
	}
	return -1, ""
}

// require returns the index of a column or an error naming it.
func (t *table) require(names ...string) (int, error) {
	if i := t.find(names...); i >= 0 {
		return i, nil
	}
	return -1, attnflow.Errorf(attnflow.EINVALID, "%s: header lacks column %q (found: %s)", t.name, names[0], truncate(strings.Join(t.header, ", "), 200))
}

// next returns the next record, io.EOF at the end, or an error naming the line.
func (t *table) next() ([]string, error) {
	rec, err := t.r.Read()
	t.line++
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s line %d: %v", t.name, t.line, err)
	}
	if len(rec) != len(t.header) {
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s line %d: %d fields, the header has %d (truncated or mixed file?)", t.name, t.line, len(rec), len(t.header))
	}
	return rec, nil
}

// each calls fn for every remaining record until the end of the file or
// the first error.
func (t *table) each(fn func(row []string) error) error {
	for {
		row, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}

// field returns rec[i] trimmed, or "" when the column is absent or the row short.
func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// number parses a decimal number, accepting a decimal comma ("512,5") as
// some locales write it. Empty, "nan" and "." (EyeLink) are missing (NaN,
// no error).
func number(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "." || strings.EqualFold(s, "nan") || strings.EqualFold(s, "na") {
		return math.NaN(), nil
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN(), fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// lineError is an EINVALID error naming the format and line.
func (t *table) lineError(format string, args ...any) error {
	return attnflow.Errorf(attnflow.EINVALID, "%s line %d: %s", t.name, t.line, fmt.Sprintf(format, args...))
}

// checkMonotonic reports the first sample whose timestamp is earlier than
// the one before it, with its line number from lines.
func checkMonotonic(name string, s []gaze.Sample, lines []int) error {
	for i := 1; i < len(s); i++ {
		if s[i].T < s[i-1].T {
			return attnflow.Errorf(attnflow.EINVALID,
				"%s line %d: timestamp %.6f s is earlier than the previous sample's %.6f s; sort the file by time or export one recording per file", name, lines[i], s[i].T, s[i-1].T)
		}
	}
	return nil
}

// medianStep is the median positive difference of ts (0 when none).
func medianStep(ts []float64) float64 {
	var d []float64
	for i := 1; i < len(ts); i++ {
		if x := ts[i] - ts[i-1]; x > 0 {
			d = append(d, x)
		}
	}
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}
