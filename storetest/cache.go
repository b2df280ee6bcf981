package storetest

import (
	"testing"

	"github.com/attnflow/attnflow"
)

// cacheTests check that a store caching the last event per bucket drops
// that cache whenever the last event may have changed.
var cacheTests = []test{
	{"AfterInsertOfNewerEvent", testCacheAfterInsert},
	{"AfterReplaceOfLast", testCacheAfterReplace},
	{"AfterDeleteOfLast", testCacheAfterDelete},
	{"AfterBucketRecreate", testCacheAfterRecreate},
	{"AfterImportOfNewerEvent", testCacheAfterImport},
}

// warm stores the last event through heartbeats so a cache holds it.
func warm(t *testing.T, s attnflow.Store, bucket string) attnflow.Event {
	t.Helper()
	createBucket(t, s, bucket)
	heartbeat(t, s, bucket, ev(0, 0, dataA), sec(5))
	return heartbeat(t, s, bucket, ev(4, 0, dataA), sec(5))
}

func testCacheAfterInsert(t *testing.T, s attnflow.Store) {
	warm(t, s, "b")
	newer := insert(t, s, "b", ev(100, 0, dataA))[0]
	got := heartbeat(t, s, "b", ev(102, 0, dataA), sec(5))
	want := ev(100, 2, dataA)
	want.ID = newer.ID
	wantEvent(t, "heartbeat after inserting a newer event", got, want)
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 2 {
		t.Fatalf("%d events, want 2: %s", n, fmtEvents(events(t, s, "b", all)))
	}
}

func testCacheAfterReplace(t *testing.T, s attnflow.Store) {
	last := warm(t, s, "b")
	repl := ev(0, 10, dataB)
	repl.ID = last.ID
	insert(t, s, "b", repl)
	got := heartbeat(t, s, "b", ev(8, 0, dataA), sec(5))
	if got.ID == last.ID {
		t.Fatalf("heartbeat with the old data merged into the replaced event %d", last.ID)
	}
	wantEvent(t, "replaced event", getEvent(t, s, "b", last.ID), repl)
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
}

func testCacheAfterDelete(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	older := insert(t, s, "b", ev(-100, 5, dataA))[0]
	heartbeat(t, s, "b", ev(0, 0, dataA), sec(5))
	last := heartbeat(t, s, "b", ev(4, 0, dataA), sec(5))
	if err := s.DeleteEvent(ctx(t), "b", last.ID); err != nil {
		t.Fatalf("DeleteEvent: %v", err)
	}
	// The new event may reuse the deleted id; it must not merge anywhere.
	got := heartbeat(t, s, "b", ev(8, 0, dataA), sec(5))
	if got.ID == older.ID {
		t.Fatalf("heartbeat after deleting the last event merged into the older event %d, want a new event", older.ID)
	}
	want := ev(8, 0, dataA)
	want.ID = got.ID
	wantEvent(t, "stored heartbeat", getEvent(t, s, "b", got.ID), want)
	wantEvents(t, "events", events(t, s, "b", all), []attnflow.Event{want, older})
}

func testCacheAfterRecreate(t *testing.T, s attnflow.Store) {
	last := warm(t, s, "b")
	if err := s.DeleteBucket(ctx(t), "b"); err != nil {
		t.Fatalf("DeleteBucket: %v", err)
	}
	createBucket(t, s, "b")
	got := heartbeat(t, s, "b", ev(8, 0, dataA), sec(5))
	want := ev(8, 0, dataA)
	want.ID = got.ID
	wantEvents(t, "events of the recreated bucket", events(t, s, "b", all), []attnflow.Event{want})
	if got.ID == last.ID {
		t.Logf("note: the recreated bucket's event reuses id %d", got.ID)
	}
}

func testCacheAfterImport(t *testing.T, s attnflow.Store) {
	warm(t, s, "b")
	if _, err := s.ImportEvents(ctx(t), "b", []attnflow.Event{ev(100, 0, dataA)}); err != nil {
		t.Fatalf("ImportEvents: %v", err)
	}
	got := heartbeat(t, s, "b", ev(103, 0, dataA), sec(5))
	if !got.Timestamp.Equal(at(100)) || got.Duration != sec(3) {
		t.Fatalf("heartbeat after importing a newer event = %s, want it merged into the imported event", fmtEvent(got))
	}
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
}
