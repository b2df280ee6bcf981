package storetest

import (
	"strconv"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

var eventTests = []test{
	{"InsertReturnsIDs", testInsertReturnsIDs},
	{"InsertAllOrNothing", testInsertAllOrNothing},
	{"ReplaceByID", testReplaceByID},
	{"InsertWithNewID", testInsertWithNewID},
	{"ReplaceIDOfOtherBucket", testReplaceOtherBucket},
	{"OrderNewestFirstTiesByInsertion", testOrdering},
	{"Limits", testLimits},
	{"GetAndDelete", testGetAndDelete},
	{"DeleteInOtherBucket", testDeleteOtherBucket},
	{"TimePrecision", testTimePrecision},
	{"DataRoundTrip", testDataRoundTrip},
	{"ReturnedDataNotShared", testDataNotShared},
}

func testInsertReturnsIDs(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	in := []attnflow.Event{ev(0, 1, app("a")), ev(5, 2, app("b")), ev(5, 2, app("b"))}
	got := insert(t, s, "b", in...)
	seen := map[int64]bool{}
	for i, e := range got {
		if e.ID <= 0 || seen[e.ID] {
			t.Fatalf("InsertEvents ids %s: want distinct positive ids", fmtEvents(got))
		}
		seen[e.ID] = true
		want := in[i]
		want.ID = e.ID
		wantEvent(t, "InsertEvents result", e, want)
		wantEvent(t, "Event after insert", getEvent(t, s, "b", e.ID), want)
	}
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 3 {
		t.Fatalf("CountEvents = %d, want 3 (equal events are kept apart)", n)
	}
	none, err := s.InsertEvents(ctx(t), "b", nil)
	if err != nil || len(none) != 0 {
		t.Fatalf("InsertEvents(nil) = %v, %v; want no events, no error", none, err)
	}
}

func testInsertAllOrNothing(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	existing := insert(t, s, "b", ev(-10, 1, app("old")))
	bad := []struct {
		name   string
		events []attnflow.Event
	}{
		{"negative duration last", []attnflow.Event{ev(0, 1, app("a")), ev(1, 1, app("b")), {Timestamp: at(2), Duration: -time.Second, Data: app("c")}}},
		{"negative duration first", []attnflow.Event{{Timestamp: at(2), Duration: -1, Data: app("c")}, ev(0, 1, app("a"))}},
		{"zero timestamp", []attnflow.Event{ev(0, 1, app("a")), {Duration: time.Second, Data: app("c")}}},
		{"unencodable data", []attnflow.Event{ev(0, 1, app("a")), ev(1, 1, attnflow.Data{"f": func() {}})}},
	}
	for _, tc := range bad {
		_, err := s.InsertEvents(ctx(t), "b", tc.events)
		wantCode(t, "InsertEvents with "+tc.name, err, attnflow.EINVALID)
		wantEvents(t, "events after a rejected batch ("+tc.name+")", events(t, s, "b", all), existing)
	}
}

func testReplaceByID(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	orig := insert(t, s, "b", ev(0, 1, app("a")), ev(10, 1, app("b")))
	repl := ev(20, 3, app("replaced"))
	repl.ID = orig[0].ID
	got := insert(t, s, "b", repl)
	wantEvent(t, "InsertEvents result of a replace", got[0], repl)
	wantEvent(t, "Event after replace", getEvent(t, s, "b", repl.ID), repl)
	wantEvents(t, "Events after replace", events(t, s, "b", all), []attnflow.Event{repl, orig[1]})
}

func testInsertWithNewID(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	e := ev(0, 1, app("a"))
	e.ID = 1 << 40
	got := insert(t, s, "b", e)
	wantEvent(t, "InsertEvents with an unused id", got[0], e)
	wantEvent(t, "Event by the given id", getEvent(t, s, "b", e.ID), e)
	next := insert(t, s, "b", ev(1, 1, app("b")))
	if next[0].ID == e.ID {
		t.Fatalf("a later insert reused id %d", e.ID)
	}
}

// testReplaceOtherBucket: an id that belongs to another bucket is not
// taken over: the batch fails with ECONFLICT and changes nothing.
func testReplaceOtherBucket(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "a")
	createBucket(t, s, "b")
	theirs := insert(t, s, "a", ev(0, 1, app("theirs")))[0]
	steal := ev(5, 1, app("mine"))
	steal.ID = theirs.ID
	_, err := s.InsertEvents(ctx(t), "b", []attnflow.Event{ev(1, 1, app("ok")), steal})
	wantCode(t, "InsertEvents with another bucket's event id", err, attnflow.ECONFLICT)
	wantEvent(t, "the other bucket's event", getEvent(t, s, "a", theirs.ID), theirs)
	if n := count(t, s, "b", attnflow.TimeRange{}); n != 0 {
		t.Fatalf("after the failed batch, bucket b has %d events, want 0", n)
	}
}

func testOrdering(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	a := insert(t, s, "b", ev(10, 1, app("a1")), ev(30, 1, app("tie1")), ev(20, 1, app("a2")))
	b := insert(t, s, "b", ev(30, 5, app("tie2")), ev(5, 1, app("a3")))
	c := insert(t, s, "b", ev(30, 0, app("tie3")))
	want := []attnflow.Event{a[1], b[0], c[0], a[2], a[0], b[1]}
	wantEvents(t, "Events order", events(t, s, "b", all), want)
	wantEvents(t, "Events order with limit 2", events(t, s, "b", attnflow.EventFilter{Limit: 2}), want[:2])
}

