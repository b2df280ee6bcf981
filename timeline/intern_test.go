package timeline_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// sameMap reports whether a and b are one map.
func sameMap(a, b attnflow.Data) bool { return timeline.SameData(a, b) }

func TestInternerSharesIdenticalMaps(t *testing.T) {
	t.Parallel()
	negZero := math.Copysign(0, -1)
	tests := []struct {
		name      string
		a, b      attnflow.Data
		shared    bool // b comes back as a's map
		distinct  bool // Distinct() afterwards
		mapsEqual bool // DataEqual(a, b), for the record
	}{
		{"equal strings", attnflow.Data{"app": "x", "title": "y"}, attnflow.Data{"title": "y", "app": "x"}, true, true, true},
		{"different value", attnflow.Data{"app": "x"}, attnflow.Data{"app": "y"}, false, true, false},
		{"extra key", attnflow.Data{"app": "x"}, attnflow.Data{"app": "x", "title": ""}, false, true, false},
		{"numbers and bools", attnflow.Data{"n": 3.5, "b": true, "z": nil}, attnflow.Data{"n": 3.5, "b": true, "z": nil}, true, true, true},
		{"nested", attnflow.Data{"l": []any{"a", 1.0, map[string]any{"k": "v"}}}, attnflow.Data{"l": []any{"a", 1.0, map[string]any{"k": "v"}}}, true, true, true},
		{"nested differs", attnflow.Data{"l": []any{"a", 1.0}}, attnflow.Data{"l": []any{"a", 2.0}}, false, true, false},
		// Twins: equal under DataEqual, not identical. They keep their own
		// maps (the JSON differs or the Go type does) and Distinct turns false.
		{"int and float", attnflow.Data{"n": int64(1)}, attnflow.Data{"n": 1.0}, false, false, true},
		{"zero and minus zero", attnflow.Data{"n": 0.0}, attnflow.Data{"n": negZero}, false, false, true},
		// NaN is never equal, not even to itself in another map: never shared.
		{"NaN", attnflow.Data{"n": math.NaN()}, attnflow.Data{"n": math.NaN()}, false, true, false},
		{"foreign type", attnflow.Data{"t": time.Second}, attnflow.Data{"t": time.Second}, false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := timeline.NewInterner()
			a, b := in.Data(tc.a), in.Data(tc.b)
			if !sameMap(a, tc.a) {
				t.Fatalf("the first map was replaced")
			}
			if got := sameMap(b, tc.a); got != tc.shared {
				t.Errorf("b shares a's map = %v, want %v", got, tc.shared)
			}
			if !tc.shared && !sameMap(b, tc.b) {
				t.Errorf("b was replaced by another map")
			}
			if got := in.Distinct(); got != tc.distinct {
				t.Errorf("Distinct() = %v, want %v", got, tc.distinct)
			}
			if got := timeline.DataEqual(tc.a, tc.b); got != tc.mapsEqual {
				t.Errorf("DataEqual = %v, want %v", got, tc.mapsEqual)
			}
		})
	}
}

// TestInternerRandom interns random maps (fresh maps per event, varying key
// sets) and checks that equal maps end up shared, different ones apart,
// that inputs are never written to, and that the identity fast path for
// an already shared map gives the same answer.
func TestInternerRandom(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	apps := []string{"a", "b", "c"}
	make1 := func() attnflow.Data {
		d := attnflow.Data{"app": apps[r.IntN(len(apps))]}
		if r.IntN(3) > 0 {
			d["title"] = apps[r.IntN(len(apps))] + "!"
		}
		if r.IntN(4) == 0 {
			d["n"] = float64(r.IntN(2))
		}
		return d
	}
	events := make([]attnflow.Event, 3000)
	for i := range events {
		events[i] = attnflow.Event{Timestamp: base.Add(time.Duration(i) * time.Second), Duration: time.Second, Data: make1()}
		if i > 0 && r.IntN(5) == 0 {
			events[i].Data = events[i-1].Data // already shared
		}
	}
	before := snapshot(t, events)
	orig := slices.Clone(events)
	in := timeline.NewInterner()
	in.Intern(events)
	if after := snapshot(t, orig); after != before {
		t.Fatal("interning wrote to an input map")
	}
	if got := snapshot(t, events); got != before {
		t.Fatalf("interned events differ from the input")
	}
	byContent := map[string]attnflow.Data{}
	for _, e := range events {
		k := string(e.Data.Canonical())
		if m, ok := byContent[k]; ok && !sameMap(m, e.Data) {
			t.Fatalf("equal data %s in two maps", k)
		}
		byContent[k] = e.Data
	}
	if in.Len() != len(byContent) || !in.Distinct() {
		t.Errorf("Len() = %d, Distinct() = %v, want %d, true", in.Len(), in.Distinct(), len(byContent))
	}
}

// shift moves events by d.
func shift(events []attnflow.Event, d time.Duration) []attnflow.Event {
	out := slices.Clone(events)
	for i := range out {
		out[i].Timestamp = out[i].Timestamp.Add(d)
	}
	return out
}

