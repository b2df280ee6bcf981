package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/formats"
	"github.com/spf13/cobra"
)

// newGazeCmd is "attnflow gaze": eye-movement detection and evaluation.
func newGazeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gaze",
		Short: "Detect eye movements in gaze recordings and evaluate detectors",
	}
	cmd.AddCommand(newGazeClassifyCmd(), newGazeEvalCmd(), newGazeImportCmd(), newGazeReportCmd())
	return cmd
}

// gazeGeometryFlags are the flags describing the recording set-up.
type gazeGeometryFlags struct {
	rate       float64
	screenPx   string
	screenMM   string
	distanceMM float64
}

// register adds the geometry flags to cmd.
func (gf *gazeGeometryFlags) register(cmd *cobra.Command) {
	cmd.Flags().Float64Var(&gf.rate, "rate", 0, "sampling rate in Hz (time base when the file has no timestamps)")
	cmd.Flags().StringVar(&gf.screenPx, "screen-px", "", "screen size in pixels, WIDTHxHEIGHT")
	cmd.Flags().StringVar(&gf.screenMM, "screen-mm", "", "screen size in millimetres, WIDTHxHEIGHT")
	cmd.Flags().Float64Var(&gf.distanceMM, "distance-mm", 0, "eye-to-screen distance in millimetres")
}

// geometry merges the flags over what the file says (flags win) and
// checks that everything is known, naming the flag that is missing.
func (gf gazeGeometryFlags) geometry(file gaze.Geometry) (gaze.Geometry, error) {
	g := file
	if gf.rate > 0 {
		g.Rate = gf.rate
	}
	if gf.distanceMM > 0 {
		g.DistanceMM = gf.distanceMM
	}
	if gf.screenPx != "" {
		w, h, err := parseWxH(gf.screenPx, "--screen-px")
		if err != nil {
			return g, err
		}
		g.ScreenWpx, g.ScreenHpx = w, h
	}
	if gf.screenMM != "" {
		w, h, err := parseWxH(gf.screenMM, "--screen-mm")
		if err != nil {
			return g, err
		}
		g.ScreenWmm, g.ScreenHmm = w, h
	}
	for _, c := range []struct {
		ok   bool
		flag string
	}{{g.Rate > 0, "--rate"}, {g.ScreenWpx > 0 && g.ScreenHpx > 0, "--screen-px"}, {g.ScreenWmm > 0 && g.ScreenHmm > 0, "--screen-mm"}, {g.DistanceMM > 0, "--distance-mm"}} {
		if !c.ok {
			return g, attnflow.Errorf(attnflow.EINVALID, "the gaze file does not give the recording geometry: pass %s", c.flag)
		}
	}
	return g, g.Validate()
}

// parseWxH parses "1024x768".
func parseWxH(s, flag string) (float64, float64, error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if !ok || err1 != nil || err2 != nil || !(w > 0 && h > 0) {
		return 0, 0, attnflow.Errorf(attnflow.EINVALID, "%s %q: want WIDTHxHEIGHT, e.g. 1024x768", flag, s)
	}
	return w, h, nil
}

