package gaze

import (
	"math"
	"testing"
)

func TestEventsAndSummary(t *testing.T) {
	s, want := synth(t, 500, 0, still(Fixation, 0.4), jump(0.04, 300), still(Fixation, 0.4), lost(0.1), still(Fixation, 0.3))
	g := testGeometry()
	ev := Events(s, want, g)
	if len(ev) != 5 {
		t.Fatalf("got %d events, want 5: %+v", len(ev), ev)
	}
	wantLabels := []Label{Fixation, Saccade, Fixation, Blink, Fixation}
	for i, e := range ev {
		if e.Label != wantLabels[i] {
			t.Errorf("event %d is %s, want %s", i, e.Label, wantLabels[i])
		}
	}
	if d := ev[0].Duration(); math.Abs(d-0.4) > 1e-9 {
		t.Errorf("first fixation lasts %v s, want 0.4", d)
	}
	// 300 px at 1024 px / 380 mm and 670 mm is about 9.4° (the last saccade
	// sample is one step short of the target).
	if a := ev[1].Amplitude; a < 8.5 || a > 9.6 {
		t.Errorf("saccade amplitude = %.2f°, want about 9.4°", a)
	}
	sum := Summarize(s, ev, g)
	if sum.FixationCount != 3 || sum.SaccadeCount != 1 || sum.BlinkCount != 1 {
		t.Errorf("counts fix/sac/blink = %d/%d/%d, want 3/1/1", sum.FixationCount, sum.SaccadeCount, sum.BlinkCount)
	}
	if math.Abs(sum.Duration-1.24) > 1e-9 {
		t.Errorf("duration = %v, want 1.24", sum.Duration)
	}
	if math.Abs(sum.BlinkRate-60/1.24) > 1e-9 {
		t.Errorf("blink rate = %v per min, want %v", sum.BlinkRate, 60/1.24)
	}
	if r := sum.OnScreenRatio; math.Abs(r-(1-0.1/1.24)) > 1e-9 {
		t.Errorf("on-screen ratio = %v, want %v (all but the blink)", r, 1-0.1/1.24)
	}
	if sum.ScanpathLength < 9 || sum.ScanpathLength > 9.8 {
		t.Errorf("scanpath = %.2f°, want about 9.5° (one jump; the blink returns to the same place)", sum.ScanpathLength)
	}
	if sum.SaccadeMeanPeakSpeed < 300 {
		t.Errorf("peak speed = %.0f°/s, want a saccadic speed", sum.SaccadeMeanPeakSpeed)
	}
}

func TestAOIContains(t *testing.T) {
	// A concave "L" shape.
	l := AOI{Name: "L", Polygon: []Point{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 10}, {0, 10}}}
	tests := []struct {
		x, y float64
		want bool
	}{{1, 1, true}, {9, 1, true}, {1, 9, true}, {5, 5, false}, {11, 1, false}, {-1, 5, false}}
	for _, tt := range tests {
		if got := l.Contains(tt.x, tt.y); got != tt.want {
			t.Errorf("Contains(%v, %v) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
	if err := (AOI{Name: "x", Polygon: []Point{{0, 0}}}).Validate(); err == nil {
		t.Error("Validate of a one-point AOI: want error")
	}
}

func TestAnalyzeAOIs(t *testing.T) {
	fix := func(t0, t1, x, y float64) Event { return Event{Label: Fixation, T0: t0, T1: t1, X: x, Y: y} }
	events := []Event{
		fix(0, 0.3, 50, 50), // outside
		{Label: Saccade, T0: 0.3, T1: 0.34},
		fix(0.34, 0.6, 150, 150), // A
		fix(0.6, 0.9, 160, 140),  // A
		fix(0.9, 1.2, 450, 150),  // B
		fix(1.2, 1.4, 150, 150),  // A
	}
	aois := []AOI{Rect("A", 100, 100, 100, 100), Rect("B", 400, 100, 100, 100), Rect("C", 0, 600, 10, 10)}
	r := AnalyzeAOIs(events, aois)
	want := []AOIStats{{"A", 3, 0.26 + 0.3 + 0.2, 0.34}, {"B", 1, 0.3, 0.9}, {"C", 0, 0, math.NaN()}}
	for i, w := range want {
		g := r.Stats[i]
		if g.Name != w.Name || g.Fixations != w.Fixations || math.Abs(g.DwellTime-w.DwellTime) > 1e-9 ||
			(math.IsNaN(w.FirstFixationLatency) != math.IsNaN(g.FirstFixationLatency)) ||
			(!math.IsNaN(w.FirstFixationLatency) && math.Abs(g.FirstFixationLatency-w.FirstFixationLatency) > 1e-9) {
			t.Errorf("AOI %d = %+v, want %+v", i, g, w)
		}
	}
	if r.Transitions[0][1] != 1 || r.Transitions[1][0] != 1 || r.Transitions[0][0] != 0 {
		t.Errorf("transitions = %v, want A→B 1, B→A 1, no self-transitions", r.Transitions)
	}
}

func TestPupilBaseline(t *testing.T) {
	s := []Sample{{T: 0, Pupil: 3}, {T: 0.1, Pupil: 3.2}, {T: 0.2, Pupil: 0}, {T: 0.3, Pupil: 4}, {T: 0.4, Pupil: 4.2}}
	c, base := PupilBaseline(s, 0.1, 0.15)
	if base != 3.1 {
		t.Errorf("baseline = %v, want 3.1 (median of the first 0.15 s)", base)
	}
	if !math.IsNaN(c[2]) || math.Abs(c[3]-0.9) > 1e-9 {
		t.Errorf("corrected = %v, want NaN for the missing sample and 0.9 at 0.3 s", c)
	}
	if l := PupilLoad(c); math.Abs(l-(-0.1+0.1+0.9+1.1)/4) > 1e-9 {
		t.Errorf("load = %v, want %v", l, (-0.1+0.1+0.9+1.1)/4)
	}
}
