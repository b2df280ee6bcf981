package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/model"
	"github.com/spf13/cobra"
)

func newModelExplainCmd(g *globalFlags) *cobra.Command {
	f := &modelFlags{days: 8}
	cmd := &cobra.Command{
		Use:   "explain [WINDOW]",
		Short: "Explain the state and score of one window (default: the last complete one)",
		Long: `explain prints the attention state of one window — its probabilities, the
attention score 0–100 and the features behind it in plain words, each with the
score points it adds or takes away — and how interruptible you were. WINDOW is
an RFC 3339 time or "now" (the last complete window).`,
		Example: `  attnflow model explain
  attnflow model explain 2026-03-03T14:30:00+01:00`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			at := time.Now()
			if len(args) == 1 && args[0] != "now" {
				t, err := time.Parse(time.RFC3339, args[0])
				if err != nil {
					return attnflow.Errorf(attnflow.EINVALID, "window %q: give an RFC 3339 time such as 2026-03-03T14:30:00+01:00, or now", args[0])
				}
				at = t
			}
			cfg, err := g.load()
			if err != nil {
				return err
			}
			h, err := loadHistory(cmd.Context(), cfg, &modelFlags{days: f.days + int(time.Since(at).Hours()/24) + 1, tz: f.tz, host: f.host})
			if err != nil {
				return err
			}
			t, _, msg, ok := loadModel(cfg.DataDir)
			if !ok {
				fmt.Fprintln(cmd.ErrOrStderr(), msg)
				t = model.DayOne(model.FitBaseline(h.windows()))
			}
			return explainAt(cmd.OutOrStdout(), t, h, at)
		}}
	f.register(cmd)
	return cmd
}

func explainAt(w io.Writer, t model.Trained, h history, at time.Time) error {
	date := flow.DateOf(at, h.cfg)
	for _, d := range h.days {
		if d.Date != date {
			continue
		}
		es := t.Estimates(d.Windows, h.cfg.Window)
		fs := model.FatigueDay(d.Windows, model.FatigueConfig{})
		for i := len(es) - 1; i >= 0; i-- {
			if !es[i].Start.Add(h.cfg.Window).After(at) {
				writeExplain(w, es[i], t.HMM.Interruptible(es[i]), h.cfg)
				writeFatigue(w, fs[i], h.cfg)
				return nil
			}
		}
	}
	return attnflow.Errorf(attnflow.ENOTFOUND, "no complete window before %s in the data", at.Format(time.RFC3339))
}

func writeExplain(w io.Writer, e model.Estimate, in model.Interruptibility, cfg flow.Config) {
	fmt.Fprintf(w, "Window %s: %s, attention score %.0f/100\n", e.Start.In(cfg.Location).Format("2006-01-02 15:04"), e.State.Label(), e.Score)
	var ps []string
	for s := range model.State(model.NumStates) {
		ps = append(ps, fmt.Sprintf("%s %.0f%%", s.Label(), 100*e.Probs[s]))
	}
	fmt.Fprintf(w, "  probabilities: %s\n  why:\n", strings.Join(ps, ", "))
	for _, r := range e.Reasons {
		fmt.Fprintf(w, "    %+5.1f  %s\n", r.Effect, r.Text)
	}
	fmt.Fprintf(w, "  interruptibility %.0f/100: %s\n", in.Score, in.Reason)
}

func writeFatigue(w io.Writer, f model.Fatigue, cfg flow.Config) {
	fmt.Fprintf(w, "  fatigue %.0f/100: %.0f min on task since the last break", f.Level, f.TimeOnTaskMin)
	if f.Onset != nil {
		fmt.Fprintf(w, ", tired since %s", f.Onset.In(cfg.Location).Format("15:04"))
	}
	fmt.Fprintln(w)
	for _, m := range f.Markers {
		fmt.Fprintf(w, "    %s\n", m.Text)
	}
}
