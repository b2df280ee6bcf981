package flow

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// TestResolveOverlapsOracle checks the multi-host merge against a
// second-by-second oracle: at every instant, the covering segment that
// started last (ties: the later in input order) wins.
func TestResolveOverlapsOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(8)
		in := make([]Segment, n)
		for i := range in {
			a := rng.IntN(60)
			in[i] = Segment{Start: t0.Add(time.Duration(a) * time.Second), End: t0.Add(time.Duration(a+1+rng.IntN(30)) * time.Second), App: fmt.Sprint("app", i)}
		}
		want := make([]string, 100)
		for s := range want {
			at := t0.Add(time.Duration(s) * time.Second)
			best := -1
			for i, g := range in {
				if !at.Before(g.Start) && at.Before(g.End) && (best < 0 || !g.Start.Before(in[best].Start)) {
					best = i
				}
			}
			if best >= 0 {
				want[s] = in[best].App
			}
		}
		got := resolveOverlaps(append([]Segment(nil), in...))
		have := make([]string, 100)
		for i, g := range got {
			if !g.End.After(g.Start) || (i > 0 && g.Start.Before(got[i-1].End)) {
				t.Fatalf("trial %d: segment %d (%v–%v) empty or overlapping", trial, i, g.Start, g.End)
			}
			for s := int(g.Start.Sub(t0) / time.Second); s < int(g.End.Sub(t0)/time.Second); s++ {
				have[s] = g.App
			}
		}
		for s := range want {
			if have[s] != want[s] {
				t.Fatalf("trial %d: second %d is %q, want %q (input %v)", trial, s, have[s], want[s], in)
			}
		}
	}
}

// TestOverlayKeepsTime checks that merging tabs into windows neither adds
// nor loses time, and that every part with a URL lies inside a tab event.
func TestOverlayKeepsTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		var segs []Segment
		cur := 0
		for range 1 + rng.IntN(6) {
			cur += rng.IntN(5)
			d := 1 + rng.IntN(20)
			app := "firefox"
			if rng.IntN(3) == 0 {
				app = "code"
			}
			segs = append(segs, Segment{Start: at(float64(cur) / 60), End: at(float64(cur+d) / 60), App: app})
			cur += d
		}
		var tabs []attnflow.Event
		tc := 0
		for range rng.IntN(6) {
			tc += rng.IntN(8)
			d := 1 + rng.IntN(15)
			tabs = append(tabs, ev(float64(tc)/60, float64(tc+d)/60, "url", fmt.Sprint("u", tc)))
			tc += d
		}
		out := overlay(segs, tabs, func(s *Segment) bool { return s.App == "firefox" }, mergeTab)
		var sumIn, sumOut time.Duration
		for _, s := range segs {
			sumIn += s.Duration()
		}
		for _, s := range out {
			sumOut += s.Duration()
			if s.URL == "" {
				continue
			}
			inside := false
			for _, tb := range tabs {
				if !s.Start.Before(tb.Timestamp) && !s.End.After(tb.End()) && tb.Data["url"] == s.URL {
					inside = true
				}
			}
			if !inside || s.App != "firefox" {
				t.Fatalf("trial %d: part %v–%v %s url %s is not inside its tab", trial, s.Start, s.End, s.App, s.URL)
			}
		}
		if sumIn != sumOut {
			t.Fatalf("trial %d: overlay changed total time %v → %v", trial, sumIn, sumOut)
		}
	}
}
