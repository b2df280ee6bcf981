package formats

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// isEyeLinkASC reports whether head looks like an EDF2ASC conversion.
func isEyeLinkASC(head []byte) bool {
	if bytes.HasPrefix(head, []byte("** CONVERTED FROM")) {
		return true
	}
	for _, l := range bytes.SplitN(head, []byte("\n"), 200) {
		f := bytes.Fields(l)
		if len(f) > 1 && (string(f[0]) == "MSG" || string(f[0]) == "START" || string(f[0]) == "SAMPLES") {
			if _, err := strconv.ParseFloat(string(f[1]), 64); err == nil || string(f[0]) == "SAMPLES" {
				return true
			}
		}
	}
	return false
}

// ReadEyeLinkASC reads an SR Research EyeLink recording converted to ASC
// by edf2asc: sample lines (time in ms, then x, y, pupil per recorded eye;
// "." for lost data), MSG lines, the tracker's own events (SFIX/EFIX,
// SSACC/ESACC, SBLINK/EBLINK, read from their end lines), the sampling
// rate from the SAMPLES line and the screen size from the GAZE_COORDS (or
// DISPLAY_COORDS) message. Binocular samples are averaged over the eyes
// with data.
func ReadEyeLinkASC(r io.Reader) (*Recording, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	rec := &Recording{Format: FormatEyeLinkASC, Coords: Pixels}
	p := ascParser{rec: rec}
	for line := 1; sc.Scan(); line++ {
		if err := p.line(sc.Text()); err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "eyelink asc line %d: %v", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "eyelink asc: %v (a line longer than 1 MiB?)", err)
	}
	return rec, checkMonotonic("eyelink asc", rec.Samples, p.lines)
}

// ascParser holds the state of an ASC parse.
type ascParser struct {
	rec    *Recording
	lines  []int
	lineNo int
	eyes   int // eyes per sample line, from the SAMPLES line (0: unknown)
}

// line handles one ASC line.
func (p *ascParser) line(l string) error {
	p.lineNo++
	f := strings.Fields(l)
	if len(f) == 0 || strings.HasPrefix(l, "**") {
		return nil
	}
	if c := f[0][0]; c >= '0' && c <= '9' {
		return p.sample(f)
	}
	switch f[0] {
	case "MSG":
		return p.message(l, f)
	case "SAMPLES":
		p.eyes = 0
		for _, w := range f {
			if w == "LEFT" || w == "RIGHT" {
				p.eyes++
			}
		}
		for i := 1; i+1 < len(f); i++ {
			if f[i] == "RATE" {
				if v, err := strconv.ParseFloat(f[i+1], 64); err == nil && v > 0 {
					p.rec.Geometry.Rate = v
				}
			}
		}
	case "EFIX", "ESACC", "EBLINK":
		return p.event(f)
	}
	return nil
}

// sample parses "time x y pupil [x y pupil] [flags]".
func (p *ascParser) sample(f []string) error {
	t, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return err
	}
	var xs, ys, ps []float64
	eyes := p.eyes
	if eyes == 0 {
		eyes = 2 // no SAMPLES line: take up to two eyes
	}
	for i := 1; i+2 < len(f) && len(xs) < eyes; i += 3 {
		x, errx := number(f[i])
		y, erry := number(f[i+1])
		pu, errp := number(f[i+2])
		if errx != nil || erry != nil || errp != nil {
			break // flags such as "..." or "I.C.." end the numeric fields
		}
		xs, ys, ps = append(xs, x), append(ys, y), append(ps, pu)
	}
	if len(xs) == 0 {
		return attnflow.Errorf(attnflow.EINVALID, "sample line needs time, x, y and pupil, got %q", strings.Join(f, " "))
	}
	s := gaze.Sample{T: t / 1000, X: meanValid(xs), Y: meanValid(ys), Pupil: meanValid(ps)}
	if math.IsNaN(s.X) || math.IsNaN(s.Y) {
		s.X, s.Y = math.NaN(), math.NaN()
	}
	p.rec.Samples = append(p.rec.Samples, s)
	p.lines = append(p.lines, p.lineNo)
	return nil
}

// message records a MSG line and picks up the screen size.
func (p *ascParser) message(l string, f []string) error {
	if len(f) < 3 {
		return nil
	}
	t, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "MSG time %q is not a number", f[1])
	}
	text := strings.TrimSpace(l[strings.Index(l, f[1])+len(f[1]):])
	p.rec.Messages = append(p.rec.Messages, Message{T: t / 1000, Text: text})
	if (f[2] == "GAZE_COORDS" || (f[2] == "DISPLAY_COORDS" && p.rec.Geometry.ScreenWpx == 0)) && len(f) >= 7 {
		x1, _ := strconv.ParseFloat(f[3], 64)
		y1, _ := strconv.ParseFloat(f[4], 64)
		x2, _ := strconv.ParseFloat(f[5], 64)
		y2, _ := strconv.ParseFloat(f[6], 64)
		if x2 > x1 && y2 > y1 {
			p.rec.Geometry.ScreenWpx, p.rec.Geometry.ScreenHpx = x2-x1+1, y2-y1+1
		}
	}
	return nil
}

// event records an end-of-event line: "EFIX L start end ...".
func (p *ascParser) event(f []string) error {
	if len(f) < 4 {
		return attnflow.Errorf(attnflow.EINVALID, "%s needs an eye, a start and an end time", f[0])
	}
	start, err1 := strconv.ParseFloat(f[2], 64)
	end, err2 := strconv.ParseFloat(f[3], 64)
	if err1 != nil || err2 != nil {
		return attnflow.Errorf(attnflow.EINVALID, "%s start/end %q %q are not numbers", f[0], f[2], f[3])
	}
	kind := map[string]gaze.Label{"EFIX": gaze.Fixation, "ESACC": gaze.Saccade, "EBLINK": gaze.Blink}[f[0]]
	p.rec.Events = append(p.rec.Events, TrackerEvent{Kind: kind, Eye: f[1], Start: start / 1000, End: end / 1000})
	return nil
}

// meanValid averages the non-NaN values (NaN when none).
func meanValid(xs []float64) float64 {
	var s, n float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			s += x
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / n
}
