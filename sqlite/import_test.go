package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// importEv is an event at second sec lasting dur seconds with the
// payload {"app": app}.
func importEv(sec, dur int, app string) attnflow.Event {
	return attnflow.Event{Timestamp: benchStart.Add(time.Duration(sec) * time.Second),
		Duration: time.Duration(dur) * time.Second, Data: attnflow.Data{"app": app}}
}

// span returns events at seconds from, from+1, ... to-1, each lasting 1 s,
// their payload one of every payloads.
func span(from, to, payloads int) []attnflow.Event {
	var out []attnflow.Event
	for s := from; s < to; s++ {
		out = append(out, importEv(s, 1, fmt.Sprintf("app %d", s%payloads)))
	}
	return out
}

func testDB(t *testing.T, buckets ...string) *DB {
	t.Helper()
	return openWith(t, t.TempDir()+"/import.db", buckets...)
}

// openWith opens the store at path, creating buckets, and closes it when
// the test ends.
func openWith(t *testing.T, path string, buckets ...string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, id := range buckets {
		if err := db.CreateBucket(context.Background(), attnflow.Bucket{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func mustImport(t *testing.T, db *DB, bucket string, events []attnflow.Event) int {
	t.Helper()
	n, err := db.ImportEvents(context.Background(), bucket, events)
	if err != nil {
		t.Fatalf("ImportEvents: %v", err)
	}
	return n
}

func allEvents(t *testing.T, db *DB, bucket string) []attnflow.Event {
	t.Helper()
	got, err := db.Events(context.Background(), bucket, attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	return got
}

// TestImportEventsDeduplicates runs sequences of imports into one bucket
// and checks what each inserted and what the bucket holds in the end.
func TestImportEventsDeduplicates(t *testing.T) {
	type step struct {
		insert bool // through InsertEvents, not imported
		events []attnflow.Event
		want   int
	}
	tests := []struct {
		name  string
		steps []step
		total int
	}{
		{"empty bucket", []step{{events: span(0, 100, 7), want: 100}}, 100},
		{"re-run imports nothing", []step{
			{events: span(0, 600, 50), want: 600},
			{events: span(0, 600, 50), want: 0},
		}, 600},
		{"repeats within a batch", []step{
			{events: append(span(0, 10, 3), span(0, 10, 3)...), want: 10},
		}, 10},
		{"partial overlap, later", []step{
			{events: span(0, 100, 9), want: 100},
			{events: span(50, 150, 9), want: 50},
		}, 150},
		{"partial overlap, earlier (newest first)", []step{
			{events: span(100, 200, 9), want: 100},
			{events: span(50, 150, 9), want: 50},
		}, 150},
		{"overlap with events not imported", []step{
			{insert: true, events: span(0, 20, 4), want: 20},
			{events: span(10, 30, 4), want: 10},
		}, 30},
		{"same span, other duration or data", []step{
			{events: []attnflow.Event{importEv(0, 5, "a")}, want: 1},
			{events: []attnflow.Event{importEv(0, 5, "a"), importEv(0, 6, "a"), importEv(0, 5, "b")}, want: 2},
		}, 3},
		{"batches across insert chunks", []step{
			{events: span(0, insertChunk+1, insertChunk+1), want: insertChunk + 1},
			{events: span(0, 3*insertChunk+7, insertChunk+5), want: 2*insertChunk + 6},
		}, 3*insertChunk + 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := testDB(t, "b")
			for i, s := range tc.steps {
				var n int
				if s.insert {
					got, err := db.InsertEvents(context.Background(), "b", s.events)
					if err != nil {
						t.Fatal(err)
					}
					n = len(got)
				} else {
					n = mustImport(t, db, "b", s.events)
				}
				if n != s.want {
					t.Errorf("step %d inserted %d, want %d", i+1, n, s.want)
				}
			}
			got := allEvents(t, db, "b")
			if len(got) != tc.total {
				t.Fatalf("bucket holds %d events, want %d", len(got), tc.total)
			}
			seen := map[string]bool{}
			for _, e := range got {
				k := fmt.Sprint(e.Timestamp.UnixNano(), e.Duration, string(e.Data.Canonical()))
				if seen[k] {
					t.Errorf("event %s stored twice", k)
				}
				seen[k] = true
			}
		})
	}
}

// TestImportEventsKeepsPayloads checks that every event reads back with
// its own payload when a batch brings many new ones, half of them stored
// already for another bucket (known to the writer's cache, or only to the
// file after a reopen), and equal payloads in distinct maps; and that the
// data table holds each payload once.
func TestImportEventsKeepsPayloads(t *testing.T) {
	for _, reopen := range []bool{false, true} {
		t.Run(fmt.Sprintf("reopen %v", reopen), func(t *testing.T) {
			path := t.TempDir() + "/import.db"
			db := openWith(t, path, "a", "b")
			mustImport(t, db, "a", span(0, 300, 300)) // payloads "app 0" … "app 299"
			if reopen {
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
				db = openWith(t, path)
			}
			var in []attnflow.Event
			apps := map[string]bool{}
			for s := range 300 {
				apps[fmt.Sprintf("app %d", s)] = true
			}
			for s := range 2*insertChunk + 3 {
				app := fmt.Sprintf("app %d", s/2*2) // pairs of maps; half stored already
				in = append(in, importEv(s, 1, app))
				apps[app] = true
			}
			if n := mustImport(t, db, "b", in); n != len(in) {
				t.Fatalf("inserted %d, want %d", n, len(in))
			}
			byStart := map[int64]attnflow.Data{}
			for _, e := range allEvents(t, db, "b") {
				byStart[e.Timestamp.UnixNano()] = e.Data
			}
			for _, e := range in {
				if d := byStart[e.Timestamp.UnixNano()]; !d.Equal(e.Data) {
					t.Errorf("event at %v reads back with %v, want %v", e.Timestamp, d, e.Data)
				}
			}
			var rows, distinct int
			if err := db.rdb.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT json) FROM data`).Scan(&rows, &distinct); err != nil {
				t.Fatal(err)
			}
			if want := len(apps); rows != distinct || rows != want {
				t.Errorf("data table: %d rows, %d distinct, want %d of each", rows, distinct, want)
			}
		})
	}
}

// TestImportEventsKeepsOrder checks that events of equal timestamps are
// stored in the order given (ascending ids), as InsertEvents does.
func TestImportEventsKeepsOrder(t *testing.T) {
	db := testDB(t, "b")
	in := []attnflow.Event{importEv(0, 0, "first"), importEv(0, 0, "second"), importEv(0, 0, "third")}
	mustImport(t, db, "b", in)
	got := allEvents(t, db, "b")
	for i := range in {
		if got[i].Data["app"] != in[i].Data["app"] || (i > 0 && got[i].ID <= got[i-1].ID) {
			t.Fatalf("events = %v, want the order of %v with ascending ids", got, in)
		}
	}
}

// TestImportEventsUnsortedBatch checks the event-by-event path a batch
// takes when its span holds many more stored events than it has.
func TestImportEventsUnsortedBatch(t *testing.T) {
	ctx := context.Background()
	db := testDB(t, "b")
	stored := span(0, existingLimit(2)+10, 5)
	mustImport(t, db, "b", stored)
	first, last := stored[0], stored[len(stored)-1]
	batch := []attnflow.Event{last, importEv(1, 99, "new"), first, importEv(1, 99, "new")}
	st, err := db.state(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	err = db.w.do(ctx, &writeOp{fn: func(tx *writeTx) error {
		_, complete, err := tx.existingKeys(ctx, st.key, first.Timestamp.UnixNano(), last.Timestamp.UnixNano(), existingLimit(len(batch)))
		if complete {
			t.Errorf("existingKeys over %d stored events, limit %d: complete, want the event-by-event path", len(stored), existingLimit(len(batch)))
		}
		return err
	}})
	if err != nil {
		t.Fatal(err)
	}
	if n := mustImport(t, db, "b", batch); n != 1 {
		t.Errorf("inserted %d, want 1", n)
	}
	if n := len(allEvents(t, db, "b")); n != len(stored)+1 {
		t.Errorf("bucket holds %d events, want %d", n, len(stored)+1)
	}
}

// TestImportEventsRefusesWholeBatch checks that a batch with one bad event
// writes nothing, not even its new payloads.
func TestImportEventsRefusesWholeBatch(t *testing.T) {
	db := testDB(t, "b")
	bad := append(span(0, 10, 10), attnflow.Event{Timestamp: benchStart, Duration: -1, Data: attnflow.Data{"app": "x"}})
	if _, err := db.ImportEvents(context.Background(), "b", bad); attnflow.ErrorCode(err) != attnflow.EINVALID {
		t.Fatalf("ImportEvents of a bad batch: %v, want EINVALID", err)
	}
	if n := len(allEvents(t, db, "b")); n != 0 {
		t.Errorf("bucket holds %d events, want 0", n)
	}
	if n := mustImport(t, db, "b", span(0, 10, 10)); n != 10 {
		t.Errorf("then inserted %d, want 10", n)
	}
}
