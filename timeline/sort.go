package timeline

import (
	"slices"
	"time"

	"github.com/attnflow/attnflow"
)

// sortKey orders events: a primary and a secondary integer.
type sortKey struct{ hi, lo int64 }

func timeKey(e *attnflow.Event) sortKey {
	return sortKey{e.Timestamp.Unix(), int64(e.Timestamp.Nanosecond())}
}

func longestFirstKey(e *attnflow.Event) sortKey { return sortKey{-int64(e.Duration), 0} }

func (a sortKey) cmp(b sortKey) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

// sortStableBy sorts s in place by key, stably, and returns it. Input that
// is already sorted, or sorted in reverse (as stores return events, newest
// first), takes linear time; anything else is sorted by (key, position)
// with pdqsort, which moves 16-byte keys instead of events.
func sortStableBy(s []attnflow.Event, key func(*attnflow.Event) sortKey) []attnflow.Event {
	if len(s) < 2 {
		return s
	}
	ascending, descending := true, true
	descents, split := 0, 0 // where ascending runs end
	prev := key(&s[0])
	for i := 1; i < len(s) && (descents < 2 || descending); i++ {
		k := key(&s[i])
		switch prev.cmp(k) {
		case 1:
			ascending = false
			descents++
			split = i
		case -1:
			descending = false
		}
		prev = k
	}
	switch {
	case ascending:
		return s
	case descents == 1 && !descending:
		// Two ascending runs, as a concatenation of two sorted lists.
		return mergeRuns(s, split, key)
	case descending:
		slices.Reverse(s)
		// Runs of equal keys are now in reverse input order: restore it.
		for i := 0; i < len(s); {
			j := i + 1
			ki := key(&s[i])
			for j < len(s) && key(&s[j]).cmp(ki) == 0 {
				j++
			}
			slices.Reverse(s[i:j])
			i = j
		}
		return s
	}
	type item struct {
		k sortKey
		i int
	}
	items := make([]item, len(s))
	for i := range s {
		items[i] = item{key(&s[i]), i}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := a.k.cmp(b.k); c != 0 {
			return c
		}
		return a.i - b.i
	})
	sorted := make([]attnflow.Event, len(s))
	for j, it := range items {
		sorted[j] = s[it.i]
	}
	copy(s, sorted)
	return s
}

// mergeRuns stably merges the ascending runs s[:mid] and s[mid:] in place
// (through a copy of the first run).
func mergeRuns(s []attnflow.Event, mid int, key func(*attnflow.Event) sortKey) []attnflow.Event {
	left := slices.Clone(s[:mid])
	i, j, k := 0, mid, 0
	for i < len(left) && j < len(s) {
		if key(&s[j]).cmp(key(&left[i])) < 0 {
			s[k] = s[j]
			j++
		} else {
			s[k] = left[i]
			i++
		}
		k++
	}
	copy(s[k:], left[i:])
	return s
}

// isSortedBy reports whether s is in ascending key order.
func isSortedBy(s []attnflow.Event, key func(*attnflow.Event) sortKey) bool {
	for i := 1; i < len(s); i++ {
		if key(&s[i-1]).cmp(key(&s[i])) > 0 {
			return false
		}
	}
	return true
}

// SortByTimestamp returns events sorted by start, oldest first; equal
// starts keep their order. Input that is already sorted is returned as is
// (like every result, it must be treated as read-only).
func SortByTimestamp(events []attnflow.Event) []attnflow.Event {
	if isSortedBy(events, timeKey) {
		return events
	}
	return sortStableBy(slices.Clone(events), timeKey)
}

// SortByDuration returns events sorted by duration, longest first; equal
// durations keep their order. Input that is already sorted is returned as
// is.
func SortByDuration(events []attnflow.Event) []attnflow.Event {
	if isSortedBy(events, longestFirstKey) {
		return events
	}
	return sortStableBy(slices.Clone(events), longestFirstKey)
}

// SortByTimestampOwned is SortByTimestamp in place, for a slice the
// caller owns and that nothing else references.
func SortByTimestampOwned(events []attnflow.Event) []attnflow.Event {
	return sortStableBy(events, timeKey)
}

// SortByDurationOwned is SortByDuration in place, for a slice the caller
// owns and that nothing else references.
func SortByDurationOwned(events []attnflow.Event) []attnflow.Event {
	return sortStableBy(events, longestFirstKey)
}

// Limit returns the first n events (all when n >= len, none when n <= 0).
func Limit(events []attnflow.Event, n int) []attnflow.Event {
	if n <= 0 {
		return []attnflow.Event{}
	}
	if n > len(events) {
		n = len(events)
	}
	return slices.Clone(events[:n])
}

// SumDurations returns the total duration of events.
func SumDurations(events []attnflow.Event) time.Duration {
	var sum time.Duration
	for _, e := range events {
		sum += e.Duration
	}
	return sum
}

// Concat returns the events of all lists, in order, in a new slice.
func Concat(lists ...[]attnflow.Event) []attnflow.Event {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]attnflow.Event, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
