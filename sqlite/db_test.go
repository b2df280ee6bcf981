package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

func openAt(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path, nil, Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	return db
}

// rawQuery runs a query on its own connection to the file.
func rawInt(t *testing.T, path, query string) int64 {
	t.Helper()
	raw := sql.OpenDB(newConnector(path, nil))
	defer raw.Close()
	var n int64
	if err := raw.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

var t0 = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

func TestReopenKeepsEverything(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "a.db")
	db := openAt(t, path)
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	long := attnflow.Event{Timestamp: t0, Duration: 0, Data: attnflow.Data{"app": "x"}}
	var last attnflow.Event
	for i := range 100 {
		hb := long
		hb.Timestamp = t0.Add(time.Duration(i) * time.Minute)
		var err error
		if last, err = db.Heartbeat(ctx, "b", hb, 2*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetSetting(ctx, "k", []byte(`{"v":1}`)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := db.Bucket(ctx, "b"); err == nil {
		t.Fatalf("Bucket after Close: got no error")
	}

	db = openAt(t, path)
	defer db.Close()
	r := attnflow.TimeRange{Start: t0.Add(99 * time.Minute), End: t0.Add(100 * time.Minute)}
	got, err := db.Events(ctx, "b", attnflow.EventFilter{Range: r, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != last.ID || got[0].Duration != 99*time.Minute {
		t.Fatalf("after reopen, events at the end of a long event = %v, want event %d of 99m", got, last.ID)
	}
	// The heartbeat cache starts empty and loads the last event.
	hb := long
	hb.Timestamp = t0.Add(100 * time.Minute)
	merged, err := db.Heartbeat(ctx, "b", hb, 2*time.Minute)
	if err != nil || merged.ID != last.ID || merged.Duration != 100*time.Minute {
		t.Fatalf("heartbeat after reopen = %+v, %v; want a merge into %d", merged, err, last.ID)
	}
	v, err := db.Setting(ctx, "k")
	if err != nil || string(v) != `{"v":1}` {
		t.Fatalf("setting after reopen = %s, %v", v, err)
	}
	if ms, _ := migrations(); rawInt(t, path, "SELECT COUNT(*) FROM schema_version") != int64(len(ms)) {
		t.Fatalf("schema_version has %d rows after two opens, want one per migration (%d)", rawInt(t, path, "SELECT COUNT(*) FROM schema_version"), len(ms))
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	openAt(t, path).Close()
	raw := sql.OpenDB(newConnector(path, nil))
	if _, err := raw.Exec(`INSERT INTO schema_version (version, name, applied) VALUES (999, 'future', 0)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err := Open(t.Context(), path, nil, Options{})
	if got := attnflow.ErrorCode(err); got != attnflow.EINVALID {
		t.Fatalf("Open of a newer schema: got %v (code %q), want code %s", err, got, attnflow.EINVALID)
	}
}

func TestOpenInvalidPath(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(t.TempDir(), "garbage.db")
	if err := os.WriteFile(notDB, bytes.Repeat([]byte("garbage "), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"", "a?b.db", filepath.Join(file, "a.db"), notDB} {
		db, err := Open(t.Context(), p, nil, Options{})
		if err == nil {
			db.Close()
			t.Fatalf("Open(%q): got no error", p)
		}
		if db != nil {
			t.Fatalf("Open(%q) returned a DB with its error", p)
		}
	}
}

func TestDataIsInterned(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "a.db")
	db := openAt(t, path)
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	var evs []attnflow.Event
	for i := range 300 {
		evs = append(evs, attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second),
			Data: attnflow.Data{"app": "firefox", "title": []string{"a", "b", "c"}[i%3]}})
	}
	if _, err := db.InsertEvents(ctx, "b", evs); err != nil {
		t.Fatal(err)
	}
	// Equal data in another form and through another path reuses the rows.
	if _, err := db.Heartbeat(ctx, "b", attnflow.Event{Timestamp: t0.Add(time.Hour), Data: attnflow.Data{"title": "a", "app": "firefox"}}, 0); err != nil {
		t.Fatal(err)
	}
	if n := rawInt(t, path, "SELECT COUNT(*) FROM data"); n != 3 {
		t.Fatalf("data rows = %d, want 3 distinct payloads", n)
	}
	// A failed batch must not leave ids in the cache that were rolled back.
	bad := []attnflow.Event{{Timestamp: t0, Data: attnflow.Data{"new": "payload"}}, {Timestamp: t0, ID: 1 << 50}}
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "other"}); err != nil {
		t.Fatal(err)
	}
	own, err := db.InsertEvents(ctx, "other", []attnflow.Event{{Timestamp: t0, Data: attnflow.Data{}}})
	if err != nil {
		t.Fatal(err)
	}
	bad[1].ID = own[0].ID // belongs to "other": ECONFLICT rolls the batch back
	if _, err := db.InsertEvents(ctx, "b", bad); attnflow.ErrorCode(err) != attnflow.ECONFLICT {
		t.Fatalf("InsertEvents with another bucket's id: got %v, want ECONFLICT", err)
	}
	got, err := db.InsertEvents(ctx, "b", bad[:1])
	if err != nil {
		t.Fatal(err)
	}
	e, err := db.Event(ctx, "b", got[0].ID)
	if err != nil || !e.Data.Equal(attnflow.Data{"new": "payload"}) {
		t.Fatalf("event after a rolled-back payload = %+v, %v", e, err)
	}
}

func TestSizeAndCheckpoint(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	before, err := db.Size(ctx)
	if err != nil || before <= 0 {
		t.Fatalf("Size = %d, %v; want > 0", before, err)
	}
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatalf("Checkpoint: %v", err)
	}
	after, err := db.Size(ctx)
	if err != nil || after <= 0 {
		t.Fatalf("Size after checkpoint = %d, %v", after, err)
	}
}

func TestCancelledContext(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("CreateBucket with a cancelled context: got %v, want context.Canceled", err)
	}
	if _, err := db.Bucket(t.Context(), "b"); attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
		t.Fatalf("bucket created despite a cancelled context: %v", err)
	}
}

func TestInternCacheBounded(t *testing.T) {
	c := newInternCache(4)
	for i := range 100 {
		c.addAll(map[string]int64{string(rune('a' + i)): int64(i)})
	}
	if n := c.len(); n > 8 {
		t.Fatalf("cache holds %d entries, want at most 8", n)
	}
	if id, ok := c.get([]byte(string(rune('a' + 99)))); !ok || id != 99 {
		t.Fatalf("newest entry: got %d, %v", id, ok)
	}
}

func TestOpenCreatesDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "dir", "a.db")
	openAt(t, path).Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("store file not created: %v", err)
	}
}

func TestStoreFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	openAt(t, path).Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Fatalf("store file mode = %o, want 600", mode)
	}
}

func TestTimesComeBackUTC(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	zone := time.FixedZone("UTC+2", 2*3600)
	e := attnflow.Event{Timestamp: t0.In(zone), Data: attnflow.Data{}}
	got, err := db.InsertEvents(ctx, "b", []attnflow.Event{e})
	if err != nil {
		t.Fatal(err)
	}
	hb, err := db.Heartbeat(ctx, "b", attnflow.Event{Timestamp: t0.Add(time.Second).In(zone), Data: attnflow.Data{}}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, ts := range []time.Time{got[0].Timestamp, hb.Timestamp} {
		if ts.Location() != time.UTC {
			t.Fatalf("timestamp %v returned in %v, want UTC", ts, ts.Location())
		}
	}
}

func TestBatchErrorNamesTheEvent(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	_, err := db.InsertEvents(ctx, "b", []attnflow.Event{{Timestamp: t0}, {Timestamp: t0, Duration: -1}})
	if got, want := attnflow.ErrorMessage(err), "event 2 of 2: event duration -1ns is negative"; got != want {
		t.Fatalf("message = %q, want %q", got, want)
	}
}

func TestCreatedUsesClock(t *testing.T) {
	ctx := t.Context()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "a.db"), nil, Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	b, err := db.Bucket(ctx, "b")
	if err != nil || !b.Created.Equal(t0) {
		t.Fatalf("Created = %v, %v; want %v", b.Created, err, t0)
	}
}
