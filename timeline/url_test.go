package timeline_test

import (
	"sync"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// TestURLCacheShared checks that splitters sharing one URLCache, also
// concurrently and on a second pass over the same URLs, give what a fresh
// SplitURL gives.
func TestURLCacheShared(t *testing.T) {
	t.Parallel()
	urls := []string{"https://www.github.com/a/b?x=1", "about:blank", "not a url", "http://[::1]:8080", "file:///tmp/x", "https://github.com/a/b?x=1"}
	var events []attnflow.Event
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 200 {
		events = append(events, attnflow.Event{Timestamp: start.Add(time.Duration(i) * time.Second), Duration: time.Second,
			Data: attnflow.Data{"url": urls[i%len(urls)], "title": "t"}})
	}
	want := timeline.SplitURL(events)
	cache := timeline.NewURLCache()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 2 {
				got := cache.Splitter()(events)
				for i := range want {
					if !timeline.DataEqual(got[i].Data, want[i].Data) {
						t.Errorf("event %d: got %v, want %v", i, got[i].Data, want[i].Data)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
