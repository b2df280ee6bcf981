package model

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/flow"
)

// toNeutral moves a window's raw value behind feature f to the feature's
// neutral value, as a person would change it.
func toNeutral(ws []flow.Window, f Feature) []flow.Window {
	out := append([]flow.Window(nil), ws...)
	w := &out[len(out)-1]
	switch f {
	case FActive:
		w.IdleShare, w.ActiveSec = 1-Neutral[FActive], 60*Neutral[FActive]
	case FFocusShare:
		w.FocusShare = Neutral[FFocusShare]
	case FCategory:
		w.Score = Neutral[FCategory]
	case FSwitches:
		w.Switches = 1
	case FTyping:
		w.KeysPerMin = math.Expm1(testBaseline.KeysMedian)
	case FFocusRun:
		// Five minutes of focus work: a break-in five windows back.
		for i := range out[:len(out)-5] {
			out[i] = win(i, "shallow")
		}
	}
	return out
}

// TestReasonsChangeScore checks every reason named: moving that feature
// of the window to its neutral value never moves the score the way the
// reason says it pushes, and in windows the history does not settle,
// moving the named features together moves it the other way.
func TestReasonsChangeScore(t *testing.T) {
	cases := []struct {
		name  string
		kinds []string
		// strict: the named features together must move the score.
		strict bool
	}{
		{"deep", repeat("focus", 15), false},
		{"focus", repeat("focus", 4), false},
		{"shallow", append(repeat("focus", 3), repeat("shallow", 5)...), false},
		{"distracted", append(repeat("shallow", 3), repeat("distracted", 5)...), false},
		{"away", append(repeat("focus", 5), repeat("away", 2)...), false},
		{"focus after chat", append(repeat("shallow", 6), "focus"), true},
		{"chat after focus", append(repeat("focus", 6), "shallow"), true},
		{"distraction after focus", append(repeat("focus", 6), "distracted"), true},
		{"first minute", []string{"focus"}, true},
	}
	h := PriorHMM()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			ws := seq(tt.kinds...)
			es := Estimates(h, testBaseline, ws, time.Minute)
			got := es[len(es)-1]
			if len(got.Reasons) == 0 {
				t.Fatalf("no reasons for score %.1f (reference %.1f)", got.Score, h.ReferenceScore())
			}
			for _, r := range got.Reasons {
				if r.Text == "" || strings.Contains(r.Text, "%!") {
					t.Errorf("%v: bad text %q", r.Feature, r.Text)
				}
				if r.Feature == FHistory || (r.Feature == FFocusRun && len(ws) < 7) {
					continue
				}
				moved := Estimates(h, testBaseline, toNeutral(ws, r.Feature), time.Minute)
				delta := moved[len(moved)-1].Score - got.Score
				if delta*r.Effect > 0.05 {
					t.Errorf("%v (%q, effect %+.1f): neutral value moved the score %+.2f, the same way", r.Feature, r.Text, r.Effect, delta)
				}
			}
			if !tt.strict {
				return
			}
			// Correlated features (focus share and category score) share
			// the credit, so together the named features must move the
			// score by a good part of what they claim.
			all, claimed := ws, 0.0
			for _, r := range got.Reasons {
				if r.Feature != FHistory && r.Feature != FFocusRun {
					all = toNeutral(all, r.Feature)
					claimed += r.Effect
				}
			}
			moved := Estimates(h, testBaseline, all, time.Minute)
			delta := moved[len(moved)-1].Score - got.Score
			if delta*claimed > 0 || math.Abs(delta) < 0.3*math.Abs(claimed) {
				t.Errorf("named features together claim %+.1f, neutral values moved the score %+.2f", claimed, delta)
			}
		})
	}
}

// TestShapleyEfficiency checks that the effects of all parts sum to the
// score's distance from the reference.
func TestShapleyEfficiency(t *testing.T) {
	h := PriorHMM()
	for _, kinds := range [][]string{repeat("focus", 15), append(repeat("focus", 6), "shallow"), repeat("away", 3)} {
		obs := Observe(seq(kinds...), testBaseline, time.Minute)
		fwd := h.Forward(obs)
		n := len(obs)
		pred := h.predict(fwd[n-2])
		ps := h.players(pred, obs[n-1].Vector)
		sum := 0.0
		for _, v := range shapley(ps, obs[n-1].Vector, nil) {
			sum += v
		}
		want := ScoreOf(fwd[n-1]) - subsetScore(ps, 0, obs[n-1].Vector, nil)
		if math.Abs(sum-want) > 1e-9 {
			t.Errorf("%v: effects sum to %.6f, want %.6f", kinds[len(kinds)-1], sum, want)
		}
	}
}

func TestReasonWords(t *testing.T) {
	ws := seq(repeat("focus", 15)...)
	es := Estimates(PriorHMM(), testBaseline, ws, time.Minute)
	var texts []string
	for _, r := range es[len(es)-1].Reasons {
		texts = append(texts, r.Text)
	}
	joined := strings.Join(texts, " | ")
	if !strings.Contains(joined, "15 min of focus work") {
		t.Errorf("reasons %q: want the 15-minute focus stretch named", joined)
	}
	if got := typingText(120, testBaseline); !strings.Contains(got, "100% faster") {
		t.Errorf("typingText(120) = %q, want 100%% faster than 60", got)
	}
}
