// Package storetest is the conformance suite for attnflow.Store: every
// backend (SQLite now, PostgreSQL later) runs RunSuite from its tests and
// must pass it unchanged.
//
//	func TestStore(t *testing.T) {
//		storetest.RunSuite(t, func(t *testing.T) attnflow.Store { ... })
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// RunSuite runs every conformance test against stores made by open, which
// must return a new, empty store and register its closing with t.Cleanup.
// Each subtest gets a fresh store.
func RunSuite(t *testing.T, open func(t *testing.T) attnflow.Store) {
	groups := []struct {
		name  string
		tests []test
	}{
		{"Buckets", bucketTests},
		{"Events", eventTests},
		{"Ranges", rangeTests},
		{"Import", importTests},
		{"Settings", settingTests},
		{"Heartbeat", heartbeatTests},
		{"HeartbeatCache", cacheTests},
		{"Concurrency", concurrencyTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, tc := range g.tests {
				t.Run(tc.name, func(t *testing.T) {
					tc.run(t, open(t))
				})
			}
		})
	}
}

type test struct {
	name string
	run  func(t *testing.T, s attnflow.Store)
}

// t0 is the base time of every test event.
var t0 = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

// all selects every event of a bucket.
var all = attnflow.EventFilter{Limit: -1}

func ctx(t *testing.T) context.Context {
	t.Helper()
	return t.Context()
}

// at returns t0 plus secs seconds.
func at(secs float64) time.Time {
	return t0.Add(time.Duration(secs * float64(time.Second)))
}

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// ev builds an event starting secs after t0 lasting dur seconds.
func ev(secs, dur float64, data attnflow.Data) attnflow.Event {
	return attnflow.Event{Timestamp: at(secs), Duration: sec(dur), Data: data}
}

func app(name string) attnflow.Data { return attnflow.Data{"app": name} }

func createBucket(t *testing.T, s attnflow.Store, id string) {
	t.Helper()
	err := s.CreateBucket(ctx(t), attnflow.Bucket{ID: id, Type: "currentwindow", Client: "storetest", Hostname: "host"})
	if err != nil {
		t.Fatalf("CreateBucket(%q): %v", id, err)
	}
}

func insert(t *testing.T, s attnflow.Store, bucket string, events ...attnflow.Event) []attnflow.Event {
	t.Helper()
	got, err := s.InsertEvents(ctx(t), bucket, events)
	if err != nil {
		t.Fatalf("InsertEvents(%q, %d events): %v", bucket, len(events), err)
	}
	if len(got) != len(events) {
		t.Fatalf("InsertEvents returned %d events, want %d", len(got), len(events))
	}
	return got
}

func events(t *testing.T, s attnflow.Store, bucket string, f attnflow.EventFilter) []attnflow.Event {
	t.Helper()
	got, err := s.Events(ctx(t), bucket, f)
	if err != nil {
		t.Fatalf("Events(%q, %+v): %v", bucket, f, err)
	}
	return got
}

func count(t *testing.T, s attnflow.Store, bucket string, r attnflow.TimeRange) int {
	t.Helper()
	n, err := s.CountEvents(ctx(t), bucket, r)
	if err != nil {
		t.Fatalf("CountEvents(%q): %v", bucket, err)
	}
	return n
}

func heartbeat(t *testing.T, s attnflow.Store, bucket string, hb attnflow.Event, pulse time.Duration) attnflow.Event {
	t.Helper()
	got, err := s.Heartbeat(ctx(t), bucket, hb, pulse)
	if err != nil {
		t.Fatalf("Heartbeat(%q, %s): %v", bucket, fmtEvent(hb), err)
	}
	if got.ID <= 0 {
		t.Fatalf("Heartbeat(%q, %s) returned id %d, want a stored id", bucket, fmtEvent(hb), got.ID)
	}
	return got
}

// wantCode fails unless err carries the domain code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: got no error, want code %s", what, code)
	}
	if got := attnflow.ErrorCode(err); got != code {
		t.Fatalf("%s: got error %v (code %s), want code %s", what, err, got, code)
	}
	var e *attnflow.Error
	if errors.As(err, &e) && strings.TrimSpace(e.Message) == "" {
		t.Fatalf("%s: error with code %s has an empty message", what, code)
	}
}

func fmtEvent(e attnflow.Event) string {
	return fmt.Sprintf("{id %d %s +%v %s}", e.ID, e.Timestamp.Sub(t0), e.Duration, e.Data.Canonical())
}

func fmtEvents(es []attnflow.Event) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = fmtEvent(e)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// sameEvent compares id, time (to the instant), duration and data (as JSON).
func sameEvent(a, b attnflow.Event) bool {
	return a.ID == b.ID && a.Timestamp.Equal(b.Timestamp) && a.Duration == b.Duration && a.Data.Equal(b.Data)
}

func wantEvent(t *testing.T, what string, got, want attnflow.Event) {
	t.Helper()
	if !sameEvent(got, want) {
		t.Fatalf("%s: got %s, want %s", what, fmtEvent(got), fmtEvent(want))
	}
}

func wantEvents(t *testing.T, what string, got, want []attnflow.Event) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = sameEvent(got[i], want[i])
	}
	if !ok {
		t.Fatalf("%s:\n got  %s\n want %s", what, fmtEvents(got), fmtEvents(want))
	}
}

func getEvent(t *testing.T, s attnflow.Store, bucket string, id int64) attnflow.Event {
	t.Helper()
	e, err := s.Event(ctx(t), bucket, id)
	if err != nil {
		t.Fatalf("Event(%q, %d): %v", bucket, id, err)
	}
	return e
}
