package query

import (
	"context"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// TestFreshResultsDoNotAlias calls every function marked fresh with lists
// that are already sorted, filtered and flooded (where a function could
// be tempted to return its argument) and checks that no result shares an
// argument's array: fresh results are sorted and flooded in place.
func TestFreshResultsDoNotAlias(t *testing.T) {
	t.Parallel()
	period := attnflow.TimeRange{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	at := period.Start.Add(time.Hour)
	var events eventList
	for range 20 {
		events = append(events, attnflow.Event{Timestamp: at, Duration: 10 * time.Second,
			Data: attnflow.Data{"app": "a", "url": "https://x.org/", "$category": []any{"C"}}})
		at = at.Add(10 * time.Second)
	}
	src := NewMemorySource()
	src.Add(attnflow.Bucket{ID: "b"}, events)
	rules := []any{[]any{[]any{"C"}, map[string]any{"type": "regex", "regex": "a"}}}
	args := map[string][]any{
		"query_bucket":            {"b"},
		"filter_keyvals":          {events, "app", []any{"a"}},
		"exclude_keyvals":         {events, "app", []any{"z"}},
		"filter_keyvals_regex":    {events, "app", "a"},
		"filter_period_intersect": {events, events},
		"period_union":            {events, eventList{}},
		"union_no_overlap":        {events, eventList{}},
		"concat":                  {events},
		"limit_events":            {events, int64(100)},
		"merge_events_by_keys":    {events, []any{"app"}},
		"chunk_events_by_key":     {events, "url"},
		"split_url_events":        {events},
		"categorize":              {events, rules},
		"tag":                     {eventList{}, []any{}},
		"flood":                   {events},
	}
	for name, b := range builtins {
		if !b.fresh {
			continue
		}
		a, ok := args[name]
		if !ok {
			t.Errorf("%s is marked fresh but not tested here", name)
			continue
		}
		p, err := Compile("RETURN = 1;")
		if err != nil {
			t.Fatal(err)
		}
		r := &run{ctx: context.Background(), parent: context.Background(), src: src, period: period, opts: withDefaults(Options{}), prog: p}
		c := &callExpr{name: name, fn: b, args: make([]expr, len(a))}
		for i := range c.args {
			c.args[i] = &litExpr{}
		}
		v, err := b.fn(r, c, a)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		res, _ := v.(eventList)
		for _, arg := range a {
			if ev, isList := arg.(eventList); isList && len(ev) > 0 && len(res) > 0 && &ev[0] == &res[0] {
				t.Errorf("%s returned its argument's array", name)
			}
		}
	}
}
