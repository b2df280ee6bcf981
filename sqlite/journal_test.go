package sqlite

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

func TestHBRecordRoundTrip(t *testing.T) {
	recs := []hbRecord{
		{insert: true, id: 1, bucket: 3, start: 1_700_000_000_000_000_000, dur: 0, json: []byte(`{"app":"x"}`)},
		{id: 1, bucket: 3, start: 1_700_000_000_000_000_000, dur: 5 * int64(time.Second)},
		{insert: true, id: 1 << 40, bucket: 1, start: -5, dur: 1, json: []byte(`{}`)},
	}
	var buf []byte
	for _, r := range recs {
		buf = appendRecord(buf, r)
	}
	got, err := decodeRecords(buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, recs)
	}
}

func TestHBRecordTorn(t *testing.T) {
	one := appendRecord(nil, hbRecord{insert: true, id: 7, bucket: 1, start: 10, dur: 2, json: []byte(`{"a":1}`)})
	two := appendRecord(bytes.Clone(one), hbRecord{id: 7, bucket: 1, start: 10, dur: 9})
	flip := bytes.Clone(two)
	flip[len(flip)-1] ^= 0xff
	tests := []struct {
		name string
		b    []byte
		want int
		torn bool
	}{
		{"empty", nil, 0, false},
		{"whole", two, 2, false},
		{"cut in the header", two[:len(one)+3], 1, true},
		{"cut in the body", two[:len(two)-1], 1, true},
		{"flipped byte", flip, 1, true},
		{"zeros after", append(bytes.Clone(two), make([]byte, 16)...), 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeRecords(tt.b)
			if len(got) != tt.want || (err != nil) != tt.torn {
				t.Errorf("got %d records, err %v; want %d, torn %v", len(got), err, tt.want, tt.torn)
			}
		})
	}
}

// crash leaves db as a killed process would: the heartbeat log's pending
// outcomes unapplied, its files and lock released, the connections closed.
func crash(t *testing.T, db *DB) {
	t.Helper()
	j := db.j
	if j == nil {
		t.Fatal("store holds no heartbeat log")
	}
	db.stopJournal()
	j.mu.Lock()
	j.closed = true
	j.mu.Unlock()
	if err := j.files.close(); err != nil {
		t.Fatal(err)
	}
	db.j = nil
	if err := db.w.close(); err != nil {
		t.Fatal(err)
	}
	if err := db.closePools(); err != nil {
		t.Fatal(err)
	}
}

func TestJournalReplayAfterCrash(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "j.db")
	db := openAt(t, path)
	db.j.flushDelay = time.Hour // nothing is applied before the crash
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "w"}); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]attnflow.Event{}
	for i := range 300 {
		app := []string{"editor", "browser", "mail"}[i/40%3]
		e, err := db.Heartbeat(ctx, "w", attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second),
			Data: attnflow.Data{"app": app}}, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		acked[e.ID] = e
	}
	if !db.j.hasPending() {
		t.Fatal("nothing pending: the test does not exercise the log")
	}
	crash(t, db)
	segs, _ := filepath.Glob(path + "-hb.*")
	if len(segs) < 2 {
		t.Fatalf("log files after the crash: %v; want the lock and a segment", segs)
	}

	db = openAt(t, path)
	defer db.Close()
	evs, err := db.Events(ctx, "w", attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(acked) {
		t.Errorf("after replay %d events, want %d", len(evs), len(acked))
	}
	for _, e := range evs {
		want, ok := acked[e.ID]
		if !ok {
			t.Errorf("event %d was never acknowledged", e.ID)
			continue
		}
		if !e.Timestamp.Equal(want.Timestamp) || e.Duration != want.Duration || e.Data["app"] != want.Data["app"] {
			t.Errorf("event %d = %v %v %v, want %v %v %v", e.ID, e.Timestamp, e.Duration, e.Data, want.Timestamp, want.Duration, want.Data)
		}
	}
	if segs, _ := filepath.Glob(path + "-hb.[0-9]*"); len(segs) != 1 {
		t.Errorf("segments after replay: %v; want only the new, empty one", segs)
	}
	// A second replay of the same outcomes (a crash right after applying)
	// changes nothing: the log is gone, the events stay.
	if n, _ := db.CountEvents(ctx, "w", attnflow.TimeRange{}); n != len(acked) {
		t.Errorf("count %d, want %d", n, len(acked))
	}
}

func TestJournalReplayIsIdempotent(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "j.db")
	db := openAt(t, path)
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "w"}); err != nil {
		t.Fatal(err)
	}
	e, err := db.Heartbeat(ctx, "w", attnflow.Event{Timestamp: t0, Duration: time.Second, Data: attnflow.Data{"a": 1}}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Put back a segment holding outcomes that were applied already, as a
	// crash between the commit and the segment's removal leaves it.
	seg := appendRecord(nil, hbRecord{insert: true, id: e.ID, bucket: 1, start: t0.UnixNano(), dur: int64(time.Second), json: []byte(`{"a":1}`)})
	seg = appendRecord(seg, hbRecord{id: e.ID, bucket: 1, start: t0.UnixNano(), dur: int64(3 * time.Second)})
	if err := os.WriteFile(path+"-hb.4", seg, 0o600); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, path)
	defer db.Close()
	evs, err := db.Events(ctx, "w", attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].ID != e.ID || evs[0].Duration != 3*time.Second {
		t.Errorf("after replaying applied outcomes: %+v; want event %d lasting 3s", evs, e.ID)
	}
}