// TestFastPathsMatchTimePaths runs intersect, union and flood on random
// events once near today (the nanosecond fast paths) and once 200 years
// later (outside their range: the time.Time paths), and compares.
func TestFastPathsMatchTimePaths(t *testing.T) {
	t.Parallel()
	const far = 200 * 365 * 24 * time.Hour
	ops := map[string]func(a, b []attnflow.Event) []attnflow.Event{
		"intersect": timeline.FilterPeriodIntersect,
		"union":     timeline.UnionNoOverlap,
		"flood": func(a, _ []attnflow.Event) []attnflow.Event {
			return timeline.Flood(a, 5*time.Second, timeline.FloodMidpoint)
		},
		"floodOwned": func(a, _ []attnflow.Event) []attnflow.Event {
			return timeline.FloodOwned(slices.Clone(a), 5*time.Second, timeline.FloodMidpoint, timeline.DataEqual)
		},
		"floodSame": func(a, _ []attnflow.Event) []attnflow.Event {
			in := timeline.NewInterner()
			a = slices.Clone(a)
			in.Intern(a)
			return timeline.FloodWith(a, 5*time.Second, timeline.FloodMidpoint, timeline.SameData)
		},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for round := range 300 {
		a, b := randomEvents(r, 1+r.IntN(40)), randomEvents(r, r.IntN(40))
		if round%2 == 0 {
			a, b = timeline.SortByTimestamp(a), timeline.SortByTimestamp(b)
		}
		for name, op := range ops {
			fast := snapshot(t, op(a, b))
			slow := snapshot(t, shift(op(shift(a, far), shift(b, far)), -far))
			if fast != slow {
				t.Fatalf("round %d, %s: fast path\n%s\ntime path\n%s", round, name, fast, slow)
			}
		}
	}
}

// TestSortTwoRuns sorts concatenations of two sorted lists (merged in
// linear time) and compares with a stable sort.
func TestSortTwoRuns(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 9))
	for range 200 {
		a := timeline.SortByTimestamp(randomEvents(r, r.IntN(30)))
		b := timeline.SortByTimestamp(randomEvents(r, r.IntN(30)))
		for i := range b { // ties with a, told apart by their data
			b[i].Data = attnflow.Data{"from": "b", "i": float64(i)}
		}
		in := timeline.Concat(a, b)
		want := slices.Clone(in)
		slices.SortStableFunc(want, func(x, y attnflow.Event) int { return x.Timestamp.Compare(y.Timestamp) })
		before := snapshot(t, in)
		if got, w := snapshot(t, timeline.SortByTimestamp(in)), snapshot(t, want); got != w {
			t.Fatalf("got\n%s\nwant\n%s", got, w)
		}
		if snapshot(t, in) != before {
			t.Fatal("the input was reordered")
		}
	}
}

// TestKeyvalsFiltersMatch compares the per-map filters with FilterKeyvals,
// ExcludeKeyvals and FilterKeyvalsRegex, over chunks of interned events.
func TestKeyvalsFiltersMatch(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(10, 11))
	events := randomEvents(r, 500)
	for i := range events {
		if r.IntN(7) == 0 {
			delete(events[i].Data, "app")
		}
	}
	timeline.NewInterner().Intern(events)
	vals := []any{"firefox", "vim", 1.0}
	m, err := timeline.CompilePattern("(?i)^(FIRE|co)", false)
	if err != nil {
		t.Fatal(err)
	}
	chunks := func(f func([]attnflow.Event) []attnflow.Event) []attnflow.Event {
		var out []attnflow.Event
		for i := 0; i < len(events); i += 64 {
			out = append(out, f(events[i:min(i+64, len(events))])...)
		}
		return out
	}
	tests := []struct {
		name      string
		got, want []attnflow.Event
	}{
		{"filter", chunks(timeline.KeyvalsFilter("app", vals, false)), timeline.FilterKeyvals(events, "app", vals)},
		{"exclude", chunks(timeline.KeyvalsFilter("app", vals, true)), timeline.ExcludeKeyvals(events, "app", vals)},
		{"regex", chunks(timeline.KeyvalsRegexFilter("app", m)), timeline.FilterKeyvalsRegex(events, "app", m)},
	}
	for _, tc := range tests {
		if got, want := snapshot(t, tc.got), snapshot(t, tc.want); got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got, want)
		}
	}
}

// TestClipInPlace compares ClipInPlace with TimeRange.Clip, near today
// and far away (the time.Time path), with open-ended ranges too.
func TestClipInPlace(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(12, 13))
	for round := range 200 {
		events := randomEvents(r, 1+r.IntN(30))
		var tr attnflow.TimeRange
		if round%3 != 0 {
			tr.Start = base.Add(time.Duration(r.IntN(60)) * time.Second)
		}
		if round%4 != 0 {
			tr.End = base.Add(time.Duration(30+r.IntN(60)) * time.Second)
		}
		for _, d := range []time.Duration{0, 200 * 365 * 24 * time.Hour} {
			in := shift(events, d)
			r := tr
			if !r.Start.IsZero() {
				r.Start = r.Start.Add(d)
			}
			if !r.End.IsZero() {
				r.End = r.End.Add(d)
			}
			want := slices.Clone(in)
			for i := range want {
				want[i] = r.Clip(want[i])
			}
			timeline.ClipInPlace(in, r)
			if got, w := snapshot(t, in), snapshot(t, want); got != w {
				t.Fatalf("round %d, shift %v: got\n%s\nwant\n%s", round, d, got, w)
			}
		}
	}
}

// TestFloodOwnedMatchesFlood floods copies in place and compares with
// Flood, for both variants, on sorted, reversed and shuffled input.
func TestFloodOwnedMatchesFlood(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 15))
	for round := range 300 {
		events := randomEvents(r, r.IntN(50))
		switch round % 3 {
		case 0:
			events = timeline.SortByTimestamp(events)
		case 1:
			events = slices.Clone(timeline.SortByTimestamp(events))
			slices.Reverse(events)
		}
		for _, v := range []timeline.FloodVariant{timeline.FloodMidpoint, timeline.FloodLonger} {
			want := snapshot(t, timeline.Flood(events, 5*time.Second, v))
			got := snapshot(t, timeline.FloodOwned(slices.Clone(events), 5*time.Second, v, timeline.DataEqual))
			if got != want {
				t.Fatalf("round %d, variant %d: got\n%s\nwant\n%s", round, v, got, want)
			}
		}
	}
}
