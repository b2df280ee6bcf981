package query

import (
	"context"
	"encoding/json"
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
	got, err := r.chunked(c, in, timeline.SplitURL)
	if err != nil {
		t.Fatal(err)
	}
	want := timeline.SplitURL(in)
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Fatalf("chunked result differs from serial (%d vs %d bytes)", len(gb), len(wb))
	}
}
