package timeline

import (
	"slices"
	"time"

	"github.com/attnflow/attnflow"
)

// DefaultPulsetime is the gap flood fills when no pulsetime is given.
const DefaultPulsetime = 5 * time.Second

// FloodVariant selects how Flood fills the gap between two events whose
// data differ.
type FloodVariant int

const (
	// FloodMidpoint splits a short gap between differing events at its
	// midpoint (aw-server-rust, ActivityWatch's default server).
	FloodMidpoint FloodVariant = iota
	// FloodLonger gives a short gap to the longer of the two events and
	// drops zero-length events (aw-server-python).
	FloodLonger
)

// Flood fills gaps shorter than pulsetime between consecutive events, so
// that a series of heartbeats with small holes becomes contiguous. Events
// are first sorted by start (stably). With the midpoint variant, for each
// event e following the last output event l, with gap = e.start - l.end:
//   - gap < pulsetime and equal data: e is merged into l (min start, max
//     end) and the merged event is compared with the next one;
//   - 0 <= gap < pulsetime and different data: l extends by gap/2 and e
//     starts gap/2 earlier;
//   - otherwise (overlap with different data, or a long gap) nothing changes.
//
// Zero-length events are kept.
func Flood(events []attnflow.Event, pulsetime time.Duration, variant FloodVariant) []attnflow.Event {
	return FloodWith(events, pulsetime, variant, DataEqual)
}

// FloodWith is Flood with the test of equal data given: callers that know
// equal data share one map (see Interner.Distinct) pass SameData.
func FloodWith(events []attnflow.Event, pulsetime time.Duration, variant FloodVariant, equal func(a, b attnflow.Data) bool) []attnflow.Event {
	return flood(events, pulsetime, variant, equal, false)
}

// FloodOwned is FloodWith on a slice that the caller owns and that nothing
// else references (such as a store's fresh result): it sorts and floods
// in place, without a copy, and events must not be used afterwards.
func FloodOwned(events []attnflow.Event, pulsetime time.Duration, variant FloodVariant, equal func(a, b attnflow.Data) bool) []attnflow.Event {
	return flood(events, pulsetime, variant, equal, true)
}

func flood(events []attnflow.Event, pulsetime time.Duration, variant FloodVariant, equal func(a, b attnflow.Data) bool, owned bool) []attnflow.Event {
	if variant == FloodLonger {
		return floodLonger(events, pulsetime, equal, owned)
	}
	var sorted, out []attnflow.Event
	switch {
	case owned:
		sorted = sortStableBy(events, timeKey)
		out = sorted[:0]
	default:
		sorted = SortByTimestamp(events)
		if len(sorted) > 0 && &sorted[0] != &events[0] {
			out = sorted[:0] // a fresh copy: flood it in place
		} else {
			out = make([]attnflow.Event, 0, len(sorted))
		}
	}
	if allBounded(sorted) {
		return floodFast(sorted, out, pulsetime, equal)
	}
	for _, e := range sorted {
		if len(out) == 0 {
			out = append(out, e)
			continue
		}
		last := &out[len(out)-1]
		lastEnd := last.End()
		gap := e.Timestamp.Sub(lastEnd)
		if gap >= pulsetime {
			out = append(out, e)
			continue
		}
		if equal(last.Data, e.Data) {
			end := lastEnd
			if e.End().After(end) {
				end = e.End()
			}
			if e.Timestamp.Before(last.Timestamp) {
				last.Timestamp = e.Timestamp
			}
			last.Duration = end.Sub(last.Timestamp)
			continue
		}
		if gap > 0 {
			half := gap / 2
			last.Duration += half
			e.Timestamp = e.Timestamp.Add(-half)
			e.Duration += half
		}
		out = append(out, e)
	}
	return out
}

// allBounded reports whether the times of all events suit the fast paths
// (see unixNanos).
func allBounded(events []attnflow.Event) bool {
	for i := range events {
		if _, _, ok := bounds(&events[i]); !ok {
			return false
		}
	}
	return true
}

