package model

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// win builds a window of kind "focus", "shallow", "distracted" or "away".
func win(i int, kind string) flow.Window {
	w := flow.Window{Start: t0.Add(time.Duration(i) * time.Minute)}
	switch kind {
	case "focus":
		w.FocusShare, w.Score, w.Focus, w.KeysPerMin, w.Switches = 1, 2, true, 120, 0
		w.DominantCategory, w.DominantApp = "Work > Programming", "GoLand"
	case "shallow":
		w.FocusShare, w.Score, w.KeysPerMin, w.Switches = 0, 0, 40, 2
		w.DominantCategory, w.DominantApp = "Communication > Chat", "Slack"
	case "distracted":
		w.FocusShare, w.Score, w.KeysPerMin, w.Switches = 0, -2, 3, 3
		w.DominantCategory, w.DominantApp = "Social media", "Firefox"
	case "away":
		w.IdleShare = 1
		return w
	}
	w.ActiveSec = 60
	return w
}

func seq(kinds ...string) []flow.Window {
	var out []flow.Window
	for _, k := range kinds {
		out = append(out, win(len(out), k))
	}
	return out
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

var testBaseline = Baseline{KeysMedian: math.Log1p(60), KeysSpread: 0.8}

func TestFilterStates(t *testing.T) {
	tests := []struct {
		name  string
		kinds []string
		want  State
	}{
		{"fresh focus", repeat("focus", 3), Focus},
		{"long focus", repeat("focus", 15), DeepFocus},
		{"chat", append(repeat("focus", 15), repeat("shallow", 4)...), Shallow},
		{"social media", append(repeat("shallow", 3), repeat("distracted", 3)...), Distracted},
		{"gone", append(repeat("focus", 10), repeat("away", 3)...), Away},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := Estimates(PriorHMM(), testBaseline, seq(tt.kinds...), time.Minute)
			got := es[len(es)-1]
			if got.State != tt.want {
				t.Errorf("state = %v (probs %.2f), want %v", got.State, got.Probs, tt.want)
			}
			if got.Score < 0 || got.Score > 100 {
				t.Errorf("score = %v, want within 0..100", got.Score)
			}
			if len(got.Reasons) == 0 {
				t.Errorf("no reasons for %v", got.State)
			}
		})
	}
}

func TestScoreOrdersStates(t *testing.T) {
	score := func(kinds ...string) float64 {
		es := Estimates(PriorHMM(), testBaseline, seq(kinds...), time.Minute)
		return es[len(es)-1].Score
	}
	deep, focus := score(repeat("focus", 15)...), score(repeat("focus", 3)...)
	shallow, distracted, away := score(repeat("shallow", 5)...), score(repeat("distracted", 5)...), score(repeat("away", 5)...)
	if !(deep > focus && focus > shallow && shallow > distracted && distracted > away) {
		t.Errorf("scores deep %.1f focus %.1f shallow %.1f distracted %.1f away %.1f, want strictly decreasing", deep, focus, shallow, distracted, away)
	}
}

func TestFilterMatchesForward(t *testing.T) {
	ws := seq("away", "focus", "focus", "shallow", "distracted", "focus", "away", "focus")
	h := PriorHMM()
	fwd := h.Forward(Observe(ws, testBaseline, time.Minute))
	for i, e := range Estimates(h, testBaseline, ws, time.Minute) {
		for s := range e.Probs {
			if math.Abs(e.Probs[s]-fwd[i][s]) > 1e-12 {
				t.Fatalf("window %d: filter %v, forward %v", i, e.Probs, fwd[i])
			}
		}
	}
}

func TestViterbiAndSmoothAgreeOnClearData(t *testing.T) {
	kinds := append(append(repeat("away", 5), repeat("shallow", 8)...), repeat("distracted", 6)...)
	ws := seq(kinds...)
	h := PriorHMM()
	obs := Observe(ws, testBaseline, time.Minute)
	vit, sm := h.Viterbi(obs), h.Smooth(obs)
	want := map[string]State{"away": Away, "shallow": Shallow, "distracted": Distracted}
	for i, k := range kinds {
		if vit[i] != want[k] || sm[i].Argmax() != want[k] {
			t.Errorf("window %d (%s): viterbi %v, smoothed %v", i, k, vit[i], sm[i].Argmax())
		}
	}
}

func TestParseState(t *testing.T) {
	for s := range State(NumStates) {
		got, err := ParseState(s.Label())
		if err != nil || got != s {
			t.Errorf("ParseState(%q) = %v, %v; want %v", s.Label(), got, err, s)
		}
	}
	if _, err := ParseState("sleepy"); err == nil {
		t.Error("ParseState(sleepy): want an error")
	}
}

