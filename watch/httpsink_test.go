package watch_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/watchtest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newFakeAW(t *testing.T) (*watchtest.Server, *httptest.Server) {
	t.Helper()
	f := watchtest.NewServer()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

// reference applies heartbeats to an in-memory bucket: what a server that
// never went down would hold.
type reference struct{ sink *watch.MemorySink }

func newReference() reference {
	s := watch.NewMemorySink()
	s.EnsureBucket(context.Background(), attnflow.Bucket{ID: "b"})
	return reference{s}
}

func (r reference) add(hb attnflow.Event, pulse time.Duration) {
	r.sink.Heartbeat(context.Background(), "b", hb, pulse)
}

func openQueue(t *testing.T, path string, max int) *watch.Queue {
	t.Helper()
	q, err := watch.OpenQueue(path, max)
	if err != nil {
		t.Fatalf("OpenQueue: %v", err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func windowHB(sec int, app string) attnflow.Event {
	return attnflow.Event{Timestamp: t0.Add(time.Duration(sec) * time.Second), Data: attnflow.Data{"app": app, "title": app + " title"}}
}

func fmtStored(evs []attnflow.Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "%s@%g+%g ", e.Data["app"], e.Timestamp.Sub(t0).Seconds(), e.Duration.Seconds())
	}
	return b.String()
}

// TestHTTPSinkOutageAndRestartLoseNothing sends one minute of window
// heartbeats while the server goes down, the watcher is killed and
// restarted, and the server comes back: the stored events must equal those
// of a run without any outage.
func TestHTTPSinkOutageAndRestartLoseNothing(t *testing.T) {
	ctx := context.Background()
	fake, srv := newFakeAW(t)
	qpath := filepath.Join(t.TempDir(), "queue.jsonl")
	bucket := attnflow.Bucket{ID: "aw-watcher-window_h", Type: watch.WindowBucketType, Client: "test", Hostname: "h"}
	const pulse = 2 * time.Second
	want := newReference()
	var q *watch.Queue
	apps := func(sec int) string { return []string{"code", "firefox", "xterm"}[sec/10%3] }

	newSink := func(now *time.Time) *watch.HTTPSink {
		q = openQueue(t, qpath, 0)
		return watch.NewHTTPSink(srv.URL, q, watch.HTTPSinkOptions{Now: func() time.Time { return *now }})
	}
	clock := t0
	sink := newSink(&clock)
	if err := sink.EnsureBucket(ctx, bucket); err != nil {
		t.Fatalf("EnsureBucket: %v", err)
	}
	for sec := 0; sec < 60; sec++ {
		clock = t0.Add(time.Duration(sec) * time.Second)
		switch sec {
		case 15:
			fake.SetDown(true)
		case 35: // kill and restart the watcher while the server is down
			q.Close()
			sink = newSink(&clock)
			if err := sink.EnsureBucket(ctx, bucket); err != nil {
				t.Fatalf("EnsureBucket after restart: %v", err)
			}
		case 50:
			fake.SetDown(false)
		}
		hb := windowHB(sec, apps(sec))
		want.add(hb, pulse)
		if err := sink.Heartbeat(ctx, bucket.ID, hb, pulse); err != nil {
			t.Fatalf("Heartbeat at %d s: %v", sec, err)
		}
		if p := sink.Pending(); sec == 49 && (p == 0 || p > 6) {
			t.Errorf("queue holds %d writes after 35 s offline, want merged heartbeats (1..6)", p)
		}
	}
	clock = clock.Add(time.Minute)
	if n := sink.Flush(ctx); n != 0 {
		t.Fatalf("Flush left %d writes, want 0", n)
	}
	if got, w := fmtStored(fake.Events(bucket.ID)), fmtStored(want.sink.Events("b")); got != w {
		t.Errorf("stored\n%s\nwant\n%s", got, w)
	}
}

func TestHTTPSinkRecreatesLostBucket(t *testing.T) {
	ctx := context.Background()
	fake, srv := newFakeAW(t)
	sink := watch.NewHTTPSink(srv.URL, openQueue(t, filepath.Join(t.TempDir(), "q"), 0), watch.HTTPSinkOptions{})
	b := attnflow.Bucket{ID: "b", Type: "t", Client: "c", Hostname: "h"}
	if err := sink.EnsureBucket(ctx, b); err != nil {
		t.Fatal(err)
	}
	fake.Reset() // the server lost its database
	if err := sink.Insert(ctx, "b", []attnflow.Event{windowHB(1, "x")}); err != nil {
		t.Fatalf("Insert after reset: %v", err)
	}
	if n := len(fake.Events("b")); n != 1 {
		t.Errorf("stored %d events, want 1", n)
	}
}

func TestQueueBoundDropsOldest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q")
	q := openQueue(t, path, 3)
	for i := range 5 {
		if err := q.Push(watch.Op{Kind: watch.OpInsert, BucketID: "b", Events: []attnflow.Event{windowHB(i, "a")}}); err != nil {
			t.Fatal(err)
		}
	}
	if q.Len() != 3 || q.Dropped() != 2 {
		t.Fatalf("Len, Dropped = %d, %d; want 3, 2", q.Len(), q.Dropped())
	}
	op, _, _ := q.Peek()
	if got := op.Events[0].Timestamp.Sub(t0); got != 2*time.Second {
		t.Errorf("oldest kept starts at %v, want 2s", got)
	}
}

func TestQueueSurvivesTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q")
	q := openQueue(t, path, 0)
	for i := range 3 {
		if err := q.Push(watch.Op{Kind: watch.OpInsert, BucketID: "b", Events: []attnflow.Event{windowHB(i, "a")}}); err != nil {
			t.Fatal(err)
		}
	}
	_, seq, _ := q.Peek()
	if err := q.Ack(seq); err != nil {
		t.Fatal(err)
	}
	q.Close()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"seq":9,"op":{"kind":"ins`) // crash mid-write
	f.Close()
	q2 := openQueue(t, path, 0)
	if q2.Len() != 2 {
		t.Fatalf("reopened queue holds %d, want 2", q2.Len())
	}
	op, _, _ := q2.Peek()
	if got := op.Events[0].Timestamp.Sub(t0); got != time.Second {
		t.Errorf("first op at %v, want 1s (op 0 was acknowledged)", got)
	}
}

func TestQueueCompactsMergedHeartbeats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q")
	q := openQueue(t, path, 0)
	for sec := range 5000 { // one heartbeat a second, all merging
		op := watch.Op{Kind: watch.OpHeartbeat, BucketID: "b", Pulsetime: 2, Events: []attnflow.Event{windowHB(sec, "a")}}
		if err := q.Push(op); err != nil {
			t.Fatal(err)
		}
	}
	if q.Len() != 1 {
		t.Fatalf("Len = %d, want 1 merged heartbeat", q.Len())
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 1100*300 {
		t.Errorf("queue file is %d bytes for one operation, want it compacted", fi.Size())
	}
	q.Close()
	op, _, _ := openQueue(t, path, 0).Peek()
	if got := op.Events[0].Duration; got != 4999*time.Second {
		t.Errorf("reloaded heartbeat lasts %v, want 4999s", got)
	}
}

func TestHTTPSinkAPIKey(t *testing.T) {
	ctx := context.Background()
	fake, srv := newFakeAW(t)
	fake.RequireAPIKey("k1")
	b := attnflow.Bucket{ID: "b", Type: "t", Client: "c", Hostname: "h"}
	tests := []struct {
		key     string
		wantErr bool
	}{{"", true}, {"wrong", true}, {"k1", false}}
	for _, tt := range tests {
		q := openQueue(t, filepath.Join(t.TempDir(), "q"), 0)
		sink := watch.NewHTTPSink(srv.URL, q, watch.HTTPSinkOptions{APIKey: tt.key})
		err := sink.EnsureBucket(ctx, b)
		if (err != nil) != tt.wantErr || q.Len() != 0 {
			t.Errorf("key %q: err = %v, queued %d; want error %v and nothing queued (401 is final)", tt.key, err, q.Len(), tt.wantErr)
		}
	}
}