// floodFast is Flood's midpoint loop on nanoseconds, for sorted events
// that allBounded accepts; out is empty, possibly sharing sorted's array.
func floodFast(sorted, out []attnflow.Event, pulsetime time.Duration, equal func(a, b attnflow.Data) bool) []attnflow.Event {
	var lastStart, lastEnd int64 // bounds of out's last event
	for _, e := range sorted {
		es, ee, _ := bounds(&e)
		if len(out) == 0 {
			out = append(out, e)
			lastStart, lastEnd = es, ee
			continue
		}
		last := &out[len(out)-1]
		gap := es - lastEnd
		if gap >= int64(pulsetime) {
			out = append(out, e)
			lastStart, lastEnd = es, ee
			continue
		}
		if equal(last.Data, e.Data) {
			end := max(lastEnd, ee)
			if es < lastStart {
				last.Timestamp, lastStart = e.Timestamp, es
			}
			last.Duration, lastEnd = time.Duration(end-lastStart), end
			continue
		}
		if gap > 0 {
			half := gap / 2
			last.Duration += time.Duration(half)
			e.Timestamp = e.Timestamp.Add(-time.Duration(half))
			e.Duration += time.Duration(half)
			es -= half
		}
		out = append(out, e)
		lastStart, lastEnd = es, ee
	}
	return out
}

// floodLonger is aw-core's flood: a short gap goes to the longer event,
// overlaps with equal data merge, and the result is normalised so that no
// two events overlap (for differing data the later event wins); zero-length
// events are dropped.
func floodLonger(events []attnflow.Event, pulsetime time.Duration, equal func(a, b attnflow.Data) bool, owned bool) []attnflow.Event {
	var ev []attnflow.Event
	if owned {
		ev = sortStableBy(events, timeKey)
	} else {
		ev = slices.Clone(SortByTimestamp(events))
	}
	const trim = 100 * time.Millisecond
	for i := 0; i+1 < len(ev); i++ {
		e1, e2 := &ev[i], &ev[i+1]
		gap := e2.Timestamp.Sub(e1.End())
		if gap == 0 {
			continue
		}
		same := equal(e1.Data, e2.Data)
		switch {
		case gap < 0 && same:
			start, end := minTime(e1.Timestamp, e2.Timestamp), maxTime(e1.End(), e2.End())
			e1.Timestamp, e1.Duration = start, end.Sub(start)
			e2.Timestamp, e2.Duration = end, 0
		case gap < -trim:
			// Overlap with differing data cannot be merged safely.
		case gap > -trim && gap <= pulsetime:
			e2End := e2.End()
			if e1.Duration >= e2.Duration {
				if same {
					e1.Duration = e2End.Sub(e1.Timestamp)
					e2.Timestamp, e2.Duration = e2End, 0
				} else {
					e1.Duration = e2.Timestamp.Sub(e1.Timestamp)
				}
			} else {
				if same {
					e2.Timestamp = e1.Timestamp
					e2.Duration = e2End.Sub(e2.Timestamp)
					e1.Duration = 0
				} else {
					e2.Timestamp = e1.End()
					e2.Duration = e2End.Sub(e2.Timestamp)
				}
			}
		}
	}
	return normaliseOverlaps(ev, equal)
}

// normaliseOverlaps drops non-positive events and resolves overlaps left by
// pairwise flooding: equal data merge, otherwise the earlier event is cut.
func normaliseOverlaps(ev []attnflow.Event, equal func(a, b attnflow.Data) bool) []attnflow.Event {
	out := make([]attnflow.Event, 0, len(ev))
	for _, e := range ev {
		if e.Duration <= 0 {
			continue
		}
		appended := false
		for len(out) > 0 && out[len(out)-1].End().After(e.Timestamp) {
			prev := &out[len(out)-1]
			if equal(prev.Data, e.Data) {
				prev.Duration = maxTime(prev.End(), e.End()).Sub(prev.Timestamp)
				appended = true
				break
			}
			prev.Duration = e.Timestamp.Sub(prev.Timestamp)
			if prev.Duration <= 0 {
				out = out[:len(out)-1]
				continue
			}
			break
		}
		if !appended {
			out = append(out, e)
		}
	}
	return slices.Clip(out)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
