package timeline

import (
	"math"
	"time"

	"github.com/attnflow/attnflow"
)

// The sweeps over events (intersect, union, flood) compare event bounds
// many times; time.Time's methods are slow for that (every Add and After
// decodes the wall and monotonic fields). They run on nanoseconds since
// the Unix epoch instead when every time involved lies within ±2^62 ns of
// it (the years 1824 to 2116) and every duration below 2^62 ns, so that no
// sum or difference overflows; otherwise they take the time.Time path.

// safeNanos bounds the instants and durations of the fast paths.
const safeNanos = 1 << 62

// unixNanos returns t in nanoseconds since the Unix epoch, ok false when
// it lies outside the fast paths' range.
func unixNanos(t time.Time) (int64, bool) {
	s := t.Unix()
	if s <= -safeNanos/1_000_000_000 || s >= safeNanos/1_000_000_000 {
		return 0, false
	}
	return s*1e9 + int64(t.Nanosecond()), true
}

// bounds returns e's start and end in nanoseconds, ok false when they lie
// outside the fast paths' range.
func bounds(e *attnflow.Event) (start, end int64, ok bool) {
	start, ok = unixNanos(e.Timestamp)
	if !ok || e.Duration < 0 || e.Duration >= safeNanos {
		return 0, 0, false
	}
	return start, start + int64(e.Duration), true
}

// at returns the time n (nanoseconds since the epoch) as an offset from
// e's start, whose value in nanoseconds is start, keeping e's location.
func at(e *attnflow.Event, start, n int64) time.Time {
	return e.Timestamp.Add(time.Duration(n - start))
}

// intersectNanos is intersection on nanoseconds.
func intersectNanos(aStart, aEnd, bStart, bEnd int64) (int64, int64, bool) {
	switch {
	case aStart <= bStart && bEnd <= aEnd:
		return bStart, bEnd, true
	case aStart <= bStart && bStart < aEnd:
		return bStart, aEnd, true
	case aStart < bEnd && bEnd <= aEnd:
		return aStart, bEnd, true
	case bStart <= aStart && aEnd <= bEnd:
		return aStart, aEnd, true
	}
	return 0, 0, false
}

// ClipInPlace cuts each event of events to r, as r.Clip, writing to the
// slice (the caller's own, such as a store's fresh result). Events wholly
// inside r are found on nanoseconds and left alone.
func ClipInPlace(events []attnflow.Event, r attnflow.TimeRange) {
	lo, okLo := int64(math.MinInt64), true
	hi, okHi := int64(math.MaxInt64), true
	if !r.Start.IsZero() {
		lo, okLo = unixNanos(r.Start)
	}
	if !r.End.IsZero() {
		hi, okHi = unixNanos(r.End)
	}
	for i := range events {
		e := &events[i]
		if okLo && okHi {
			if start, end, ok := bounds(e); ok && start >= lo && end <= hi {
				continue
			}
		}
		*e = r.Clip(*e)
	}
}
