package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/formats"
	"github.com/spf13/cobra"
)

// newGazeImportCmd is "attnflow gaze import FILE": read any supported gaze
// file, summarise it, and optionally write it as a plain CSV.
func newGazeImportCmd() *cobra.Command {
	var cf gazeColumnFlags
	var out string
	cmd := &cobra.Command{
		Use:   "import FILE [--out samples.csv]",
		Short: "Read a gaze file (format detected) and summarise or convert it",
		Long: `import reads a gaze recording, detecting its format: Tobii Pro Lab TSV export,
Pupil Core gaze_positions.csv / pupil_positions.csv, Neon / Pupil Cloud gaze.csv /
3d_eye_states.csv, EyeLink ASC, WebGazer or jsPsych JSON, or a plain CSV whose
columns you name with --x-col/--y-col (and --time-col, --pupil-col). It prints
what it found (samples, lost data, rate, geometry in the file, tracker events)
and with --out writes t_s,x,y,pupil rows.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("open gaze file: %w", err)
			}
			defer f.Close()
			rec, err := formats.Read(f, cf.options())
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			printGazeSummary(cmd.OutOrStdout(), args[0], rec)
			if out == "" {
				return nil
			}
			return writeGazeCSV(out, rec)
		},
	}
	cf.register(cmd)
	cmd.Flags().StringVar(&out, "out", "", "write the samples to this CSV (t_s,x,y,pupil)")
	return cmd
}

// printGazeSummary prints what a recording holds.
func printGazeSummary(w io.Writer, path string, rec *formats.Recording) {
	lost := 0
	for _, s := range rec.Samples {
		if !s.Valid() {
			lost++
		}
	}
	n := len(rec.Samples)
	dur := rec.Samples[n-1].T - rec.Samples[0].T
	fmt.Fprintf(w, "file:      %s\nformat:    %s (coordinates: %s)\nsamples:   %d, %.1f%% without gaze\n", path, rec.Format, rec.Coords, n, 100*float64(lost)/float64(n))
	if dur > 0 {
		fmt.Fprintf(w, "duration:  %.3f s (about %.0f Hz from timestamps)\n", dur, float64(n-1)/dur)
	}
	g := rec.Geometry
	fmt.Fprintf(w, "geometry:  rate %s, screen %s\n", orUnknown(g.Rate, "%g Hz"), orUnknownWxH(g.ScreenWpx, g.ScreenHpx))
	if len(rec.Events) > 0 || len(rec.Messages) > 0 {
		counts := map[gaze.Label]int{}
		for _, e := range rec.Events {
			counts[e.Kind]++
		}
		fmt.Fprintf(w, "tracker:   %d fixations, %d saccades, %d blinks, %d messages\n", counts[gaze.Fixation], counts[gaze.Saccade], counts[gaze.Blink], len(rec.Messages))
	}
}

func orUnknown(v float64, format string) string {
	if v > 0 {
		return fmt.Sprintf(format, v)
	}
	return "not given (pass a flag)"
}

func orUnknownWxH(w, h float64) string {
	if w > 0 && h > 0 {
		return fmt.Sprintf("%gx%g px", w, h)
	}
	return "not given (pass a flag)"
}

// writeGazeCSV writes the samples as t_s,x,y,pupil.
func writeGazeCSV(path string, rec *formats.Recording) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", path, cerr)
		}
	}()
	bw := bufio.NewWriter(f)
	fmt.Fprintln(bw, "t_s,x,y,pupil")
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, s := range rec.Samples {
		fmt.Fprintf(bw, "%s,%s,%s,%s\n", formatSeconds(s.T), nanEmpty(s.X, num), nanEmpty(s.Y, num), nanEmpty(s.Pupil, num))
	}
	return bw.Flush()
}

// nanEmpty formats v, or "" for NaN.
func nanEmpty(v float64, f func(float64) string) string {
	if v != v {
		return ""
	}
	return f(v)
}
