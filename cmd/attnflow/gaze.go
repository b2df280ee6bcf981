package main

import (
	"bufio"
	"fmt"
	"io"
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
	cmd.AddCommand(newGazeClassifyCmd(), newGazeEvalCmd())
	return cmd
}

// gazeGeometryFlags are the flags describing the recording set-up.
type gazeGeometryFlags struct {
	rate       float64
	screenPx   string
	screenMM   string
	distanceMM float64
}

// geometry parses the flags into a validated gaze.Geometry.
func (f gazeGeometryFlags) geometry() (gaze.Geometry, error) {
	g := gaze.Geometry{Rate: f.rate, DistanceMM: f.distanceMM}
	var err error
	if g.ScreenWpx, g.ScreenHpx, err = parseWxH(f.screenPx, "--screen-px"); err != nil {
		return g, err
	}
	if g.ScreenWmm, g.ScreenHmm, err = parseWxH(f.screenMM, "--screen-mm"); err != nil {
		return g, err
	}
	return g, g.Validate()
}

// parseWxH parses "1024x768".
func parseWxH(s, flag string) (float64, float64, error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, attnflow.Errorf(attnflow.EINVALID, "%s %q: want WIDTHxHEIGHT, e.g. 1024x768", flag, s)
	}
	return w, h, nil
}

// newGazeClassifyCmd is "attnflow gaze classify INPUT.csv ...": one output
// row per input sample with its label.
func newGazeClassifyCmd() *cobra.Command {
	var gf gazeGeometryFlags
	var method string
	cmd := &cobra.Command{
		Use:   "classify INPUT.csv --rate HZ --screen-px WxH --screen-mm WxH --distance-mm D [--method NAME] > OUT.csv",
		Short: "Label every gaze sample as fixation, saccade, pso, pursuit, blink or undefined",
		Long: `classify reads a CSV with columns sample,t_us,x_px,y_px (pupil_h, pupil_v and
label are optional; label is ignored), where x_px = y_px = 0 means lost gaze
and an empty t_us means "time from --rate", and writes one CSV row per input
sample, in order: sample,t_us,label. Methods: ` + strings.Join(gaze.Methods(), ", ") + ` (default ` + gaze.DefaultMethod + `).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			g, err := gf.geometry()
			if err != nil {
				return err
			}
			det, err := gaze.NewDetector(method)
			if err != nil {
				return err
			}
			return classifyFile(args[0], g, det, cmd.OutOrStdout())
		},
	}
	cmd.Flags().Float64Var(&gf.rate, "rate", 0, "sampling rate in Hz (time base when t_us is empty)")
	cmd.Flags().StringVar(&gf.screenPx, "screen-px", "", "screen size in pixels, WIDTHxHEIGHT")
	cmd.Flags().StringVar(&gf.screenMM, "screen-mm", "", "screen size in millimetres, WIDTHxHEIGHT")
	cmd.Flags().Float64Var(&gf.distanceMM, "distance-mm", 0, "eye-to-screen distance in millimetres")
	cmd.Flags().StringVar(&method, "method", gaze.DefaultMethod, "detector: "+strings.Join(gaze.Methods(), ", "))
	for _, f := range []string{"rate", "screen-px", "screen-mm", "distance-mm"} {
		_ = cmd.MarkFlagRequired(f)
	}
	return cmd
}

// classifyFile reads path, labels it and writes the labelled CSV to w.
func classifyFile(path string, g gaze.Geometry, det gaze.Detector, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open gaze file: %w", err)
	}
	defer f.Close()
	in, err := formats.ReadLabelledCSV(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	labels := det.Classify(in.Samples, g)
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintln(bw, "sample,t_us,label")
	for i, l := range labels {
		fmt.Fprintf(bw, "%s,%s,%s\n", in.Raw[i][0], in.Raw[i][1], l)
	}
	return bw.Flush()
}
