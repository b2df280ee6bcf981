package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/checkin"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/model"
	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

// modelFlags are the options shared by the model subcommands.
type modelFlags struct {
	days int
	tz   string
	host string
}

func (f *modelFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.days, "days", 90, "days of history to use, ending today")
	fl.StringVar(&f.tz, "tz", "", "time zone of days, e.g. Europe/Berlin (default this machine's)")
	fl.StringVar(&f.host, "hostname", "", "only this host's data (default every host)")
}

func (f *modelFlags) flowConfig() (flow.Config, error) {
	tz := f.tz
	if tz == "" {
		tz = localZoneName()
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return flow.Config{}, attnflow.Errorf(attnflow.EINVALID, "time zone %q: %v", tz, err)
	}
	return flow.Config{Location: loc}, nil
}

func newModelCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Train, evaluate and explain the attention-state model",
		Long: `model works with the attention-state model: the day-one model (an HMM over
the attention flow's windows, no labels needed) and the personal model it
becomes from your check-ins (attnflow checkin).

  train    build your model from the last --days and save it as a new versioned
           file in the data directory (the personal part is kept only if it beats
           the day-one model on your own check-ins)
  eval     leave-one-day-out cross-validation on your check-ins, next to the
           baselines (majority class, your own mean, the rule-based definition);
           with --sim, the evaluation on simulated personas against ground truth
  explain  the state, score, reasons and interruptibility of one window`,
	}
	cmd.AddCommand(newModelTrainCmd(g), newModelEvalCmd(g), newModelExplainCmd(g))
	return cmd
}

// history is what the model subcommands read from the store.
type history struct {
	days     []flow.Day
	answers  []checkin.Answer
	badCheck int
	cfg      flow.Config
}

func loadHistory(ctx context.Context, cfg Config, f *modelFlags) (history, error) {
	var h history
	fcfg, err := f.flowConfig()
	if err != nil {
		return h, err
	}
	if f.days < 1 || f.days > 3700 {
		return h, attnflow.Errorf(attnflow.EINVALID, "days %d is outside 1..3700", f.days)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, storeFile)); err != nil {
		return h, attnflow.Errorf(attnflow.ENOTFOUND, "no attnflow data in %s: run \"attnflow up\" to start recording, or \"attnflow demo --no-serve --data DIR\" to try it", cfg.DataDir)
	}
	db, err := openStore(ctx, cfg.DataDir, nil)
	if err != nil {
		return h, err
	}
	defer db.Close()
	today := flow.DateOf(time.Now(), fcfg)
	dates := append(flow.DatesBefore(today, f.days-1), today)
	h.cfg = fcfg
	if h.days, err = server.NewFlowEngine(db).Days(ctx, dates, f.host, fcfg); err != nil {
		return h, err
	}
	first, _ := flow.DayRange(dates[0], fcfg)
	r := attnflow.TimeRange{Start: first.Start, End: time.Now().Add(time.Minute)}
	h.answers, h.badCheck, err = server.LoadCheckIns(ctx, db, f.host, r)
	return h, err
}

// windows returns every day's windows in order.
func (h history) windows() []flow.Window {
	var out []flow.Window
	for _, d := range h.days {
		out = append(out, d.Windows...)
	}
	return out
}

// modelDays pairs each day's windows with the check-ins prompted in it.
func (h history) modelDays() []model.Day {
	out := make([]model.Day, len(h.days))
	cis := checkin.CheckIns(h.answers)
	for i, d := range h.days {
		out[i].Windows = d.Windows
		for _, c := range cis {
			if c.Covers.End.After(d.Range.Start) && !c.Covers.End.After(d.Range.End) {
				out[i].CheckIns = append(out[i].CheckIns, c)
			}
		}
	}
	return out
}

func newModelTrainCmd(g *globalFlags) *cobra.Command {
	f := &modelFlags{}
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Build your model from your history and check-ins and save it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			h, err := loadHistory(cmd.Context(), cfg, f)
			if err != nil {
				return err
			}
			start := time.Now()
			t := model.Train(h.modelDays(), h.cfg.Window)
			took := time.Since(start)
			path, err := saveModel(cfg.DataDir, t, time.Now())
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "Trained on %d days and %d check-ins in %s.\n%s.\n", len(h.days), len(h.answers), took.Round(time.Millisecond), t.Note)
			if h.badCheck > 0 {
				fmt.Fprintf(w, "%d check-in events were not valid answers and were skipped.\n", h.badCheck)
			}
			if t.CV != nil {
				writeCV(w, *t.CV)
			}
			fmt.Fprintf(w, "Saved %s\n", path)
			return nil
		}}
	f.register(cmd)
	return cmd
}

func newModelEvalCmd(g *globalFlags) *cobra.Command {
	f := &modelFlags{}
	sf := &simEvalFlags{}
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Cross-validate the model on your check-ins, next to the baselines",
		Example: `  attnflow model eval
  attnflow model eval --sim developer,clinician,student --seeds 11,12,13`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(sf.personas) > 0 {
				return runSimEval(cmd.OutOrStdout(), *sf)
			}
			cfg, err := g.load()
			if err != nil {
				return err
			}
			h, err := loadHistory(cmd.Context(), cfg, f)
			if err != nil {
				return err
			}
			cv, err := model.CrossValidate(h.modelDays(), model.PriorHMM(), model.FitBaseline(h.windows()), h.cfg.Window, model.DefaultLambda)
			if err != nil {
				return err
			}
			writeCV(cmd.OutOrStdout(), cv)
			return nil
		}}
	f.register(cmd)
	sf.register(cmd)
	return cmd
}

// writeCV prints a cross-validation with its baselines.
func writeCV(w io.Writer, cv model.CVResult) {
	fmt.Fprintf(w, "\nLeave-one-day-out on %d check-ins over %d days (each predicted by models that never saw its day):\n\n", cv.CheckIns, cv.Days)
	fmt.Fprintf(w, "  %-28s %9s %9s %7s %7s\n", "", "bal. acc", "macro-F1", "ECE", "Brier")
	row := func(name string, s model.Scores) {
		fmt.Fprintf(w, "  %-28s %9.3f %9.3f %7.3f %7.3f\n", name, s.BalancedAccuracy, s.MacroF1, s.ECE, s.Brier)
	}
	row("day-one model", cv.Unsupervised)
	row(fmt.Sprintf("personal model (λ=%g)", cv.Lambda), cv.Calibrated)
	row("baseline: majority class", cv.Majority)
	row("baseline: your own mean", cv.PersonMean)
	row("baseline: rule (PRODUCT.md)", cv.Rule)
	fmt.Fprintln(w)
}