func testLimits(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	got := insert(t, s, "b", ev(0, 1, app("a")), ev(10, 1, app("b")), ev(20, 1, app("c")))
	newest := []attnflow.Event{got[2], got[1], got[0]}
	for _, tc := range []struct {
		limit int
		want  []attnflow.Event
	}{
		{-1, newest}, {-100, newest}, {0, nil}, {1, newest[:1]}, {2, newest[:2]}, {3, newest}, {50, newest},
	} {
		res := events(t, s, "b", attnflow.EventFilter{Limit: tc.limit})
		wantEvents(t, "Events with limit "+strconv.Itoa(tc.limit), res, tc.want)
		if res == nil {
			t.Fatalf("Events with limit %d returned nil, want an empty slice", tc.limit)
		}
	}
}

func testGetAndDelete(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	got := insert(t, s, "b", ev(0, 1, app("a")), ev(10, 1, app("b")))
	if err := s.DeleteEvent(ctx(t), "b", got[0].ID); err != nil {
		t.Fatalf("DeleteEvent: %v", err)
	}
	_, err := s.Event(ctx(t), "b", got[0].ID)
	wantCode(t, "Event after delete", err, attnflow.ENOTFOUND)
	wantCode(t, "DeleteEvent twice", s.DeleteEvent(ctx(t), "b", got[0].ID), attnflow.ENOTFOUND)
	wantCode(t, "DeleteEvent of an id never used", s.DeleteEvent(ctx(t), "b", 987654321), attnflow.ENOTFOUND)
	_, err = s.Event(ctx(t), "b", 987654321)
	wantCode(t, "Event of an id never used", err, attnflow.ENOTFOUND)
	wantEvents(t, "Events after delete", events(t, s, "b", all), got[1:])
}

func testDeleteOtherBucket(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "a")
	createBucket(t, s, "b")
	got := insert(t, s, "a", ev(0, 1, app("x")))
	wantCode(t, "DeleteEvent through another bucket", s.DeleteEvent(ctx(t), "b", got[0].ID), attnflow.ENOTFOUND)
	_, err := s.Event(ctx(t), "b", got[0].ID)
	wantCode(t, "Event through another bucket", err, attnflow.ENOTFOUND)
	wantEvent(t, "event still in its bucket", getEvent(t, s, "a", got[0].ID), got[0])
}

func testTimePrecision(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	ms := attnflow.Event{Timestamp: t0.Add(123 * time.Millisecond), Duration: 1500 * time.Millisecond, Data: app("ms")}
	fine := attnflow.Event{Timestamp: t0.Add(time.Minute + 123456789), Duration: 987654321, Data: app("ns")}
	got := insert(t, s, "b", ms, fine)
	e := getEvent(t, s, "b", got[0].ID)
	ms.ID = got[0].ID
	wantEvent(t, "millisecond timestamp round trip", e, ms)
	if e.Timestamp.Location() != time.UTC {
		t.Fatalf("Timestamp location = %v, want UTC", e.Timestamp.Location())
	}
	f := getEvent(t, s, "b", got[1].ID)
	if d := f.Timestamp.Sub(fine.Timestamp).Abs(); d >= time.Millisecond {
		t.Fatalf("sub-millisecond timestamp came back %v off", d)
	}
	if d := (f.Duration - fine.Duration).Abs(); d >= time.Millisecond {
		t.Fatalf("sub-millisecond duration came back %v off", d)
	}
}

func testDataRoundTrip(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	cases := []attnflow.Data{
		{"app": "Терминал", "title": "日本語のタイトル — émoji 🎉 and \"quotes\" <tags> & \\ \u2028"},
		{"n": 1.0, "neg": -2.5, "big": 1e300, "bool": true, "null": nil},
		{"nested": map[string]any{"list": []any{1.0, "two", map[string]any{"x": false}}}},
		{},
		nil,
	}
	for _, d := range cases {
		got := insert(t, s, "b", ev(0, 1, d))
		back := getEvent(t, s, "b", got[0].ID)
		if !back.Data.Equal(d) {
			t.Fatalf("data round trip: got %s, want %s", back.Data.Canonical(), d.Canonical())
		}
		if back.Data == nil {
			t.Fatalf("data round trip of %s: got nil Data, want an empty object", d.Canonical())
		}
	}
}

// testDataNotShared: events with equal data come back with their own
// values, so that a caller changing one (e.g. adding a category) does not
// change another.
func testDataNotShared(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	data := func() attnflow.Data {
		return attnflow.Data{"app": "x", "nested": map[string]any{"k": "v"}, "list": []any{"a"}}
	}
	insert(t, s, "b", ev(0, 1, data()), ev(5, 1, data()))
	got := events(t, s, "b", all)
	if len(got) != 2 {
		t.Fatalf("got %d events, want 2", len(got))
	}
	got[0].Data["$category"] = "changed"
	got[0].Data["nested"].(map[string]any)["k"] = "changed"
	got[0].Data["list"].([]any)[0] = "changed"
	if !got[1].Data.Equal(data()) {
		t.Fatalf("changing one event's data changed another's: %s", got[1].Data.Canonical())
	}
	if again := events(t, s, "b", all); !again[0].Data.Equal(data()) {
		t.Fatalf("changing returned data changed the store: %s", again[0].Data.Canonical())
	}
}