func TestEvaluate(t *testing.T) {
	truth := []State{Focus, Focus, Shallow, Shallow, Away}
	pred := []State{Focus, Shallow, Shallow, Shallow, Away}
	sc := Evaluate(truth, pred, nil)
	// F1: focus 2/3, shallow 4/5, away 1 → macro 0.8222; recalls .5, 1, 1.
	if math.Abs(sc.MacroF1-(2.0/3+0.8+1)/3) > 1e-9 || math.Abs(sc.BalancedAccuracy-2.5/3) > 1e-9 {
		t.Errorf("macro-F1 %.4f balanced %.4f, want %.4f %.4f", sc.MacroF1, sc.BalancedAccuracy, (2.0/3+0.8+1)/3, 2.5/3)
	}
	sure := []Probs{{0, 0, 0, 1, 0}, {0, 0, 1, 0, 0}}
	sc = Evaluate([]State{Focus, Focus}, []State{Focus, Shallow}, sure)
	if math.Abs(sc.Brier-1) > 1e-9 || math.Abs(sc.ECE-0.5) > 1e-9 {
		t.Errorf("Brier %.3f ECE %.3f, want 1 and 0.5", sc.Brier, sc.ECE)
	}
}

func BenchmarkFilterStep(b *testing.B) {
	ws := seq(append(repeat("focus", 30), repeat("shallow", 30)...)...)
	f := NewFilter(PriorHMM(), testBaseline, time.Minute)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		w := ws[i%len(ws)]
		w.Start = t0.Add(time.Duration(i) * time.Minute)
		f.Step(w)
	}
}

func TestAUC(t *testing.T) {
	tests := []struct {
		scores []float64
		pos    []bool
		want   float64
	}{
		{[]float64{1, 2, 3, 4}, []bool{false, false, true, true}, 1},
		{[]float64{1, 2, 3, 4}, []bool{true, true, false, false}, 0},
		{[]float64{1, 1, 1, 1}, []bool{true, false, true, false}, 0.5},
		{[]float64{1, 2, 2, 3}, []bool{false, true, false, true}, 0.875},
	}
	for _, tt := range tests {
		if got := AUC(tt.scores, tt.pos); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("AUC(%v, %v) = %v, want %v", tt.scores, tt.pos, got, tt.want)
		}
	}
}

func TestInterruptible(t *testing.T) {
	h := PriorHMM()
	deep := Estimates(h, testBaseline, seq(repeat("focus", 15)...), time.Minute)
	chat := Estimates(h, testBaseline, seq(repeat("shallow", 6)...), time.Minute)
	d, c := h.Interruptible(deep[len(deep)-1]), h.Interruptible(chat[len(chat)-1])
	if d.Score >= c.Score {
		t.Errorf("deep focus interruptibility %.1f ≥ chat %.1f", d.Score, c.Score)
	}
	if d.BreakpointInMin < 5 || c.BreakpointInMin > 1 {
		t.Errorf("breakpoint in %.1f min (deep) and %.1f (chat), want ≥ 5 and ≤ 1", d.BreakpointInMin, c.BreakpointInMin)
	}
	if !strings.Contains(d.Reason, "deep focus") {
		t.Errorf("reason %q does not name the state", d.Reason)
	}
}

func spanOf(start time.Time, minutes int) attnflow.TimeRange {
	return attnflow.TimeRange{Start: start, End: start.Add(time.Duration(minutes) * time.Minute)}
}

func TestFatigueDrift(t *testing.T) {
	var ws []flow.Window
	for i := range 200 {
		w := win(i, "focus")
		w.ContinuousWorkSec = float64(60 * (i + 1))
		w.KeysPerMin, w.DwellMeanSec, w.Switches = 120, 90, 1
		if i >= 100 { // the afternoon: slower, shorter, more switching
			w.KeysPerMin, w.DwellMeanSec, w.Switches = 70, 45, 4
		}
		ws = append(ws, w)
	}
	fs := FatigueDay(ws, FatigueConfig{})
	early, late := fs[70], fs[199]
	if late.Level <= early.Level || late.Onset == nil {
		t.Fatalf("fatigue %v → %v (onset %v), want rising with an onset", early.Level, late.Level, late.Onset)
	}
	want := map[string]string{"typing": "slower", "switches": "more", "dwell": "shorter"}
	for _, m := range late.Markers {
		if m.Change <= 0.2 || !strings.Contains(m.Text, want[m.Name]) {
			t.Errorf("marker %s: change %.2f, text %q; want > 0.2 and %q", m.Name, m.Change, m.Text, want[m.Name])
		}
	}
	// A break starts a new stretch: no onset carried over.
	b := ws[150]
	b.ContinuousWorkSec = 60
	after := NewFatigueTracker(FatigueConfig{})
	for _, w := range ws[:150] {
		after.Step(w)
	}
	if f := after.Step(b); f.Onset != nil {
		t.Errorf("onset %v kept after a break", f.Onset)
	}
}
