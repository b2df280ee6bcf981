package timeline

import (
	"time"

	"github.com/attnflow/attnflow"
)

// FilterPeriodIntersect keeps the parts of events that lie within some
// filter event: each overlap of an event with a filter event becomes one
// event with the original data, clipped to the overlap, so one event can
// become several. Both lists are sorted by start first. Time covered by
// several overlapping filter events is emitted once. Zero-length pieces
// (from zero-length events or filters) are dropped, as attnflow's
// ActivityWatch contract states; both reference servers keep them.
func FilterPeriodIntersect(events, filters []attnflow.Event) []attnflow.Event {
	ev := SortByTimestamp(events)
	fs := SortByTimestamp(filters)
	if out, ok := intersectFast(ev, fs); ok {
		return out
	}
	out := make([]attnflow.Event, 0, len(ev))
	i, j := 0, 0
	var emittedUntil time.Time
	haveEmitted := false
	for i < len(ev) && j < len(fs) {
		e, f := ev[i], fs[j]
		eStart := e.Timestamp
		if haveEmitted && emittedUntil.After(eStart) {
			eStart = emittedUntil
		}
		eEnd, fStart, fEnd := e.End(), f.Timestamp, f.End()
		start, end, ok := intersection(eStart, eEnd, fStart, fEnd)
		switch {
		case ok:
			if end.After(start) {
				part := e
				part.Timestamp, part.Duration = start, end.Sub(start)
				out = append(out, part)
			}
			if !eEnd.After(fEnd) {
				i++
				haveEmitted = false
			} else {
				j++
				emittedUntil, haveEmitted = end, true
			}
		case !eEnd.After(fStart):
			i++
			haveEmitted = false
		default:
			j++
		}
	}
	return out
}

// intersectFast is FilterPeriodIntersect's sweep on nanoseconds; ok is
// false when a time lies outside their range (see unixNanos).
func intersectFast(ev, fs []attnflow.Event) ([]attnflow.Event, bool) {
	fb := make([][2]int64, len(fs))
	for j := range fs {
		s, e, ok := bounds(&fs[j])
		if !ok {
			return nil, false
		}
		fb[j] = [2]int64{s, e}
	}
	out := make([]attnflow.Event, 0, len(ev))
	i, j := 0, 0
	var emittedUntil int64
	haveEmitted := false
	for i < len(ev) && j < len(fs) {
		e := &ev[i]
		es, eEnd, ok := bounds(e)
		if !ok {
			return nil, false
		}
		eStart := es
		if haveEmitted && emittedUntil > eStart {
			eStart = emittedUntil
		}
		fStart, fEnd := fb[j][0], fb[j][1]
		start, end, ok := intersectNanos(eStart, eEnd, fStart, fEnd)
		switch {
		case ok:
			if end > start {
				part := *e
				part.Timestamp, part.Duration = at(e, es, start), time.Duration(end-start)
				out = append(out, part)
			}
			if eEnd <= fEnd {
				i++
				haveEmitted = false
			} else {
				j++
				emittedUntil, haveEmitted = end, true
			}
		case eEnd <= fStart:
			i++
			haveEmitted = false
		default:
			j++
		}
	}
	return out, true
}

// intersection mirrors Timeslot.intersection of the Python timeslot package
// that aw-core uses.
func intersection(aStart, aEnd, bStart, bEnd time.Time) (time.Time, time.Time, bool) {
	le := func(x, y time.Time) bool { return !x.After(y) }
	switch {
	case le(aStart, bStart) && le(bEnd, aEnd):
		return bStart, bEnd, true
	case le(aStart, bStart) && bStart.Before(aEnd):
		return bStart, aEnd, true
	case aStart.Before(bEnd) && le(bEnd, aEnd):
		return aStart, bEnd, true
	case le(bStart, aStart) && le(aEnd, bEnd):
		return aStart, aEnd, true
	}
	return time.Time{}, time.Time{}, false
}

// PeriodUnion returns the union of the time covered by both lists as
// non-overlapping events with empty data, sorted by start. Touching
// periods are joined.
func PeriodUnion(a, b []attnflow.Event) []attnflow.Event {
	all := make([]attnflow.Event, 0, len(a)+len(b))
	all = append(all, a...)
	all = append(all, b...)
	all = sortStableBy(all, timeKey)
	out := make([]attnflow.Event, 0, len(all))
	for _, e := range all {
		if n := len(out); n > 0 && !e.Timestamp.After(out[n-1].End()) {
			last := &out[n-1]
			if e.End().After(last.End()) {
				last.Duration = e.End().Sub(last.Timestamp)
			}
			continue
		}
		out = append(out, attnflow.Event{Timestamp: e.Timestamp, Duration: e.Duration})
	}
	for i := range out {
		out[i].Data = attnflow.Data{}
	}
	return out
}

