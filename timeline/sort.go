package timeline

import (
	"slices"
	"time"

	"github.com/attnflow/attnflow"
)

func byTimestamp(a, b attnflow.Event) int { return a.Timestamp.Compare(b.Timestamp) }

// sortStable sorts s in place, stably, and returns it.
func sortStable(s []attnflow.Event, cmp func(a, b attnflow.Event) int) []attnflow.Event {
	if !slices.IsSortedFunc(s, cmp) {
		slices.SortStableFunc(s, cmp)
	}
	return s
}

// SortByTimestamp returns a copy of events sorted by start, oldest first;
// equal starts keep their order.
func SortByTimestamp(events []attnflow.Event) []attnflow.Event {
	return sortStable(slices.Clone(events), byTimestamp)
}

// SortByDuration returns a copy of events sorted by duration, longest
// first; equal durations keep their order.
func SortByDuration(events []attnflow.Event) []attnflow.Event {
	return sortStable(slices.Clone(events), func(a, b attnflow.Event) int {
		switch {
		case a.Duration > b.Duration:
			return -1
		case a.Duration < b.Duration:
			return 1
		}
		return 0
	})
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
