package query_test

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
	"github.com/attnflow/attnflow/timeline"
)

// TestInterningKeepsSemantics runs queries over data that interning must
// not change: twins equal under DataEqual but not identical (1 and 1.0,
// 0 and -0), NaN, maps the source already shares, and events lacking
// keys; results must match the timeline functions applied directly to
// the source's events, and the source's maps must stay untouched.
func TestInterningKeepsSemantics(t *testing.T) {
	t.Parallel()
	period := mustPeriod(t)
	shared := attnflow.Data{"app": "x", "title": "t"}
	datas := []attnflow.Data{
		{"app": "x", "title": "t"}, shared, shared, {"app": "x", "title": "t"},
		{"n": 1.0}, {"n": int64(1)}, {"n": 1.0},
		{"n": 0.0}, {"n": math.Copysign(0, -1)}, {"n": 0.0},
		{"n": math.NaN()}, {"n": math.NaN()},
		{"app": "y"}, {"title": "t"}, {"app": "y"},
	}
	for _, name := range []string{"twins first", "no twins"} {
		t.Run(name, func(t *testing.T) {
			var events []attnflow.Event
			at := period.Start.Add(time.Hour)
			for i := range 60 {
				d := datas[i%len(datas)]
				if name == "no twins" {
					d = datas[i%4] // only the string maps
				}
				events = append(events, attnflow.Event{Timestamp: at, Duration: time.Duration(1+i%3) * time.Second, Data: d})
				at = at.Add(time.Duration(2+i%4) * time.Second)
			}
			before := snapshotJSON(t, events)
			src := query.NewMemorySource()
			src.Add(attnflow.Bucket{ID: "b"}, events)
			p := mustCompile(t, `e = query_bucket("b");
				f = flood(e);
				g = filter_keyvals(sort_by_timestamp(e), "app", ["x"]);
				RETURN = {"flood": f, "owned": flood(query_bucket("b")), "unflooded": e, "merged": merge_events_by_keys(f, ["n"]), "filtered": g,
					"cat": categorize(flood(g), [[["X"], {"type": "regex", "regex": "t"}]])};`)
			got, err := p.Run(context.Background(), src, period, query.Options{})
			if err != nil {
				t.Fatal(err)
			}
			flooded := timeline.Flood(events, timeline.DefaultPulsetime, timeline.FloodMidpoint)
			filtered := timeline.FilterKeyvals(events, "app", []any{"x"})
			rules, err := timeline.ParseCategoryRules([]any{[]any{[]any{"X"}, map[string]any{"type": "regex", "regex": "t"}}})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]any{
				"flood":     flooded,
				"owned":     flooded,
				"unflooded": newestFirst(events),
				"merged":    timeline.MergeByKeys(flooded, []string{"n"}),
				"filtered":  filtered,
				"cat":       timeline.Categorize(timeline.Flood(filtered, timeline.DefaultPulsetime, timeline.FloodMidpoint), timeline.NewCategorizer(rules)),
			}
			if g, w := snapshotJSON(t, got), snapshotJSON(t, want); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
			if after := snapshotJSON(t, events); after != before {
				t.Errorf("the source's events changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// snapshotJSON renders results with the Go type of every value (NaN and
// the int64/float64 twins do not survive JSON).
func snapshotJSON(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []attnflow.Event:
			b.WriteString("[")
			for _, e := range x {
				fmt.Fprintf(&b, "{%s %s ", attnflow.FormatTime(e.Timestamp), e.Duration)
				walk(map[string]any(e.Data))
				b.WriteString("}")
			}
			b.WriteString("]")
		case map[string]any:
			keys := slices.Sorted(maps.Keys(x))
			b.WriteString("{")
			for _, k := range keys {
				fmt.Fprintf(&b, "%q:", k)
				walk(x[k])
				b.WriteString(",")
			}
			b.WriteString("}")
		case []any:
			b.WriteString("[")
			for _, e := range x {
				walk(e)
				b.WriteString(",")
			}
			b.WriteString("]")
		case float64:
			fmt.Fprintf(&b, "float64(%v, %x)", x, math.Float64bits(x))
		default:
			fmt.Fprintf(&b, "%T(%v)", x, x)
		}
	}
	walk(v)
	return b.String()
}

// newestFirst is events in query_bucket's order (their times differ).
func newestFirst(events []attnflow.Event) []attnflow.Event {
	out := slices.Clone(timeline.SortByTimestamp(events))
	slices.Reverse(out)
	return out
}

// TestOwnedListsSortedInPlace checks that sorting or flooding a nested
// call's result in place never changes a list a variable holds, and gives
// the same results as sorting a copy.
func TestOwnedListsSortedInPlace(t *testing.T) {
	t.Parallel()
	period := mustPeriod(t)
	var events []attnflow.Event
	at := period.Start.Add(time.Hour)
	for i := range 40 {
		events = append(events, attnflow.Event{Timestamp: at, Duration: time.Duration(1+i%7) * time.Second,
			Data: attnflow.Data{"app": []string{"a", "b", "c"}[i%3]}})
		at = at.Add(time.Duration(3+i%5) * time.Second)
	}
	src := query.NewMemorySource()
	src.Add(attnflow.Bucket{ID: "b"}, events)
	p := mustCompile(t, `e = query_bucket("b");
		d = sort_by_duration(e);
		RETURN = {
			"e": e, "d": d,
			"dd": sort_by_timestamp(sort_by_duration(e)),
			"td": sort_by_timestamp(sort_by_duration(d)),
			"cc": sort_by_duration(concat(e, d)),
			"mm": sort_by_duration(merge_events_by_keys(e, ["app"])),
			"ff": flood(sort_by_timestamp(e)),
			"after": e, "dafter": d};`)
	got, err := p.Run(context.Background(), src, period, query.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newestFirst(events)
	d := timeline.SortByDuration(e)
	want := map[string]any{
		"e": e, "d": d,
		"dd":    timeline.SortByTimestamp(d),
		"td":    timeline.SortByTimestamp(d),
		"cc":    timeline.SortByDuration(timeline.Concat(e, d)),
		"mm":    timeline.SortByDuration(timeline.MergeByKeys(e, []string{"app"})),
		"ff":    timeline.Flood(timeline.SortByTimestamp(e), timeline.DefaultPulsetime, timeline.FloodMidpoint),
		"after": e, "dafter": d,
	}
	if g, w := snapshotJSON(t, got), snapshotJSON(t, want); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}
