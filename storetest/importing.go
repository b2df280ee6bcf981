package storetest

import (
	"testing"

	"github.com/attnflow/attnflow"
)

var importTests = []test{
	{"SkipsDuplicates", testImportDedup},
	{"DataEqualityIgnoresFormat", testImportDataEquality},
	{"IgnoresIDs", testImportIgnoresIDs},
	{"AllOrNothing", testImportAllOrNothing},
}

func testImportDedup(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	e1, e2, e3 := ev(0, 5, app("a")), ev(10, 5, app("b")), ev(20, 5, app("c"))
	insert(t, s, "b", e1)
	cases := []struct {
		name string
		in   []attnflow.Event
		want int
	}{
		{"new, existing and repeated", []attnflow.Event{e1, e2, e2, e3, e2}, 2},
		{"again", []attnflow.Event{e1, e2, e3}, 0},
		{"same start, other duration", []attnflow.Event{ev(0, 6, app("a"))}, 1},
		{"same span, other data", []attnflow.Event{ev(0, 5, app("z"))}, 1},
		{"empty", nil, 0},
	}
	total := 1
	for _, tc := range cases {
		n, err := s.ImportEvents(ctx(t), "b", tc.in)
		if err != nil {
			t.Fatalf("ImportEvents(%s): %v", tc.name, err)
		}
		if n != tc.want {
			t.Fatalf("ImportEvents(%s) inserted %d, want %d", tc.name, n, tc.want)
		}
		total += n
		if c := count(t, s, "b", attnflow.TimeRange{}); c != total {
			t.Fatalf("after ImportEvents(%s), %d events, want %d", tc.name, c, total)
		}
	}
}

func testImportDataEquality(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	insert(t, s, "b", ev(0, 5, attnflow.Data{"a": 1, "b": "x", "c": map[string]any{"y": 2, "z": 1.5}}))
	dup := ev(0, 5, attnflow.Data{"c": map[string]any{"z": 1.5, "y": 2.0}, "b": "x", "a": 1.0})
	n, err := s.ImportEvents(ctx(t), "b", []attnflow.Event{dup})
	if err != nil {
		t.Fatalf("ImportEvents: %v", err)
	}
	if n != 0 {
		t.Fatalf("ImportEvents of an event differing only in key order and 1 vs 1.0 inserted %d, want 0", n)
	}
}

func testImportIgnoresIDs(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	got := insert(t, s, "b", ev(0, 5, app("a")))
	other := ev(50, 5, app("other"))
	other.ID = got[0].ID
	n, err := s.ImportEvents(ctx(t), "b", []attnflow.Event{other})
	if err != nil || n != 1 {
		t.Fatalf("ImportEvents = %d, %v; want 1, nil", n, err)
	}
	wantEvent(t, "event whose id the import carried", getEvent(t, s, "b", got[0].ID), got[0])
	if c := count(t, s, "b", attnflow.TimeRange{}); c != 2 {
		t.Fatalf("after import, %d events, want 2", c)
	}
}

func testImportAllOrNothing(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	bad := []attnflow.Event{ev(0, 5, app("a")), {Timestamp: at(1), Duration: -1, Data: app("b")}}
	_, err := s.ImportEvents(ctx(t), "b", bad)
	wantCode(t, "ImportEvents with a bad event", err, attnflow.EINVALID)
	if c := count(t, s, "b", attnflow.TimeRange{}); c != 0 {
		t.Fatalf("after a rejected import, %d events, want 0", c)
	}
}
