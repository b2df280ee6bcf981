package timeline_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// benchEvents returns n contiguous window-like events with fresh data
// maps over a vocabulary of 30 apps with 100 titles each.
func benchEvents(n int) []attnflow.Event {
	r := rand.New(rand.NewPCG(7, 8))
	out := make([]attnflow.Event, n)
	t := base
	for i := range out {
		d := time.Duration(1+r.IntN(60)) * time.Second
		app := r.IntN(30)
		out[i] = attnflow.Event{Timestamp: t, Duration: d, Data: attnflow.Data{
			"app":   fmt.Sprintf("app%d", app),
			"title": fmt.Sprintf("GitHub issue %d - app %d", r.IntN(100), app),
		}}
		t = t.Add(d + time.Duration(r.IntN(3))*time.Second)
	}
	return out
}

func BenchmarkOperations(b *testing.B) {
	ev := benchEvents(50000)
	rules, err := timeline.ParseCategoryRules([]any{
		[]any{[]any{"Work"}, map[string]any{"type": "regex", "regex": "GitHub|Stack Overflow"}},
		[]any{[]any{"Work", "X"}, map[string]any{"type": "regex", "regex": "issue 1\\d+", "ignore_case": true}},
		[]any{[]any{"Media"}, map[string]any{"type": "regex", "regex": "YouTube|Netflix"}},
	})
	if err != nil {
		b.Fatal(err)
	}
	cat := timeline.NewCategorizer(rules)
	timeline.Categorize(ev, cat) // warm the memo
	filters := timeline.Flood(ev[:len(ev):len(ev)], 5*time.Second, timeline.FloodMidpoint)
	ops := map[string]func(){
		"flood":            func() { timeline.Flood(ev, 5*time.Second, timeline.FloodMidpoint) },
		"merge_app_title":  func() { timeline.MergeByKeys(ev, []string{"app", "title"}) },
		"categorize_warm":  func() { timeline.Categorize(ev, cat) },
		"intersect":        func() { timeline.FilterPeriodIntersect(ev, filters) },
		"sort_by_duration": func() { timeline.SortByDuration(ev) },
	}
	for name, op := range ops {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				op()
			}
		})
	}
}
