package timeline_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// referenceMerge is MergeByKeys written plainly: group by the canonical
// JSON of the key values, durations summed, in first-seen order.
func referenceMerge(events []attnflow.Event, keys []string) []attnflow.Event {
	out := []attnflow.Event{}
	index := map[string]int{}
next:
	for _, e := range events {
		group := attnflow.Data{}
		for _, k := range keys {
			v, ok := e.Data[k]
			if !ok {
				continue next
			}
			group[k] = v
		}
		key := string(group.Canonical())
		if i, ok := index[key]; ok {
			out[i].Duration += e.Duration
			continue
		}
		index[key] = len(out)
		out = append(out, attnflow.Event{Timestamp: e.Timestamp, Duration: e.Duration, Data: group})
	}
	return out
}

// TestMergeByKeysSharedMaps merges events that share data maps (as
// categorize and split_url_events give them), some lacking a key, some
// with list or number values, and compares with referenceMerge.
func TestMergeByKeysSharedMaps(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	maps := []attnflow.Data{
		{"app": "a", "title": "x"}, {"app": "a", "title": "y"}, {"app": "b", "title": "x"},
		{"app": "a"}, {"title": "x"}, {"app": "a", "title": "x"}, // a copy of the first
		{"app": "c", "title": 1.0}, {"app": "c", "title": int64(1)},
		{"app": "d", "$category": []any{"Work", "Programming"}}, {"app": "d", "$category": []any{"Work"}},
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var events []attnflow.Event
	for i := range 2000 {
		events = append(events, attnflow.Event{Timestamp: start.Add(time.Duration(i) * time.Second),
			Duration: time.Duration(1+r.IntN(9)) * time.Second, Data: maps[r.IntN(len(maps))]})
	}
	for _, keys := range [][]string{{"app"}, {"title"}, {"app", "title"}, {"$category"}, {"app", "$category"}, {"title", "app", "$category"}} {
		got := timeline.MergeByKeys(events, keys)
		want := referenceMerge(events, keys)
		if !slices.EqualFunc(got, want, func(a, b attnflow.Event) bool {
			return a.Timestamp.Equal(b.Timestamp) && a.Duration == b.Duration && timeline.DataEqual(a.Data, b.Data)
		}) {
			t.Errorf("keys %v:\n got %v\nwant %v", keys, got, want)
		}
	}
}
