package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/spf13/cobra"
)

// newGazeReportCmd is "attnflow gaze report FILE": the gaze measures of a
// recording and, with --aoi, per-area dwell, latency and transitions.
func newGazeReportCmd() *cobra.Command {
	var gf gazeGeometryFlags
	var cf gazeColumnFlags
	var method string
	var aoiSpecs []string
	var baseline float64
	cmd := &cobra.Command{
		Use:   "report FILE [geometry flags] [--aoi NAME:X,Y,W,H ...]",
		Short: "Fixations, saccades, pursuit, blinks, scanpath, areas of interest and pupil load of a gaze file",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			aois, err := parseAOIs(aoiSpecs)
			if err != nil {
				return err
			}
			det, err := gaze.NewDetector(method)
			if err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("open gaze file: %w", err)
			}
			defer f.Close()
			rec, g, err := readGazeFile(f, args[0], gf, cf.options())
			if err != nil {
				return err
			}
			events := gaze.Events(rec.Samples, det.Classify(rec.Samples, g), g)
			writeGazeReport(cmd.OutOrStdout(), gaze.Summarize(rec.Samples, events, g), gaze.AnalyzeAOIs(events, aois))
			corrected, base := gaze.PupilBaseline(rec.Samples, 1/g.Rate, baseline)
			if !math.IsNaN(base) {
				fmt.Fprintf(cmd.OutOrStdout(), "pupil: baseline %.3f (median of the first %.1f s), mean change %+.3f\n", base, baseline, gaze.PupilLoad(corrected))
			}
			return nil
		},
	}
	gf.register(cmd)
	cf.register(cmd)
	cmd.Flags().StringVar(&method, "method", gaze.DefaultMethod, "detector: "+strings.Join(gaze.Methods(), ", "))
	cmd.Flags().StringArrayVar(&aoiSpecs, "aoi", nil, "area of interest NAME:X,Y,W,H in pixels (repeatable)")
	cmd.Flags().Float64Var(&baseline, "pupil-baseline", 1, "seconds at the start used as the pupil baseline")
	return cmd
}

// parseAOIs parses NAME:X,Y,W,H rectangles.
func parseAOIs(specs []string) ([]gaze.AOI, error) {
	var out []gaze.AOI
	for _, s := range specs {
		name, rest, ok := strings.Cut(s, ":")
		parts := strings.Split(rest, ",")
		if !ok || name == "" || len(parts) != 4 {
			return nil, attnflow.Errorf(attnflow.EINVALID, "--aoi %q: want NAME:X,Y,W,H, e.g. text:0,0,800,600", s)
		}
		var v [4]float64
		for i, p := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return nil, attnflow.Errorf(attnflow.EINVALID, "--aoi %q: %q is not a number", s, p)
			}
			v[i] = f
		}
		out = append(out, gaze.Rect(name, v[0], v[1], v[2], v[3]))
	}
	return out, nil
}

// writeGazeReport prints the measures.
func writeGazeReport(w io.Writer, s gaze.Summary, r gaze.AOIReport) {
	fmt.Fprintf(w, "duration:   %.2f s, gaze on screen %.1f%%\n", s.Duration, 100*s.OnScreenRatio)
	fmt.Fprintf(w, "fixations:  %d, mean %.0f ms, median %.0f ms\n", s.FixationCount, 1000*s.FixationMeanDuration, 1000*s.FixationMedian)
	fmt.Fprintf(w, "saccades:   %d, mean amplitude %.2f°, mean peak velocity %.0f°/s\n", s.SaccadeCount, s.SaccadeMeanAmplitude, s.SaccadeMeanPeakSpeed)
	fmt.Fprintf(w, "pursuit:    %.2f s\nblinks:     %d (%.1f per minute)\nscanpath:   %.1f°\n", s.PursuitTime, s.BlinkCount, s.BlinkRate, s.ScanpathLength)
	if len(r.Stats) == 0 {
		return
	}
	fmt.Fprintln(w, "\narea        fixations  dwell (s)  first fixation (s)")
	for _, a := range r.Stats {
		first := "never"
		if !math.IsNaN(a.FirstFixationLatency) {
			first = fmt.Sprintf("%.3f", a.FirstFixationLatency)
		}
		fmt.Fprintf(w, "%-10s  %9d  %9.3f  %s\n", a.Name, a.Fixations, a.DwellTime, first)
	}
	fmt.Fprintln(w, "\ntransitions (row → column):")
	for i, row := range r.Transitions {
		fmt.Fprintf(w, "%-10s %v\n", r.Stats[i].Name, row)
	}
}
