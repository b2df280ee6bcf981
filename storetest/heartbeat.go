package storetest

import (
	"testing"

	"github.com/attnflow/attnflow"
)

var heartbeatTests = []test{
	{"MergeRule", testHeartbeatRule},
	{"PastHeartbeatKeepsNewestLast", testPastHeartbeatKeepsLast},
	{"Invalid", testHeartbeatInvalid},
}

type heartbeatCase struct {
	name  string
	prior []attnflow.Event // stored before, in this order
	hb    attnflow.Event
	pulse float64
	// into is the index in prior of the event hb merges into, or -1 when
	// hb must be stored as a new event.
	into int
	want attnflow.Event // the stored result, without id
}

var (
	dataA = app("a")
	dataB = app("b")
)

var heartbeatCases = []heartbeatCase{
	{"no last event", nil, ev(0, 0, dataA), 5, -1, ev(0, 0, dataA)},
	{"same data within pulsetime", []attnflow.Event{ev(0, 10, dataA)}, ev(12, 0, dataA), 5, 0, ev(0, 12, dataA)},
	{"different data", []attnflow.Event{ev(0, 10, dataA)}, ev(12, 0, dataB), 5, -1, ev(12, 0, dataB)},
	{"past timestamp", []attnflow.Event{ev(10, 5, dataA)}, ev(5, 1, dataA), 60, -1, ev(5, 1, dataA)},
	{"equal timestamps", []attnflow.Event{ev(0, 10, dataA)}, ev(0, 0, dataA), 5, 0, ev(0, 10, dataA)},
	{"equal timestamps, longer", []attnflow.Event{ev(0, 10, dataA)}, ev(0, 20, dataA), 5, 0, ev(0, 20, dataA)},
	{"equal timestamps, other data", []attnflow.Event{ev(0, 10, dataA)}, ev(0, 3, dataB), 5, -1, ev(0, 3, dataB)},
	{"gap exactly pulsetime", []attnflow.Event{ev(0, 10, dataA)}, ev(15, 0, dataA), 5, 0, ev(0, 15, dataA)},
	{"gap just beyond pulsetime", []attnflow.Event{ev(0, 10, dataA)}, ev(15.001, 0, dataA), 5, -1, ev(15.001, 0, dataA)},
	{"zero pulsetime, touching", []attnflow.Event{ev(0, 10, dataA)}, ev(10, 2, dataA), 0, 0, ev(0, 12, dataA)},
	{"zero pulsetime, gap", []attnflow.Event{ev(0, 10, dataA)}, ev(10.5, 2, dataA), 0, -1, ev(10.5, 2, dataA)},
	{"pre-merged, overlapping", []attnflow.Event{ev(0, 10, dataA)}, ev(5, 20, dataA), 1, 0, ev(0, 25, dataA)},
	{"pre-merged, inside", []attnflow.Event{ev(0, 10, dataA)}, ev(2, 3, dataA), 1, 0, ev(0, 10, dataA)},
	{"pre-merged, after a gap within pulsetime", []attnflow.Event{ev(0, 10, dataA)}, ev(13, 7, dataA), 5, 0, ev(0, 20, dataA)},
	{"pre-merged, after a gap beyond pulsetime", []attnflow.Event{ev(0, 10, dataA)}, ev(16, 7, dataA), 5, -1, ev(16, 7, dataA)},
	{"1 equals 1.0, key order ignored",
		[]attnflow.Event{ev(0, 10, attnflow.Data{"a": 1, "b": "x"})},
		ev(11, 0, attnflow.Data{"b": "x", "a": 1.0}), 5, 0, ev(0, 11, attnflow.Data{"a": 1, "b": "x"})},
	{"nested data equal",
		[]attnflow.Event{ev(0, 10, attnflow.Data{"app": "x", "tags": []any{1.0, "t"}})},
		ev(10, 0, attnflow.Data{"tags": []any{1, "t"}, "app": "x"}), 0, 0, ev(0, 10, attnflow.Data{"app": "x", "tags": []any{1, "t"}})},
	{"last is the newest, not an older one with the same data",
		[]attnflow.Event{ev(0, 10, dataA), ev(20, 5, dataB)}, ev(26, 0, dataA), 10, -1, ev(26, 0, dataA)},
	{"last is the greatest timestamp, not the last stored",
		[]attnflow.Event{ev(50, 5, dataA), ev(0, 10, dataB)}, ev(56, 0, dataA), 5, 0, ev(50, 6, dataA)},
	{"equal timestamps: last is the later stored",
		[]attnflow.Event{ev(0, 10, dataA), ev(0, 10, dataB)}, ev(12, 0, dataB), 5, 1, ev(0, 12, dataB)},
}

// testHeartbeatRule runs every case twice: with the prior events inserted
// (the store must load the last event) and sent as heartbeats (the store
// may have it cached).
func testHeartbeatRule(t *testing.T, s attnflow.Store) {
	for i, tc := range heartbeatCases {
		for _, mode := range []string{"inserted", "heartbeats"} {
			bucket := "hb-" + mode + "-" + string(rune('a'+i))
			createBucket(t, s, bucket)
			var prior []attnflow.Event
			if mode == "inserted" && len(tc.prior) > 0 {
				prior = insert(t, s, bucket, tc.prior...)
			} else {
				for _, p := range tc.prior {
					prior = append(prior, heartbeat(t, s, bucket, p, 0))
				}
			}
			got := heartbeat(t, s, bucket, tc.hb, sec(tc.pulse))
			want := tc.want
			wantCount := len(tc.prior)
			if tc.into >= 0 {
				want.ID = prior[tc.into].ID
			} else {
				want.ID = got.ID
				wantCount++
				for _, p := range prior {
					if p.ID == got.ID {
						t.Fatalf("%s (%s): new event got the id %d of an existing one", tc.name, mode, got.ID)
					}
				}
			}
			what := tc.name + " (" + mode + ")"
			wantEvent(t, what+": Heartbeat result", got, want)
			wantEvent(t, what+": stored event", getEvent(t, s, bucket, got.ID), want)
			if n := count(t, s, bucket, attnflow.TimeRange{}); n != wantCount {
				t.Fatalf("%s: %d events stored, want %d: %s", what, n, wantCount, fmtEvents(events(t, s, bucket, all)))
			}
		}
	}
}

// testPastHeartbeatKeepsLast: a heartbeat from the past is stored apart
// and the next current heartbeat still merges into the newest event.
func testPastHeartbeatKeepsLast(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	first := heartbeat(t, s, "b", ev(100, 0, dataA), sec(5))
	heartbeat(t, s, "b", ev(104, 0, dataA), sec(5))
	past := heartbeat(t, s, "b", ev(50, 1, dataA), sec(5))
	if past.ID == first.ID {
		t.Fatalf("a past heartbeat merged into event %d", first.ID)
	}
	got := heartbeat(t, s, "b", ev(108, 0, dataA), sec(5))
	want := ev(100, 8, dataA)
	want.ID = first.ID
	wantEvent(t, "heartbeat after a past one", got, want)
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
}

func testHeartbeatInvalid(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	_, err := s.Heartbeat(ctx(t), "b", attnflow.Event{Timestamp: at(0), Duration: -1, Data: dataA}, sec(5))
	wantCode(t, "Heartbeat with a negative duration", err, attnflow.EINVALID)
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 0 {
		t.Fatalf("after an invalid heartbeat, %d events, want 0", n)
	}
}
