package awimport

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// listSource is a Source of events given in a list, buckets interleaved
// as the list has them.
type listSource struct {
	buckets []attnflow.Bucket
	events  []sourceEvent
	scanned atomic.Int64 // events passed to fn so far
}

type sourceEvent struct {
	bucket string
	seq    int // the event's place among its bucket's events
}

func (s *listSource) Format() string             { return "list" }
func (s *listSource) Buckets() []attnflow.Bucket { return s.buckets }
func (s *listSource) Close() error               { return nil }
func (s *listSource) Settings(context.Context) (map[string]json.RawMessage, error) {
	return nil, nil
}

func (s *listSource) Scan(ctx context.Context, _ bool, fn func(string, attnflow.Event, error) error) error {
	for _, e := range s.events {
		ev := attnflow.Event{Timestamp: time.Unix(int64(e.seq), 0).UTC(), Data: attnflow.Data{"seq": float64(e.seq)}}
		s.scanned.Add(1)
		if err := fn(e.bucket, ev, nil); err != nil {
			return err
		}
	}
	return nil
}

// interleaved lists n events spread over buckets by pattern: the i-th
// event goes to bucket pattern(i).
func interleaved(n int, pattern func(i int) int) *listSource {
	src := &listSource{}
	seq := map[string]int{}
	for i := range n {
		b := fmt.Sprintf("b%d", pattern(i))
		if _, ok := seq[b]; !ok {
			src.buckets = append(src.buckets, attnflow.Bucket{ID: b, Type: "t"})
		}
		src.events = append(src.events, sourceEvent{bucket: b, seq: seq[b]})
		seq[b]++
	}
	return src
}

// TestReadBatches checks that interleaved buckets still make batches of
// one bucket, in the bucket's order, and that no more than maxPending
// events wait.
func TestReadBatches(t *testing.T) {
	const size = 4
	tests := []struct {
		name    string
		n       int
		pattern func(i int) int
	}{
		{"one bucket", 23, func(int) int { return 0 }},
		{"alternating", 40, func(i int) int { return i % 2 }},
		{"bursts", 50, func(i int) int { return i / 7 % 3 }},
		{"many buckets", 200, func(i int) int { return i % 30 }},
		{"empty", 0, func(int) int { return 0 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := interleaved(tc.n, tc.pattern)
			out := make(chan batch)
			errc := make(chan error, 1)
			go func() {
				defer close(out)
				errc <- readBatches(context.Background(), src, size, out, map[string]int{})
			}()
			next := map[string]int{}
			got := 0
			for b := range out {
				if len(b.events) == 0 || len(b.events) > size {
					t.Errorf("batch of %d events, want 1 to %d", len(b.events), size)
				}
				for _, e := range b.events {
					if seq := int(e.Data["seq"].(float64)); seq != next[b.bucket] {
						t.Fatalf("bucket %s: event %d, want %d", b.bucket, seq, next[b.bucket])
					}
					next[b.bucket]++
				}
				got += len(b.events)
				// What the reader scanned is received, held back or (at
				// most one batch) on its way.
				if waiting := int(src.scanned.Load()) - got; waiting > maxPending(size)+size {
					t.Errorf("%d events were held back, want at most %d", waiting, maxPending(size)+size)
				}
			}
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
			if got != tc.n {
				t.Errorf("batches carry %d events, want %d", got, tc.n)
			}
		})
	}
}

// TestImportGrownDatabase imports a database, then the same history grown
// by newer events, then that again: the second import stores only the new
// events and the third nothing, in both schemas, whatever the batch size.
func TestImportGrownDatabase(t *testing.T) {
	type schema struct {
		build    func(testing.TB, string, int)
		distinct string // counts the distinct events in the file
	}
	schemas := map[string]schema{
		"aw-server-rust": {buildBenchRust, `SELECT COUNT(*) FROM (SELECT DISTINCT bucketrow, starttime, endtime, data FROM events)`},
		"aw-server":      {buildBenchPeewee, `SELECT COUNT(*) FROM (SELECT DISTINCT bucket_id, timestamp, duration, datastr FROM eventmodel)`},
	}
	for name, sc := range schemas {
		for _, batch := range []int{0, 7} {
			t.Run(fmt.Sprintf("%s batch %d", name, batch), func(t *testing.T) {
				dir := t.TempDir()
				small, grown := filepath.Join(dir, "small.db"), filepath.Join(dir, "grown.db")
				sc.build(t, small, 1500)
				sc.build(t, grown, 2600) // the same generator: small's events come first
				want := map[string]int{}
				for _, path := range []string{small, grown} {
					db := openRaw(t, path)
					var n int
					if err := db.QueryRow(sc.distinct).Scan(&n); err != nil {
						t.Fatal(err)
					}
					db.Close()
					want[path] = n
				}
				st := newStore(t)
				for i, step := range []struct {
					path     string
					inserted int
				}{
					{small, want[small]},
					{grown, want[grown] - want[small]},
					{grown, 0},
				} {
					sum, err := importFile(t, step.path, st, Options{Batch: batch})
					if err != nil {
						t.Fatal(err)
					}
					if got := sum.Totals().Inserted; got != step.inserted {
						t.Errorf("import %d inserted %d, want %d", i+1, got, step.inserted)
					}
				}
				if got := storeCount(t, st); got != want[grown] {
					t.Errorf("store holds %d events, want %d", got, want[grown])
				}
			})
		}
	}
}

// storeCount counts the events of every bucket of st.
func storeCount(t *testing.T, st attnflow.Store) int {
	t.Helper()
	ctx := context.Background()
	buckets, err := st.Buckets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, b := range buckets {
		n, err := st.CountEvents(ctx, b.ID, attnflow.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	return total
}
