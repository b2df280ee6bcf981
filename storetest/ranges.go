package storetest

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

var rangeTests = []test{
	{"InclusiveOverlap", testInclusiveOverlap},
	{"LongEventsCoverRange", testLongEvents},
	{"CountMatchesEvents", testCountMatchesEvents},
}

func span(start, end float64) attnflow.TimeRange {
	return attnflow.TimeRange{Start: at(start), End: at(end)}
}

// testInclusiveOverlap: events are selected when end >= range start and
// start <= range end, and come back unclipped.
func testInclusiveOverlap(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	got := insert(t, s, "b", ev(10, 10, app("a")), ev(40, 0, app("point")))
	a, point := got[0], got[1]
	cases := []struct {
		name string
		r    attnflow.TimeRange
		want []attnflow.Event
	}{
		{"open", attnflow.TimeRange{}, []attnflow.Event{point, a}},
		{"covers a", span(0, 30), []attnflow.Event{a}},
		{"inside a, unclipped", span(12, 13), []attnflow.Event{a}},
		{"starts at a's end", span(20, 30), []attnflow.Event{a}},
		{"ends at a's start", span(0, 10), []attnflow.Event{a}},
		{"just after a", span(20.001, 30), nil},
		{"just before a", span(0, 9.999), nil},
		{"point exactly", span(40, 40), []attnflow.Event{point}},
		{"both", span(15, 40), []attnflow.Event{point, a}},
		{"open start", attnflow.TimeRange{End: at(10)}, []attnflow.Event{a}},
		{"open end", attnflow.TimeRange{Start: at(20)}, []attnflow.Event{point, a}},
		{"open end after all", attnflow.TimeRange{Start: at(40.001)}, nil},
		{"far past", span(-1e6, -1e5), nil},
	}
	for _, tc := range cases {
		f := attnflow.EventFilter{Range: tc.r, Limit: -1}
		wantEvents(t, "Events in range "+tc.name, events(t, s, "b", f), tc.want)
		if n := count(t, s, "b", tc.r); n != len(tc.want) {
			t.Fatalf("CountEvents in range %s = %d, want %d", tc.name, n, len(tc.want))
		}
	}
}

// testLongEvents: an event that began long before a range but still runs
// into it is selected, however it got its length (insert, replace,
// heartbeat merges, import).
func testLongEvents(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	day := 24 * time.Hour.Seconds()
	got := insert(t, s, "b", ev(-3*day, 3*day+5, app("long")), ev(0, 1, app("short")))
	wantEvents(t, "events overlapping a range inside a long event", events(t, s, "b",
		attnflow.EventFilter{Range: span(2, 3), Limit: -1}), got[:1])

	// A heartbeat series grows one event to hours, 30 s at a time.
	var last attnflow.Event
	for x := 100.0; x <= 100+4*3600; x += 30 {
		last = heartbeat(t, s, "b", ev(x, 0, app("afk")), sec(45))
	}
	want := ev(100, 4*3600, app("afk"))
	want.ID = last.ID
	wantEvent(t, "event grown by heartbeats", getEvent(t, s, "b", last.ID), want)
	r := span(100+4*3600-1, 100+4*3600+1e6)
	wantEvents(t, "range at the end of a grown event", events(t, s, "b", attnflow.EventFilter{Range: r, Limit: -1}),
		[]attnflow.Event{want})

	n, err := s.ImportEvents(ctx(t), "b", []attnflow.Event{ev(-40*day, 39*day, app("imported"))})
	if err != nil || n != 1 {
		t.Fatalf("ImportEvents = %d, %v; want 1, nil", n, err)
	}
	if c := count(t, s, "b", span(-1.5*day, -1.5*day)); c != 2 {
		t.Fatalf("CountEvents at a point covered by two long events = %d, want 2", c)
	}
}

func testCountMatchesEvents(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	var in []attnflow.Event
	for i := range 50 {
		in = append(in, ev(float64(i*7%50), float64(i%4), app(string(rune('a'+i%5)))))
	}
	insert(t, s, "b", in...)
	for _, r := range []attnflow.TimeRange{{}, span(0, 10), span(10, 10), span(13.5, 30), span(49, 100), span(-5, -1)} {
		want := len(events(t, s, "b", attnflow.EventFilter{Range: r, Limit: -1}))
		if got := count(t, s, "b", r); got != want {
			t.Fatalf("CountEvents(%v) = %d, want %d (as many as Events returns)", r, got, want)
		}
	}
}
