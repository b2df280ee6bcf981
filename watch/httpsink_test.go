package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// fakeAW is a minimal ActivityWatch server over memory: buckets, the
// heartbeat rule and event inserts. While down it drops every connection.
type fakeAW struct {
	mu      sync.Mutex
	down    bool
	buckets map[string][]attnflow.Event
}

func newFakeAW(t *testing.T) (*fakeAW, *httptest.Server) {
	t.Helper()
	f := &fakeAW{buckets: map[string][]attnflow.Event{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeAW) setDown(down bool) { f.mu.Lock(); f.down = down; f.mu.Unlock() }

func (f *fakeAW) events(id string) []attnflow.Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]attnflow.Event(nil), f.buckets[id]...)
}

func (f *fakeAW) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		panic(http.ErrAbortHandler) // the connection drops: no answer at all
	}
	rest, _ := strings.CutPrefix(r.URL.Path, "/api/0/buckets/")
	id, action, _ := strings.Cut(rest, "/")
	evs, exists := f.buckets[id]
	switch {
	case action == "":
		if exists {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		f.buckets[id] = nil
	case !exists:
		http.Error(w, `{"message":"no such bucket"}`, http.StatusNotFound)
	case action == "heartbeat":
		var hb attnflow.Event
		if err := json.NewDecoder(r.Body).Decode(&hb); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		p, _ := strconv.ParseFloat(r.URL.Query().Get("pulsetime"), 64)
		f.buckets[id] = applyHeartbeat(evs, hb, secondsDur(p))
	case action == "events":
		var in []attnflow.Event
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.buckets[id] = append(evs, in...)
	default:
		http.NotFound(w, r)
	}
}

func openQueue(t *testing.T, path string, max int) *Queue {
	t.Helper()
	q, err := OpenQueue(path, max)
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
	bucket := attnflow.Bucket{ID: "aw-watcher-window_h", Type: WindowBucketType, Client: "test", Hostname: "h"}
	const pulse = 2 * time.Second
	var want []attnflow.Event
	apps := func(sec int) string { return []string{"code", "firefox", "xterm"}[sec/10%3] }

	newSink := func(now *time.Time) *HTTPSink {
		return NewHTTPSink(srv.URL, openQueue(t, qpath, 0), HTTPSinkOptions{Now: func() time.Time { return *now }})
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
			fake.setDown(true)
		case 35: // kill and restart the watcher while the server is down
			sink.queue.Close()
			sink = newSink(&clock)
			if err := sink.EnsureBucket(ctx, bucket); err != nil {
				t.Fatalf("EnsureBucket after restart: %v", err)
			}
		case 50:
			fake.setDown(false)
		}
		hb := windowHB(sec, apps(sec))
		want = applyHeartbeat(want, hb, pulse)
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
	if got, w := fmtStored(fake.events(bucket.ID)), fmtStored(want); got != w {
		t.Errorf("stored\n%s\nwant\n%s", got, w)
	}
}

func TestHTTPSinkRecreatesLostBucket(t *testing.T) {
	ctx := context.Background()
	fake, srv := newFakeAW(t)
	sink := NewHTTPSink(srv.URL, openQueue(t, filepath.Join(t.TempDir(), "q"), 0), HTTPSinkOptions{})
	b := attnflow.Bucket{ID: "b", Type: "t", Client: "c", Hostname: "h"}
	if err := sink.EnsureBucket(ctx, b); err != nil {
		t.Fatal(err)
	}
	fake.mu.Lock()
	delete(fake.buckets, "b") // the server was reset
	fake.mu.Unlock()
	if err := sink.Insert(ctx, "b", []attnflow.Event{windowHB(1, "x")}); err != nil {
		t.Fatalf("Insert after reset: %v", err)
	}
	if n := len(fake.events("b")); n != 1 {
		t.Errorf("stored %d events, want 1", n)
	}
}

func TestQueueBoundDropsOldest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q")
	q := openQueue(t, path, 3)
	for i := range 5 {
		if err := q.Push(Op{Kind: OpInsert, BucketID: "b", Events: []attnflow.Event{windowHB(i, "a")}}); err != nil {
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
		if err := q.Push(Op{Kind: OpInsert, BucketID: "b", Events: []attnflow.Event{windowHB(i, "a")}}); err != nil {
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
