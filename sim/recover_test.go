package sim_test

import (
	"math"
	"sort"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/sim"
)

// engineDays runs the flow engine over a dataset, day by day in the
// persona's time zone.
func engineDays(t *testing.T, ds *sim.Dataset) ([]flow.Day, flow.Config) {
	t.Helper()
	loc, err := time.LoadLocation(ds.Persona.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	cfg := flow.Config{Location: loc}
	h := ds.Persona.Host
	in := flow.Input{Hosts: []flow.Sources{{Host: h,
		Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}},
		Input: ds.Events[sim.InputBucket(h)]}
	days, err := flow.ComputeDays(in, flow.Dates(ds.Range, cfg), nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return days, cfg
}

// sessionF1 matches engine sessions to true ones one-to-one when their
// intersection over union is at least 0.5.
func sessionF1(truth []attnflow.TimeRange, got []flow.Session) (f1, precision, recall float64) {
	used := make([]bool, len(got))
	tp := 0
	for _, tr := range truth {
		for j, g := range got {
			if used[j] {
				continue
			}
			inter := minT(tr.End, g.End).Sub(maxT(tr.Start, g.Start))
			union := maxT(tr.End, g.End).Sub(minT(tr.Start, g.Start))
			if inter > 0 && inter.Seconds()/union.Seconds() >= 0.5 {
				used[j] = true
				tp++
				break
			}
		}
	}
	if len(got) == 0 || len(truth) == 0 {
		return 0, 0, 0
	}
	precision, recall = float64(tp)/float64(len(got)), float64(tp)/float64(len(truth))
	return 2 * precision * recall / (precision + recall), precision, recall
}

func TestEngineRecoversGroundTruth(t *testing.T) {
	for _, name := range sim.Personas() {
		t.Run(name, func(t *testing.T) {
			p, err := sim.BuiltIn(name)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := sim.Generate(p, sim.Options{Start: "2026-03-02", Days: 28, Seed: 7})
			if err != nil {
				t.Fatal(err)
			}
			days, cfg := engineDays(t, ds)
			sum := flow.Summarize(days)
			m, tr := sum.Measures, ds.Truth

			f1, prec, rec := sessionF1(tr.Sessions, sum.Sessions)
			t.Logf("sessions: truth %d, engine %d, precision %.3f recall %.3f F1 %.3f", len(tr.Sessions), len(sum.Sessions), prec, rec, f1)
			if f1 < 0.9 {
				t.Errorf("session F1 = %.3f, want ≥ 0.9", f1)
			}
			relErr := func(what string, got, want float64) {
				t.Helper()
				e := math.Abs(got-want) / want
				t.Logf("%s: engine %.2f, truth %.2f (error %.1f%%)", what, got, want, 100*e)
				if e > 0.05 {
					t.Errorf("%s error %.1f%% > 5%%", what, 100*e)
				}
			}
			relErr("switches", float64(m.Switches), float64(tr.Switches))
			relErr("span mean (s)", m.SpanMeanSec, mean(tr.Dwells))
			relErr("span median (s)", m.SpanMedianSec, median(tr.Dwells))
			relErr("active time (s)", m.ActiveSec, tr.ActiveSec)

			c := flow.CapacityProfile(days, cfg)
			t.Logf("capacity peaks: engine %v, truth %v (persona propensity %v)", c.PeakHours, tr.PeakHours, tr.PropensityPeaks)
			common := 0
			for _, h := range c.PeakHours {
				if contains(tr.PeakHours, h) {
					common++
				}
			}
			if len(c.PeakHours) == 0 || !contains(tr.PeakHours, c.PeakHours[0]) || common < 2 {
				t.Errorf("engine's peak hours %v do not match the true peaks %v (best hour among them, 2 of 3 in common)", c.PeakHours, tr.PeakHours)
			}
		})
	}
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func minT(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxT(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