// newGazeClassifyCmd is "attnflow gaze classify INPUT.csv ...": one output
// row per input sample with its label.
func newGazeClassifyCmd() *cobra.Command {
	var gf gazeGeometryFlags
	var cf gazeColumnFlags
	var method string
	cmd := &cobra.Command{
		Use:   "classify INPUT.csv --rate HZ --screen-px WxH --screen-mm WxH --distance-mm D [--method NAME] > OUT.csv",
		Short: "Label every gaze sample as fixation, saccade, pso, pursuit, blink or undefined",
		Long: `classify labels every sample of a gaze file and writes one CSV row per input
sample, in order, with a label column (fixation, saccade, pso, pursuit, blink or
undefined).

A CSV with columns sample,t_us,x_px,y_px (pupil_h, pupil_v and label optional;
label is ignored; x_px = y_px = 0 is lost gaze; an empty t_us means "time from
--rate") is written back as sample,t_us,label. Any other format that "attnflow
gaze import" reads (Tobii Pro Lab TSV, Pupil Core, Neon, EyeLink ASC, WebGazer
JSON, plain CSV with --x-col/--y-col) is detected and written as
index,t_s,label; geometry the file gives need not be passed as flags.

Methods: ` + strings.Join(gaze.Methods(), ", ") + ` (default ` + gaze.DefaultMethod + `).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			det, err := gaze.NewDetector(method)
			if err != nil {
				return err
			}
			return classifyFile(args[0], gf, cf.options(), det, cmd.OutOrStdout())
		},
	}
	gf.register(cmd)
	cf.register(cmd)
	cmd.Flags().StringVar(&method, "method", gaze.DefaultMethod, "detector: "+strings.Join(gaze.Methods(), ", "))
	return cmd
}

// classifyFile reads path, labels it and writes the labelled CSV to w.
func classifyFile(path string, gf gazeGeometryFlags, opts formats.Options, det gaze.Detector, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open gaze file: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(4096)
	bw := bufio.NewWriterSize(w, 1<<16)
	if fm, _ := formats.Detect(head, opts.Columns); fm == formats.FormatAndersson && opts.Format == "" {
		g, err := gf.geometry(gaze.Geometry{})
		if err != nil {
			return err
		}
		return classifyLabelledStream(br, path, g, det, bw)
	}
	rec, g, err := readGazeFile(br, path, gf, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(bw, "index,t_s,label")
	for i, l := range det.Classify(rec.Samples, g) {
		fmt.Fprintf(bw, "%d,%s,%s\n", i, formatSeconds(rec.Samples[i].T), l)
	}
	return bw.Flush()
}

// classifyLabelledStream classifies a CSV in the benchmark's layout with
// bounded memory (gaze.ClassifyStream: 60 s chunks with 2 s of context;
// a shorter recording is one chunk) and writes sample,t_us,label rows.
func classifyLabelledStream(r io.Reader, path string, g gaze.Geometry, det gaze.Detector, bw *bufio.Writer) error {
	lr, err := formats.NewLabelledReader(r)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var pending [][2]string // fields of read samples not yet written
	var readErr error
	next := func() (gaze.Sample, bool) {
		row, err := lr.Next()
		if err != nil {
			if err != io.EOF {
				readErr = err
			}
			return gaze.Sample{}, false
		}
		pending = append(pending, [2]string{row.SampleField, row.TimeField})
		return row.Sample, true
	}
	fmt.Fprintln(bw, "sample,t_us,label")
	emit := func(l gaze.Label) error {
		_, err := fmt.Fprintf(bw, "%s,%s,%s\n", pending[0][0], pending[0][1], l)
		pending = pending[1:]
		return err
	}
	if err := gaze.ClassifyStream(next, det, g, gaze.ChunkOptions{}, emit); err != nil {
		return fmt.Errorf("write labels: %w", err)
	}
	if readErr != nil {
		return fmt.Errorf("%s: %w", path, readErr)
	}
	return bw.Flush()
}

// readGazeFile reads any supported format and completes its geometry.
func readGazeFile(r io.Reader, path string, gf gazeGeometryFlags, opts formats.Options) (*formats.Recording, gaze.Geometry, error) {
	rec, err := formats.Read(r, opts)
	if err != nil {
		return nil, gaze.Geometry{}, fmt.Errorf("%s: %w", path, err)
	}
	if rec.Coords == formats.NoGaze {
		return nil, gaze.Geometry{}, attnflow.Errorf(attnflow.EINVALID, "%s: %s holds pupil data only, no gaze positions to classify", path, rec.Format)
	}
	g, err := gf.geometry(rec.Geometry)
	if err != nil {
		return nil, g, err
	}
	if err := rec.ToPixels(g.ScreenWpx, g.ScreenHpx); err != nil {
		return nil, g, err
	}
	return rec, g, nil
}

// formatSeconds prints a timestamp, empty when unknown.
func formatSeconds(t float64) string {
	if math.IsNaN(t) {
		return ""
	}
	return strconv.FormatFloat(t, 'f', 6, 64)
}

// gazeColumnFlags name the columns of a plain CSV.
type gazeColumnFlags struct {
	format                 string
	timeCol, xCol, yCol    string
	pupilCol, delimiter    string
	timeUnit               float64
	normalized, zeroIsLost bool
	minConfidence          float64
}

// register adds the column flags to cmd.
func (cf *gazeColumnFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&cf.format, "format", "", "force a format instead of detecting it (tobii-tsv, pupil-core-gaze, neon-gaze, eyelink-asc, webgazer-json, csv, ...)")
	cmd.Flags().StringVar(&cf.timeCol, "time-col", "", "plain CSV: timestamp column")
	cmd.Flags().Float64Var(&cf.timeUnit, "time-unit", 0, "plain CSV: seconds per timestamp unit (default: inferred ms or µs)")
	cmd.Flags().StringVar(&cf.xCol, "x-col", "", "plain CSV: gaze x column")
	cmd.Flags().StringVar(&cf.yCol, "y-col", "", "plain CSV: gaze y column")
	cmd.Flags().StringVar(&cf.pupilCol, "pupil-col", "", "plain CSV: pupil size column")
	cmd.Flags().StringVar(&cf.delimiter, "delimiter", ",", "plain CSV: field delimiter (\\t for tab)")
	cmd.Flags().BoolVar(&cf.normalized, "normalized", false, "plain CSV: x and y are 0..1 of the screen")
	cmd.Flags().BoolVar(&cf.zeroIsLost, "zero-is-lost", false, "plain CSV: x = y = 0 means lost gaze")
	cmd.Flags().Float64Var(&cf.minConfidence, "min-confidence", 0, "Pupil Core: drop data below this confidence (default 0.6)")
}

// options converts the flags to formats.Options.
func (cf gazeColumnFlags) options() formats.Options {
	d := ','
	if cf.delimiter == "\\t" || cf.delimiter == "tab" {
		d = '\t'
	} else if r := []rune(cf.delimiter); len(r) == 1 {
		d = r[0]
	}
	return formats.Options{
		Format:        formats.Format(cf.format),
		MinConfidence: cf.minConfidence,
		Columns: formats.Columns{Time: cf.timeCol, TimeUnit: cf.timeUnit, X: cf.xCol, Y: cf.yCol, Pupil: cf.pupilCol,
			Delimiter: d, Normalized: cf.normalized, ZeroIsLost: cf.zeroIsLost},
	}
}