// UnionNoOverlap merges two lists, each expected in chronological order,
// giving a priority: the parts of b's events that overlap an event of a are
// cut away (a b event can be split around an a event). The merge walks both
// lists like aw-transform's union_no_overlap and does not sort them.
func UnionNoOverlap(a, b []attnflow.Event) []attnflow.Event {
	if out, ok := unionFast(a, b); ok {
		return out
	}
	out := make([]attnflow.Event, 0, len(a)+len(b))
	i, j := 0, 0
	var cur attnflow.Event // the current b event, possibly already cut
	haveCur := false
	for i < len(a) && (haveCur || j < len(b)) {
		if !haveCur {
			cur, haveCur = b[j], true
			j++
		}
		e1 := a[i]
		if !intersects(e1, cur) {
			if !e1.Timestamp.After(cur.Timestamp) {
				out = append(out, e1)
				i++
			} else {
				out = append(out, cur)
				haveCur = false
			}
			continue
		}
		if !e1.Timestamp.After(cur.Timestamp) {
			out = append(out, e1)
			i++
			// Keep only the part of cur after e1, if any. (Unlike the
			// reference, a zero-length e1 at cur's start leaves cur whole.)
			if _, rest, ok := splitEvent(cur, e1.End()); ok {
				cur = rest
			} else if !cur.End().After(e1.End()) {
				haveCur = false
			}
			continue
		}
		head, rest, ok := splitEvent(cur, e1.Timestamp)
		out = append(out, head)
		haveCur = false
		if ok {
			cur, haveCur = rest, true
		}
	}
	out = append(out, a[i:]...)
	if haveCur {
		out = append(out, cur)
	}
	return append(out, b[j:]...)
}

// unionFast is UnionNoOverlap's walk on nanoseconds; ok is false when a
// time lies outside their range (see unixNanos).
func unionFast(a, b []attnflow.Event) ([]attnflow.Event, bool) {
	out := make([]attnflow.Event, 0, len(a)+len(b))
	i, j := 0, 0
	var cur attnflow.Event // the current b event, possibly already cut
	var cs, ce int64       // its bounds
	haveCur := false
	for i < len(a) && (haveCur || j < len(b)) {
		if !haveCur {
			var ok bool
			cur, haveCur = b[j], true
			if cs, ce, ok = bounds(&cur); !ok {
				return nil, false
			}
			j++
		}
		e1 := &a[i]
		s1, end1, ok := bounds(e1)
		if !ok {
			return nil, false
		}
		if _, _, hit := intersectNanos(s1, end1, cs, ce); !hit {
			if s1 <= cs {
				out = append(out, *e1)
				i++
			} else {
				out = append(out, cur)
				haveCur = false
			}
			continue
		}
		if s1 <= cs {
			out = append(out, *e1)
			i++
			switch {
			case cs < end1 && end1 < ce:
				cur, cs = tailFrom(cur, cs, ce, end1), end1
			case ce <= end1:
				haveCur = false
			}
			continue
		}
		if !(cs < s1 && s1 < ce) {
			out = append(out, cur)
			haveCur = false
			continue
		}
		head := cur
		head.ID, head.Duration = 0, time.Duration(s1-cs)
		out = append(out, head)
		cur, cs = tailFrom(cur, cs, ce, s1), s1
	}
	out = append(out, a[i:]...)
	if haveCur {
		out = append(out, cur)
	}
	return append(out, b[j:]...), true
}

// tailFrom is the part of e (bounds start, end) from t on, as splitEvent.
func tailFrom(e attnflow.Event, start, end, t int64) attnflow.Event {
	tail := e
	tail.ID, tail.Timestamp, tail.Duration = 0, at(&e, start, t), time.Duration(end-t)
	return tail
}

// intersects mirrors Timeslot.intersects: intersection is defined.
func intersects(a, b attnflow.Event) bool {
	_, _, ok := intersection(a.Timestamp, a.End(), b.Timestamp, b.End())
	return ok
}

// splitEvent cuts e at t when t lies strictly inside it.
func splitEvent(e attnflow.Event, t time.Time) (attnflow.Event, attnflow.Event, bool) {
	if !(e.Timestamp.Before(t) && t.Before(e.End())) {
		return e, attnflow.Event{}, false
	}
	head, tail := e, e
	head.ID, tail.ID = 0, 0
	head.Duration = t.Sub(e.Timestamp)
	tail.Timestamp = t
	tail.Duration = e.End().Sub(t)
	return head, tail, true
}
