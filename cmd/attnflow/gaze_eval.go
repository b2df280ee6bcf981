package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/bench"
	"github.com/spf13/cobra"
)

// gazeDataEnv overrides where the Andersson et al. dataset lives.
const gazeDataEnv = "ATTNFLOW_GAZE_DATA"

// newGazeEvalCmd is "attnflow gaze eval [DIR]": the kappa table.
func newGazeEvalCmd() *cobra.Command {
	var dir string
	var cv bool
	cmd := &cobra.Command{
		Use:   "eval [DIR]",
		Short: "Score attnflow's detectors and the published ones against the human coders",
		Long: `eval loads the hand-labelled recordings of Andersson et al. (2017) from DIR
(default: --data, $` + gazeDataEnv + `, or ../shared/data/gaze-andersson2017) and prints
sample-level Cohen's kappa per stimulus type and event type, each labelling
compared against both coders concatenated, as in the paper; the coders' row is
MN vs RA. With --cv it also prints leave-one-recording-out cross-validated
figures for the adaptive detector's parameter choice.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				dir = args[0]
			}
			return runGazeEval(cmd, resolveGazeData(dir), cv)
		},
	}
	cmd.Flags().StringVar(&dir, "data", "", "dataset folder (gaze-andersson2017)")
	cmd.Flags().BoolVar(&cv, "cv", false, "also run leave-one-recording-out cross-validation of the parameter choice")
	return cmd
}

// resolveGazeData picks the dataset folder: flag, env, default.
func resolveGazeData(dir string) string {
	if dir != "" {
		return dir
	}
	if env := os.Getenv(gazeDataEnv); env != "" {
		return env
	}
	return filepath.Join("..", "shared", "data", "gaze-andersson2017")
}

// runGazeEval prints the evaluation tables.
func runGazeEval(cmd *cobra.Command, dir string, cv bool) error {
	if _, err := os.Stat(dir); err != nil {
		return attnflow.Errorf(attnflow.ENOTFOUND, "gaze dataset not found at %s: pass DIR or set %s", dir, gazeDataEnv)
	}
	recs, err := bench.Load(os.DirFS(dir))
	if err != nil {
		return fmt.Errorf("load %s: %w", dir, err)
	}
	var dets []gaze.Detector
	for _, m := range gaze.Methods() {
		d, _ := gaze.NewDetector(m)
		dets = append(dets, d)
	}
	t := bench.Evaluate(recs, dets)
	if cv {
		res := bench.CrossValidate(recs, bench.Grid())
		t.Rows = append(t.Rows[:2], append([]bench.Row{{Name: "attnflow adaptive (LORO-CV)", Kind: "attnflow-cv", Scores: res.Scores}}, t.Rows[2:]...)...)
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "Sample-level Cohen's kappa vs both coders, %d recordings from %s\n\n", len(recs), dir)
	if err := t.WriteMarkdown(out); err != nil {
		return err
	}
	fmt.Fprintln(out)
	return t.WriteComparison(out, "attnflow adaptive")
}
