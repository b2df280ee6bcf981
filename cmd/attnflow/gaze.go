package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
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
	cmd.AddCommand(newGazeClassifyCmd(), newGazeEvalCmd(), newGazeImportCmd(), newGazeReportCmd(), newGazeStreamCmd())
	return cmd
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
