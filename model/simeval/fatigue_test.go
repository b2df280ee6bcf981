package simeval

import (
	"flag"
	"fmt"
	"testing"

	"github.com/attnflow/attnflow/model"
)

var tune = flag.Bool("tune", false, "run the tuning logs (developer seeds 1–3)")

// TestFatigueTuning logs the onset figures for a few onset levels on the
// tuning set; run with -tune -v.
func TestFatigueTuning(t *testing.T) {
	if !*tune {
		t.Skip("tuning log: run with -tune")
	}
	for _, level := range []float64{15, 20, 25, 30, 35} {
		for _, seed := range []uint64{1, 2, 3} {
			d := mustGenerate(t, "developer", seed, 14)
			r := FatigueEval(d, model.FatigueConfig{OnsetLevel: level})
			t.Logf("level %g seed %d: %+v", level, seed, r)
		}
	}
}

// TestFatigueHeldOut reports onset detection on held-out personas.
func TestFatigueHeldOut(t *testing.T) {
	for _, p := range []string{"developer", "clinician", "student"} {
		for _, seed := range []uint64{11, 12} {
			t.Run(fmt.Sprintf("%s/%d", p, seed), func(t *testing.T) {
				d := mustGenerate(t, p, seed, 14)
				r := FatigueEval(d, model.FatigueConfig{})
				t.Logf("%+v", r)
				if r.Model.Stretches == 0 {
					t.Fatal("no fatigued stretch in the truth")
				}
			})
		}
	}
}
