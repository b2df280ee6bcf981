package timeline_test

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// eventsFromBytes decodes fuzz input into events: each 3 bytes are a gap
// (may be negative), a duration (sometimes zero) and a data choice.
func eventsFromBytes(b []byte) []attnflow.Event {
	datas := []attnflow.Data{{"a": "x"}, {"a": "y"}, {"a": "x", "b": 1.0}, {}, {"url": "https://www.x.org/p?q"}}
	var out []attnflow.Event
	t := base
	for i := 0; i+2 < len(b); i += 3 {
		t = t.Add(time.Duration(int8(b[i])) * 250 * time.Millisecond)
		out = append(out, attnflow.Event{Timestamp: t, Duration: time.Duration(b[i+1]%16) * 500 * time.Millisecond, Data: datas[int(b[i+2])%len(datas)]})
	}
	return out
}

// FuzzOperations runs every operation on arbitrary event lists and checks
// they never panic and keep their basic invariants.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{0, 2, 0, 4, 2, 1, 250, 3, 0, 1, 0, 2}, []byte{0, 8, 3, 20, 4, 3})
	f.Add([]byte{}, []byte{1, 1, 1})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		ea, eb := eventsFromBytes(a), eventsFromBytes(b)
		for _, v := range []timeline.FloodVariant{timeline.FloodMidpoint, timeline.FloodLonger} {
			for _, e := range timeline.Flood(ea, 5*time.Second, v) {
				if e.Duration < 0 {
					t.Fatalf("flood variant %d made a negative duration: %v", v, e)
				}
			}
		}
		var overlap time.Duration
		for _, x := range ea {
			for _, f := range eb {
				s, e := maxT(x.Timestamp, f.Timestamp), minT(x.End(), f.End())
				if e.After(s) {
					overlap += e.Sub(s)
				}
			}
		}
		inter := timeline.FilterPeriodIntersect(ea, eb)
		if sum := timeline.SumDurations(inter); sum > overlap {
			t.Fatalf("intersection %v exceeds the pairwise overlap %v", sum, overlap)
		}
		union := timeline.PeriodUnion(ea, eb)
		for i := 1; i < len(union); i++ {
			if !union[i].Timestamp.After(union[i-1].End()) {
				t.Fatalf("period_union left touching or overlapping periods: %v", union)
			}
		}
		for _, e := range timeline.UnionNoOverlap(timeline.SortByTimestamp(ea), timeline.SortByTimestamp(eb)) {
			if e.Duration < 0 {
				t.Fatalf("union_no_overlap made a negative duration: %v", e)
			}
		}
		timeline.MergeByKeys(ea, []string{"a", "b"})
		timeline.ChunkByKey(ea, "a")
		timeline.SplitURL(ea)
	})
}

func maxT(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minT(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
