package simeval

import (
	"testing"

	"github.com/attnflow/attnflow/model"
)

func TestUnsupervisedTuning(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		d, err := Generate("developer", seed, 14)
		if err != nil {
			t.Fatal(err)
		}
		r := Unsupervised(d, model.PriorHMM())
		t.Logf("seed %d n=%d filt F1 %.3f %v | smooth %.3f %v | vit %.3f | rule %.3f %v | maj %.3f",
			seed, r.Windows, r.Filtered.MacroF1, r.Filtered.F1, r.Smoothed.MacroF1, r.Smoothed.F1, r.Viterbi.MacroF1, r.Rule.MacroF1, r.Rule.F1, r.Majority.MacroF1)
	}
}

func TestUnsupervisedHeldOut(t *testing.T) {
	for _, p := range []string{"developer", "clinician", "student"} {
		for _, seed := range []uint64{11, 12} {
			d, err := Generate(p, seed, 14)
			if err != nil {
				t.Fatal(err)
			}
			r := Unsupervised(d, model.PriorHMM())
			t.Logf("%s seed %d n=%d filt F1 %.3f %.2f | smooth %.3f | vit %.3f | rule %.3f | maj %.3f",
				p, seed, r.Windows, r.Filtered.MacroF1, r.Filtered.F1, r.Smoothed.MacroF1, r.Viterbi.MacroF1, r.Rule.MacroF1, r.Majority.MacroF1)
		}
	}
}
