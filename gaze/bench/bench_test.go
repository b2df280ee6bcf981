package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/gaze"
)

// dataDir finds the Andersson et al. dataset: $ATTNFLOW_GAZE_DATA, else
// ../shared/data/gaze-andersson2017 relative to the repository root. When
// it is missing the test fails under CI=true and skips otherwise.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ATTNFLOW_GAZE_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data", "gaze-andersson2017")
	}
	if _, err := os.Stat(filepath.Join(dir, "labelled")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("gaze dataset missing at %s (set ATTNFLOW_GAZE_DATA): %v", dir, err)
		}
		t.Skipf("gaze dataset not found at %s; set ATTNFLOW_GAZE_DATA to run this test", dir)
	}
	return dir
}

// floors are the default detector's kappas on the 21 development
// recordings (BENCHMARKS.md), less 0.02: a drop below one is a regression.
var floors = map[string]map[gaze.Label]float64{
	gaze.Images: {gaze.Fixation: 0.74, gaze.Saccade: 0.83, gaze.PSO: 0.65, gaze.Blink: 0.85},
	gaze.Dots:   {gaze.Fixation: 0.70, gaze.Saccade: 0.82, gaze.PSO: 0.66, gaze.Pursuit: 0.72, gaze.Blink: 0.83},
	gaze.Video:  {gaze.Fixation: 0.53, gaze.Saccade: 0.81, gaze.PSO: 0.60, gaze.Pursuit: 0.52, gaze.Blink: 0.94},
}

func TestDevelopmentKappaFloors(t *testing.T) {
	recs, err := Load(os.DirFS(dataDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 21 {
		t.Fatalf("loaded %d recordings, want the 21 development ones", len(recs))
	}
	d, _ := gaze.NewDetector(gaze.DefaultMethod)
	tab := Evaluate(recs, []gaze.Detector{d})
	ours, _ := tab.Row("attnflow adaptive")
	for st, m := range floors {
		for ev, floor := range m {
			if got := ours.Scores.Kappa(st, ev); got < floor {
				t.Errorf("%s %s kappa = %.3f, want ≥ %.2f", st, ev, got, floor)
			}
		}
	}
	// The default detector beats every published one on fixation, saccade
	// and PSO in every stimulus type; it must keep doing so.
	for _, st := range gaze.Stimuli() {
		for _, ev := range []gaze.Label{gaze.Fixation, gaze.Saccade, gaze.PSO} {
			best, _ := tab.BestPublished(st, ev)
			if got, pub := ours.Scores.Kappa(st, ev), best.Scores.Kappa(st, ev); got <= pub {
				t.Errorf("%s %s kappa = %.3f, want above %s's %.3f", st, ev, got, best.Name, pub)
			}
		}
	}
	var sb strings.Builder
	if err := tab.WriteComparison(&sb, "attnflow adaptive"); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + sb.String())
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(os.DirFS(t.TempDir())); err == nil {
		t.Error("Load(empty dir): want error")
	}
}
