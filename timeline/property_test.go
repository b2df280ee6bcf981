package timeline_test

import (
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// randomEvents returns n events with small random gaps, overlaps and
// zero-length events, over a small vocabulary so that data repeats.
func randomEvents(r *rand.Rand, n int) []attnflow.Event {
	apps := []string{"firefox", "Code", "Slack", "vim"}
	titles := []string{"GitHub - x", "inbox", "main.go", "YouTube", ""}
	out := make([]attnflow.Event, n)
	t := base
	for i := range out {
		t = t.Add(time.Duration(r.IntN(8000)-1000) * time.Millisecond)
		d := time.Duration(r.IntN(6000)) * time.Millisecond
		if r.IntN(5) == 0 {
			d = 0
		}
		out[i] = attnflow.Event{Timestamp: t, Duration: d, Data: attnflow.Data{
			"app": apps[r.IntN(len(apps))], "title": titles[r.IntN(len(titles))],
			"url": "https://www.github.com/a?b=c",
		}}
	}
	return out
}

func snapshot(t *testing.T, es []attnflow.Event) string {
	t.Helper()
	b, err := json.Marshal(es)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestInputsNotMutated checks that no operation reorders its input or
// writes to its events' data, since query variables share event lists.
func TestInputsNotMutated(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rules, err := timeline.ParseCategoryRules([]any{
		[]any{[]any{"Work"}, map[string]any{"type": "regex", "regex": "GitHub|vim"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	cat := timeline.NewCategorizer(rules)
	ops := map[string]func(a, b []attnflow.Event){
		"flood":     func(a, _ []attnflow.Event) { timeline.Flood(a, 5*time.Second, timeline.FloodMidpoint) },
		"floodLong": func(a, _ []attnflow.Event) { timeline.Flood(a, 5*time.Second, timeline.FloodLonger) },
		"intersect": func(a, b []attnflow.Event) { timeline.FilterPeriodIntersect(a, b) },
		"union":     func(a, b []attnflow.Event) { timeline.PeriodUnion(a, b) },
		"noOverlap": func(a, b []attnflow.Event) { timeline.UnionNoOverlap(a, b) },
		"merge":     func(a, _ []attnflow.Event) { timeline.MergeByKeys(a, []string{"app"}) },
		"chunk":     func(a, _ []attnflow.Event) { timeline.ChunkByKey(a, "app") },
		"split":     func(a, _ []attnflow.Event) { timeline.SplitURL(a) },
		"cat":       func(a, _ []attnflow.Event) { timeline.Categorize(a, cat) },
		"sortDur":   func(a, _ []attnflow.Event) { timeline.SortByDuration(a) },
		"sortTime":  func(a, _ []attnflow.Event) { timeline.SortByTimestamp(a) },
	}
	for name, op := range ops {
		a, b := randomEvents(r, 50), randomEvents(r, 20)
		sa, sb := snapshot(t, a), snapshot(t, b)
		op(a, b)
		if snapshot(t, a) != sa || snapshot(t, b) != sb {
			t.Errorf("%s mutated its input", name)
		}
	}
}

// TestFloodNoOverlapSameData checks invariants of the default flood on
// random input: output sorted, total covered time never shrinks below the
// input's union, and no two consecutive events with equal data are left
// overlapping or within pulsetime of each other.
func TestFloodInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		in := randomEvents(r, 1+r.IntN(30))
		out := timeline.Flood(in, 5*time.Second, timeline.FloodMidpoint)
		for i := 1; i < len(out); i++ {
			if out[i].Timestamp.Before(out[i-1].Timestamp) {
				t.Fatalf("not sorted at %d", i)
			}
			if timeline.DataEqual(out[i].Data, out[i-1].Data) && out[i].Timestamp.Sub(out[i-1].End()) < 5*time.Second {
				t.Fatalf("equal neighbours %d left unmerged: %v %v", i, out[i-1], out[i])
			}
			if out[i].Duration < 0 {
				t.Fatalf("negative duration")
			}
		}
	}
}

// TestLiteralMatcherAgrees checks the literal fast path against the regex
// engine on patterns of the shape it accepts.
func TestLiteralMatcherAgrees(t *testing.T) {
	patterns := []string{"GitHub|Stack Overflow|vim", "(?i)reddit|Facebook", "(?i)(firefox|nightly)", "Gmail", "a-b c", "(?i)K",
		`(?i)docs\.|pkg\.go\.dev`, `a\-b|\(x\)`, `\d+|x`, `a\|b`, `(a)|(b)`, `(a|b)c`}
	inputs := []string{"", "github", "GitHub issues", "stack overflow", "Stack Overflow - q", "vim", "REDDIT", "facebook.com",
		"Firefox Nightly", "gmail", "Gmail", "a-b c", "\u212a", "k", "ſ", "Ä", "DOCS.rs", "docsXrs", "pkg.go.dev/x",
		"pkgxgoxdev", "(x)", "a|b", "ac", "bc", "12", "a-b", "Ärger auf REDDIT", "café — FACEBOOK", "\u212aeep", "ſtack", "naïve Firefox – x",
		"\u212a", "Ｋ"}
	for _, p := range patterns {
		m, err := timeline.CompilePattern(p, false)
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(p)
		for _, in := range inputs {
			if got, want := m.MatchString(in), re.MatchString(in); got != want {
				t.Errorf("pattern %q on %q: got %v, want %v", p, in, got, want)
			}
		}
	}
}

// TestSortsAreStable compares the sorts with the standard library's stable
// sort on random input with many ties, including reversed input.
func TestSortsAreStable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 300 {
		in := make([]attnflow.Event, n%40)
		for i := range in {
			in[i] = attnflow.Event{ID: int64(i), Timestamp: base.Add(time.Duration(r.IntN(8)) * time.Second),
				Duration: time.Duration(r.IntN(4)) * time.Second}
		}
		if n%3 == 0 {
			slices.SortStableFunc(in, func(a, b attnflow.Event) int { return b.Timestamp.Compare(a.Timestamp) })
		}
		wantT := slices.Clone(in)
		slices.SortStableFunc(wantT, func(a, b attnflow.Event) int { return a.Timestamp.Compare(b.Timestamp) })
		wantD := slices.Clone(in)
		slices.SortStableFunc(wantD, func(a, b attnflow.Event) int { return int(b.Duration - a.Duration) })
		if got := timeline.SortByTimestamp(in); !slices.Equal(ids(got), ids(wantT)) {
			t.Fatalf("SortByTimestamp = %v, want %v", ids(got), ids(wantT))
		}
		if got := timeline.SortByDuration(in); !slices.Equal(ids(got), ids(wantD)) {
			t.Fatalf("SortByDuration = %v, want %v", ids(got), ids(wantD))
		}
	}
}

func ids(es []attnflow.Event) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// TestBacktrackingIsBounded feeds a catastrophic pattern (it needs the
// backtracking engine for its backreference) and checks the search gives
// up as no match instead of hanging.
func TestBacktrackingIsBounded(t *testing.T) {
	m, err := timeline.CompilePattern(`^(a+)+\1$`, false)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if m.MatchString(strings.Repeat("a", 40) + "!") {
		t.Error("matched")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("search took %v", d)
	}
}

func TestValueEqual(t *testing.T) {
	tests := []struct {
		a, b any
		want bool
	}{
		{1.0, int64(1), true}, {"1", 1.0, false}, {nil, nil, true}, {nil, false, false},
		{[]any{1.0, "a"}, []any{int64(1), "a"}, true}, {[]any{1.0}, []any{1.0, 2.0}, false},
		{map[string]any{"a": 1.0}, attnflow.Data{"a": int64(1)}, true}, {attnflow.Data(nil), attnflow.Data{}, true},
		{attnflow.Data(nil), attnflow.Data(nil), true}, {map[string]any{"a": 1.0}, map[string]any{"b": 1.0}, false},
		{map[string]any{}, []any{}, false}, {true, true, true}, {true, 1.0, false},
	}
	for _, tt := range tests {
		if got := timeline.ValueEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("ValueEqual(%#v, %#v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
