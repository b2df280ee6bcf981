package query

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// TestChunkedMatchesSerial checks that splitting a per-event operation
// into chunks and workers gives exactly the serial result, in order.
func TestChunkedMatchesSerial(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := make(eventList, 3*chunkSize+123)
	for i := range in {
		in[i] = attnflow.Event{Timestamp: base.Add(time.Duration(i) * time.Second), Duration: time.Second,
			Data: attnflow.Data{"url": fmt.Sprintf("https://www.site%d.org/p?i=%d", i%97, i%13)}}
	}
	r := &run{ctx: context.Background(), parent: context.Background(), opts: withDefaults(Options{})}
	c := &callExpr{name: "split_url_events"}
	got, err := r.chunked(c, in, timeline.NewURLSplitter)
	if err != nil {
		t.Fatal(err)
	}
	want := timeline.SplitURL(in)
	g := got.(eventList)
	if len(g) != len(want) {
		t.Fatalf("chunked result has %d events, want %d", len(g), len(want))
	}
	for i := range want {
		if !g[i].Timestamp.Equal(want[i].Timestamp) || !timeline.DataEqual(g[i].Data, want[i].Data) {
			t.Fatalf("event %d differs: %v, want %v", i, g[i], want[i])
		}
	}
}

// TestMappedMatchesSerial checks that the one-to-one operations on
// interned lists, run in chunks and workers straight into one result,
// give exactly the serial results, in order.
func TestMappedMatchesSerial(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := make(eventList, 3*chunkSize+123)
	for i := range in {
		in[i] = attnflow.Event{Timestamp: base.Add(time.Duration(i) * time.Second), Duration: time.Second,
			Data: attnflow.Data{"url": fmt.Sprintf("https://www.site%d.org/p?i=%d", i%97, i%13), "title": fmt.Sprintf("GitHub %d", i%7)}}
	}
	timeline.NewInterner().Intern(in)
	rules, err := timeline.ParseCategoryRules([]any{[]any{[]any{"Work"}, map[string]any{"type": "regex", "regex": "GitHub 3|site1"}}})
	if err != nil {
		t.Fatal(err)
	}
	cl := timeline.NewCategorizer(rules)
	r := &run{ctx: context.Background(), parent: context.Background(), opts: withDefaults(Options{})}
	c := &callExpr{name: "f"}
	tests := []struct {
		name      string
		newMapper func() timeline.Mapper
		want      []attnflow.Event
	}{
		{"split_url_events", timeline.NewURLCache().InternedMapper, timeline.SplitURL(in)},
		{"categorize", cl.CategorizeInternedMapper, timeline.Categorize(in, cl)},
	}
	for _, tc := range tests {
		got, err := r.mapped(c, in, tc.newMapper)
		if err != nil {
			t.Fatal(err)
		}
		g := got.(eventList)
		if len(g) != len(tc.want) {
			t.Fatalf("%s: %d events, want %d", tc.name, len(g), len(tc.want))
		}
		for i := range tc.want {
			if !g[i].Timestamp.Equal(tc.want[i].Timestamp) || !timeline.DataEqual(g[i].Data, tc.want[i].Data) {
				t.Fatalf("%s: event %d differs: %v, want %v", tc.name, i, g[i], tc.want[i])
			}
		}
	}
}
