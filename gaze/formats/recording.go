package formats

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// Format names a gaze file format.
type Format string

// The formats Read understands.
const (
	FormatUnknown     Format = ""
	FormatAndersson   Format = "andersson-csv"     // sample,t_us,...,x_px,y_px,label (the benchmark's CSV)
	FormatTobii       Format = "tobii-tsv"         // Tobii Pro Lab data export (TSV)
	FormatPupilGaze   Format = "pupil-core-gaze"   // Pupil Core gaze_positions.csv
	FormatPupilPupil  Format = "pupil-core-pupil"  // Pupil Core pupil_positions.csv
	FormatNeonGaze    Format = "neon-gaze"         // Neon / Pupil Cloud gaze.csv
	FormatNeonEye     Format = "neon-3d-eye-state" // Neon / Pupil Cloud 3d_eye_states.csv
	FormatEyeLinkASC  Format = "eyelink-asc"       // SR Research EyeLink EDF converted to ASC
	FormatWebGazer    Format = "webgazer-json"     // WebGazer samples or jsPsych data with webgazer_data
	FormatGenericCSV  Format = "csv"               // a delimited file with columns named in Options
	maxDetectionBytes        = 64 << 10
)

// Coords says what unit a recording's X and Y are in.
type Coords string

// Coordinate systems.
const (
	Pixels     Coords = "px"   // screen (or scene camera) pixels, origin top left
	Normalized Coords = "norm" // 0..1 of the screen or scene image, origin top left
	NoGaze     Coords = "none" // the file holds pupil data only; X and Y are NaN
)

// TrackerEvent is an event the tracker's own software detected (EyeLink
// SFIX/EFIX, SSACC/ESACC, SBLINK/EBLINK).
type TrackerEvent struct {
	Kind       gaze.Label
	Eye        string  // "L", "R" or ""
	Start, End float64 // seconds, on the samples' clock
}

// Message is a timestamped text the experiment wrote into the recording
// (EyeLink MSG lines, Neon events).
type Message struct {
	T    float64 // seconds, on the samples' clock
	Text string
}

// Recording is a gaze file read into samples plus whatever the file says
// about its set-up. Geometry fields the file does not give are zero; fill
// them from flags (see Geometry.Validate). When the file has timestamps but
// states no rate, Rate is the rate its median timestamp step implies.
type Recording struct {
	Format   Format
	Coords   Coords
	Samples  []gaze.Sample
	Geometry gaze.Geometry
	Events   []TrackerEvent
	Messages []Message
}

// ToPixels converts normalized coordinates to pixels of a w×h screen.
// Recordings already in pixels are left as they are.
func (r *Recording) ToPixels(w, h float64) error {
	if r.Coords != Normalized {
		return nil
	}
	if !(w > 0 && h > 0) {
		return attnflow.Errorf(attnflow.EINVALID, "%s gives normalized gaze: the screen (or scene camera) size in pixels is needed, pass --screen-px WxH", r.Format)
	}
	for i := range r.Samples {
		r.Samples[i].X *= w
		r.Samples[i].Y *= h
	}
	r.Coords = Pixels
	r.Geometry.ScreenWpx, r.Geometry.ScreenHpx = w, h
	return nil
}

// Options tune reading.
type Options struct {
	// Format forces a format instead of detecting it.
	Format Format
	// Columns maps the generic CSV's columns; required for FormatGenericCSV.
	Columns Columns
	// MinConfidence drops Pupil Core samples below it (default 0.6, the
	// level Pupil Labs recommend).
	MinConfidence float64
}

// Read detects the format of r (unless opts.Format is set) and reads it.
func Read(r io.Reader, opts Options) (*Recording, error) {
	br := bufio.NewReaderSize(r, maxDetectionBytes)
	f := opts.Format
	if f == FormatUnknown {
		head, err := br.Peek(maxDetectionBytes)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, fmt.Errorf("read gaze file: %w", err)
		}
		if f, err = Detect(head, opts.Columns); err != nil {
			return nil, err
		}
	}
	var rec *Recording
	var err error
	switch f {
	case FormatAndersson:
		rec, err = readAndersson(br)
	case FormatTobii:
		rec, err = ReadTobii(br)
	case FormatPupilGaze, FormatPupilPupil:
		rec, err = ReadPupilCore(br, opts.MinConfidence)
	case FormatNeonGaze, FormatNeonEye:
		rec, err = ReadNeon(br)
	case FormatEyeLinkASC:
		rec, err = ReadEyeLinkASC(br)
	case FormatWebGazer:
		rec, err = ReadWebGazer(br)
	case FormatGenericCSV:
		rec, err = ReadCSV(br, opts.Columns)
	default:
		return nil, attnflow.Errorf(attnflow.EINVALID, "unknown gaze format %q", f)
	}
	if err != nil {
		return nil, err
	}
	if len(rec.Samples) == 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s: the file holds no gaze samples", f)
	}
	if rec.Geometry.Rate == 0 {
		ts := make([]float64, len(rec.Samples))
		for i, s := range rec.Samples {
			ts[i] = s.T
		}
		if step := medianStep(ts); step > 0 {
			rec.Geometry.Rate = math.Round(1/step*100) / 100
		}
	}
	return rec, nil
}

// readAndersson wraps ReadLabelledCSV as a Recording.
func readAndersson(r io.Reader) (*Recording, error) {
	l, err := ReadLabelledCSV(r)
	if err != nil {
		return nil, err
	}
	return &Recording{Format: FormatAndersson, Coords: Pixels, Samples: l.Samples}, nil
}

// Detect names the format of a file from its first bytes. A header it
// does not recognise is an error that shows the header and how to read the
// file as a generic CSV.
func Detect(head []byte, cols Columns) (Format, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	if len(trimmed) == 0 {
		return FormatUnknown, attnflow.Errorf(attnflow.EINVALID, "gaze file is empty")
	}
	if trimmed[0] == '[' || trimmed[0] == '{' {
		return FormatWebGazer, nil
	}
	if isEyeLinkASC(trimmed) {
		return FormatEyeLinkASC, nil
	}
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	h := string(bytes.ToLower(bytes.TrimSpace(first)))
	switch {
	case hasAll(h, "sample", "t_us", "x_px", "y_px"):
		return FormatAndersson, nil
	case hasAll(h, "recording timestamp") && bytes.Contains(first, []byte("\t")):
		return FormatTobii, nil
	case hasAll(h, "gaze_timestamp", "norm_pos_x"):
		return FormatPupilGaze, nil
	case hasAll(h, "pupil_timestamp", "eye_id"):
		return FormatPupilPupil, nil
	case hasAll(h, "timestamp [ns]", "gaze x [px]"):
		return FormatNeonGaze, nil
	case hasAll(h, "timestamp [ns]", "pupil diameter left [mm]"):
		return FormatNeonEye, nil
	case cols.X != "" && cols.Y != "":
		return FormatGenericCSV, nil
	}
	return FormatUnknown, attnflow.Errorf(attnflow.EINVALID,
		"gaze file header %q is not from a known tracker (Tobii Pro Lab TSV, Pupil Core, Neon, EyeLink ASC, WebGazer JSON); to read it as a plain CSV name its columns (e.g. --time-col, --x-col, --y-col)", truncate(strings1(first), 120))
}

func hasAll(h string, subs ...string) bool {
	for _, s := range subs {
		if !bytes.Contains([]byte(h), []byte(s)) {
			return false
		}
	}
	return true
}

func strings1(b []byte) string { return string(bytes.TrimSpace(b)) }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
