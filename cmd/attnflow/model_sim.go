package main

import (
	"fmt"
	"io"
	"time"

	"github.com/attnflow/attnflow/model"
	"github.com/attnflow/attnflow/model/simeval"
	"github.com/spf13/cobra"
)

// simEvalFlags select the simulated evaluation of `model eval --sim`.
type simEvalFlags struct {
	personas []string
	seeds    []uint
	days     int
	labels   int
	noise    float64
}

func (f *simEvalFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.personas, "sim", nil, "evaluate on these simulated personas against ground truth instead (developer, clinician, student)")
	fl.UintSliceVar(&f.seeds, "seeds", []uint{11, 12, 13}, "simulator seeds for --sim (the priors were checked on developer seeds 1-3 only)")
	fl.IntVar(&f.days, "sim-days", 21, "days to simulate per persona and seed")
	fl.IntVar(&f.labels, "labels", 30, "simulated check-ins for the personal model")
	fl.Float64Var(&f.noise, "noise", 0.25, "share of simulated check-ins answered one level off (a fifth of it at random)")
}

// runSimEval prints the simulator evaluation: states against the true
// state of every minute, interruptibility against FlowLight, the personal
// model from noisy check-ins, and the person-level evaluation on those
// check-ins.
func runSimEval(w io.Writer, f simEvalFlags) error {
	h := model.PriorHMM()
	fmt.Fprintf(w, "Simulated evaluation: %d days per run, %d check-ins with %.0f%% noise; macro-F1 over the 5 states unless noted.\n\n", f.days, f.labels, 100*f.noise)
	fmt.Fprintf(w, "%-10s %4s %6s | %7s %7s %7s %6s %6s | %6s %6s | %7s %7s | %8s %8s %8s | %9s %9s\n",
		"persona", "seed", "wins", "online", "smooth", "viterbi", "rule", "major", "AUC", "FlowL", "unsup*", "calib*", "ck-unsup", "ck-mean", "ck-rule", "fatigue", "clock")
	for _, p := range f.personas {
		for _, seed := range f.seeds {
			start := time.Now()
			d, err := simeval.Generate(p, uint64(seed), f.days)
			if err != nil {
				return err
			}
			r, ir := simeval.Unsupervised(d, h), simeval.Interrupt(d, h)
			c := simeval.Calibrate(d, h, f.labels, f.noise, model.DefaultLambda, uint64(seed))
			cv, err := simeval.LabelEval(d, h, f.labels, f.noise, uint64(seed))
			if err != nil {
				return err
			}
			fr := simeval.FatigueEval(d, model.FatigueConfig{})
			fmt.Fprintf(w, "%-10s %4d %6d | %7.3f %7.3f %7.3f %6.3f %6.3f | %6.3f %6.3f | %7.3f %7.3f | %8.3f %8.3f %8.3f | %9s %9s  (%s)\n",
				p, seed, r.Windows, r.Filtered.MacroF1, r.Smoothed.MacroF1, r.Viterbi.MacroF1, r.Rule.MacroF1, r.Majority.MacroF1,
				ir.Model, ir.FlowLight, c.Unsup.MacroF1, c.Calibrated.MacroF1,
				cv.Unsupervised.MacroF1, cv.PersonMean.MacroF1, cv.Rule.MacroF1,
				onsetCell(fr.Model), onsetCell(fr.ClockOnly), time.Since(start).Round(time.Millisecond))
		}
	}
	fmt.Fprintln(w, "\nonline/smooth/viterbi: day-one model (filtered, forward-backward, most likely path) vs truth; rule: PRODUCT.md definition; major: majority class.")
	fmt.Fprintln(w, "AUC: interruptibility (truth: shallow or distracted = a good moment) vs FlowL: FlowLight's keyboard/mouse activity.")
	fmt.Fprintln(w, "unsup*/calib*: on the days after the check-ins, day-one vs personal model. ck-*: leave-one-day-out on the noisy check-ins themselves.")
	fmt.Fprintf(w, "fatigue/clock: fatigued stretches whose onset was found within 15 min / all (truth: %d min on task, the simulator's fatigue clock);\n", simeval.TrueOnsetMin)
	fmt.Fprintln(w, "  fatigue = the fatigue model, clock = the flow's time on task alone.")
	return nil
}

func onsetCell(o simeval.Onsets) string { return fmt.Sprintf("%d/%d", o.Within15, o.Stretches) }
