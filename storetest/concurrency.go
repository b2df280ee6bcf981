package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/attnflow/attnflow"
)

var concurrencyTests = []test{
	{"HeartbeatsToOneBucket", testConcurrentOneBucket},
	{"HeartbeatsToManyBuckets", testConcurrentBuckets},
	{"ReadsDuringWrites", testReadsDuringWrites},
}

// testConcurrentOneBucket: concurrent heartbeats that all start at the
// same instant must end in one event as long as the longest of them; two
// unserialised merges or first inserts would lose one.
func testConcurrentOneBucket(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	const workers, each = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				d := float64(w*each + i)
				if _, err := s.Heartbeat(ctx(t), "b", ev(0, d, dataA), sec(1)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("Heartbeat: %v", err)
	}
	got := events(t, s, "b", all)
	if len(got) != 1 {
		t.Fatalf("concurrent heartbeats left %d events, want 1: %s", len(got), fmtEvents(got))
	}
	if want := sec(workers*each - 1); got[0].Duration != want {
		t.Fatalf("merged duration = %v, want %v (a merge was lost)", got[0].Duration, want)
	}
}

// testConcurrentBuckets: each worker heartbeats its own bucket; every
// bucket ends with exactly its own merged event.
func testConcurrentBuckets(t *testing.T, s attnflow.Store) {
	const workers, each = 4, 60
	for w := range workers {
		createBucket(t, s, fmt.Sprintf("b%d", w))
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			bucket := fmt.Sprintf("b%d", w)
			data := attnflow.Data{"worker": w}
			for i := range each {
				// a new event every 10 heartbeats, merges in between
				x := float64(i) + float64(i/10)*100
				if _, err := s.Heartbeat(ctx(t), bucket, ev(x, 0, data), sec(2)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("Heartbeat: %v", err)
	}
	for w := range workers {
		bucket := fmt.Sprintf("b%d", w)
		got := events(t, s, bucket, all)
		if len(got) != each/10 {
			t.Fatalf("bucket %s has %d events, want %d: %s", bucket, len(got), each/10, fmtEvents(got))
		}
		for _, e := range got {
			if e.Duration != sec(9) || !e.Data.Equal(attnflow.Data{"worker": w}) {
				t.Fatalf("bucket %s: event %s, want 9 s of worker %d", bucket, fmtEvent(e), w)
			}
		}
	}
}

// testReadsDuringWrites reads while others write; every read must see a
// consistent prefix of the writes.
func testReadsDuringWrites(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	const batches, size = 30, 20
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range batches {
			batch := make([]attnflow.Event, size)
			for j := range batch {
				batch[j] = ev(float64(i*size+j), 1, app("w"))
			}
			if _, err := s.InsertEvents(ctx(t), "b", batch); err != nil {
				t.Errorf("InsertEvents: %v", err)
				return
			}
		}
	})
	for range 2 {
		wg.Go(func() {
			for range batches {
				es, err := s.Events(ctx(t), "b", all)
				if err != nil {
					t.Errorf("Events: %v", err)
					return
				}
				if len(es)%size != 0 {
					t.Errorf("read %d events, want a multiple of the batch size %d (a batch was half visible)", len(es), size)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := count(t, s, "b", attnflow.TimeRange{}); n != batches*size {
		t.Fatalf("%d events, want %d", n, batches*size)
	}
}