// openHeld opens a shared store that holds the heartbeat log and applies
// it only when asked (a read or a write).
func openHeld(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path, nil, Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	db.j.flushDelay = time.Hour
	return db
}

// TestJournalIDsNeverCollide: an event inserted by another process (or
// through the direct path) while heartbeats are pending never takes a
// pending heartbeat's id.
func TestJournalIDsNeverCollide(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "j.db")
	db := openHeld(t, path)
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "w"}); err != nil {
		t.Fatal(err)
	}
	hb, err := db.Heartbeat(ctx, "w", attnflow.Event{Timestamp: t0, Data: attnflow.Data{"app": "x"}}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path, nil, Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if other.j != nil {
		t.Fatal("a second process took the heartbeat log")
	}
	ins, err := other.InsertEvents(ctx, "w", []attnflow.Event{{Timestamp: t0.Add(time.Hour), Data: attnflow.Data{"app": "y"}}})
	if err != nil {
		t.Fatal(err)
	}
	if hb.ID <= 0 || ins[0].ID == hb.ID {
		t.Fatalf("the other process's event took the pending heartbeat's id %d", hb.ID)
	}
	evs, err := db.Events(ctx, "w", attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]any{}
	for _, e := range evs {
		ids[e.ID] = e.Data["app"]
	}
	if want := map[int64]any{hb.ID: "x", ins[0].ID: "y"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("events by id %v, want %v", ids, want)
	}
}

// TestJournalCoalesces: many merges of one event cost one pending outcome,
// and reads see the newest duration at once.
func TestJournalCoalesces(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "j.db"))
	defer db.Close()
	db.j.flushDelay = time.Hour
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "w"}); err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		if _, err := db.Heartbeat(ctx, "w", attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second),
			Data: attnflow.Data{"app": "x"}}, 2*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	db.j.mu.Lock()
	n := len(db.j.pending)
	db.j.mu.Unlock()
	if n != 1 {
		t.Errorf("%d pending outcomes, want 1", n)
	}
	evs, err := db.Events(ctx, "w", attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Duration != 999*time.Second {
		t.Errorf("events %+v, want one lasting 999s", evs)
	}
}

// TestJournalReadsSeePending: every read path sees heartbeats that are
// still only in the log.
func TestJournalReadsSeePending(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "j.db"))
	defer db.Close()
	db.j.flushDelay = time.Hour
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "w"}); err != nil {
		t.Fatal(err)
	}
	beat := func(i int, app string) attnflow.Event {
		t.Helper()
		e, err := db.Heartbeat(ctx, "w", attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second), Data: attnflow.Data{"app": app}}, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	reads := []struct {
		name string
		read func() (int, error)
	}{
		{"Events", func() (int, error) {
			evs, err := db.Events(ctx, "w", attnflow.EventFilter{Limit: -1})
			return len(evs), err
		}},
		{"EventsShared", func() (int, error) {
			evs, err := db.EventsShared(ctx, "w", attnflow.EventFilter{Limit: -1})
			return len(evs), err
		}},
		{"CountEvents", func() (int, error) { return db.CountEvents(ctx, "w", attnflow.TimeRange{}) }},
		{"Event", func() (int, error) {
			e := beat(1000, "probe") // a new event, pending
			_, err := db.Event(ctx, "w", e.ID)
			return 0, err
		}},
		{"Bucket", func() (int, error) {
			b, err := db.Bucket(ctx, "w")
			return int(b.Last.Sub(t0) / time.Second), err
		}},
	}
	for i, r := range reads {
		t.Run(r.name, func(t *testing.T) {
			beat(10*i, fmt.Sprint("app", i))
			if !db.j.hasPending() {
				t.Fatal("nothing pending")
			}
			if _, err := r.read(); err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			if db.j.hasPending() {
				t.Errorf("%s read without applying the pending heartbeats", r.name)
			}
		})
	}
}

// TestJournalBucketGoneMeanwhile: another process deletes a bucket while
// heartbeats to it are pending; applying them drops those and keeps the
// others of the same batch.
func TestJournalBucketGoneMeanwhile(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "j.db")
	db := openHeld(t, path)
	defer db.Close()
	for _, b := range []string{"keep", "gone"} {
		if err := db.CreateBucket(ctx, attnflow.Bucket{ID: b}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10 {
		for _, b := range []string{"keep", "gone"} {
			if _, err := db.Heartbeat(ctx, b, attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second),
				Data: attnflow.Data{"i": i}}, time.Second); err != nil {
				t.Fatal(err)
			}
		}
	}
	other, err := Open(ctx, path, nil, Options{Shared: true, NoJournal: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteBucket(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if n, err := db.CountEvents(ctx, "keep", attnflow.TimeRange{}); err != nil || n != 10 {
		t.Errorf("bucket keep: %d events, %v; want 10", n, err)
	}
	if n := rawInt(t, path, `SELECT COUNT(*) FROM events`); n != 10 {
		t.Errorf("%d events in the file, want the 10 of bucket keep", n)
	}
}
