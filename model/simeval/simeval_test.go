package simeval

import (
	"fmt"
	"testing"

	"github.com/attnflow/attnflow/model"
)

// TestHeldOut checks the targets on personas and seeds the priors
// were not written against (the priors were checked on developer seeds
// 1–3 only): unsupervised macro-F1 ≥ 0.80 online, better than the
// rule-based definition and the majority class; interruptibility AUC ≥
// 0.85 and above FlowLight's.
func TestHeldOut(t *testing.T) {
	for _, p := range []string{"developer", "clinician", "student"} {
		for _, seed := range []uint64{11, 12} {
			t.Run(fmt.Sprintf("%s/%d", p, seed), func(t *testing.T) {
				d, err := Generate(p, seed, 14)
				if err != nil {
					t.Fatal(err)
				}
				h := model.PriorHMM()
				r, ir := Unsupervised(d, h), Interrupt(d, h)
				t.Logf("n=%d macro-F1 filtered %.3f smoothed %.3f viterbi %.3f rule %.3f majority %.3f; interrupt AUC %.3f flowlight %.3f; breakpoint MAE %.1f min (constant %.1f)",
					r.Windows, r.Filtered.MacroF1, r.Smoothed.MacroF1, r.Viterbi.MacroF1, r.Rule.MacroF1, r.Majority.MacroF1, ir.Model, ir.FlowLight, ir.BreakpointMAE, ir.ConstantMAE)
				if r.Filtered.MacroF1 < 0.80 {
					t.Errorf("filtered macro-F1 = %.3f, want ≥ 0.80", r.Filtered.MacroF1)
				}
				if r.Filtered.MacroF1 <= r.Rule.MacroF1 || r.Filtered.MacroF1 <= r.Majority.MacroF1 {
					t.Errorf("macro-F1 %.3f does not beat rule %.3f and majority %.3f", r.Filtered.MacroF1, r.Rule.MacroF1, r.Majority.MacroF1)
				}
				if ir.Model < 0.85 || ir.Model <= ir.FlowLight {
					t.Errorf("interruptibility AUC %.3f, FlowLight %.3f: want ≥ 0.85 and above FlowLight", ir.Model, ir.FlowLight)
				}
			})
		}
	}
}

func TestTruthState(t *testing.T) {
	for _, d := range []*Data{mustGenerate(t, "student", 1, 3)} {
		for _, day := range d.Days {
			if len(day.Windows) != len(day.Truth) || len(day.Windows) == 0 {
				t.Fatalf("%s: %d windows, %d truths", day.Date, len(day.Windows), len(day.Truth))
			}
			if day.Truth[0] == model.Away || day.Truth[len(day.Truth)-1] == model.Away {
				t.Errorf("%s: working span starts or ends away", day.Date)
			}
		}
	}
}

func mustGenerate(t *testing.T, p string, seed uint64, days int) *Data {
	t.Helper()
	d, err := Generate(p, seed, days)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
