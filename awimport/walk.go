package awimport

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// walkEvents calls fn with the bucket's events that overlap r, oldest
// first (ties in store order), a page at a time, so that a bucket of
// millions of events is never in memory at once. It reads the store in
// time slices sized from the bucket's density, halving a slice that holds
// too many events.
func walkEvents(ctx context.Context, st attnflow.Store, b attnflow.Bucket, r attnflow.TimeRange, page int, fn func([]attnflow.Event) error) error {
	if b.First.IsZero() {
		return nil // empty bucket
	}
	lo, hi := b.First, b.Last
	if !r.Start.IsZero() && r.Start.After(lo) {
		// Events that start before the range but reach into it.
		head, err := st.Events(ctx, b.ID, attnflow.EventFilter{Range: attnflow.TimeRange{Start: r.Start, End: r.Start}, Limit: -1})
		if err != nil {
			return fmt.Errorf("read events of %q: %w", b.ID, err)
		}
		if _, err := emit(head, func(e attnflow.Event) bool { return e.Timestamp.Before(r.Start) }, fn); err != nil {
			return err
		}
		lo = r.Start
	}
	if !r.End.IsZero() && r.End.Before(hi) {
		hi = r.End
	}
	if hi.Before(lo) {
		return nil
	}
	n, err := st.CountEvents(ctx, b.ID, attnflow.TimeRange{Start: lo, End: hi})
	if err != nil {
		return fmt.Errorf("count events of %q: %w", b.ID, err)
	}
	return walkSlices(ctx, st, b.ID, lo, hi, page, firstStep(hi.Sub(lo), n, page), fn)
}

// firstStep guesses a slice of time holding about page events.
func firstStep(span time.Duration, n, page int) time.Duration {
	if n <= page {
		return span + 1
	}
	return max(time.Duration(float64(span)/float64(n)*float64(page)), 1)
}

// walkSlices emits the events starting in [lo, hi] slice by slice.
func walkSlices(ctx context.Context, st attnflow.Store, id string, lo, hi time.Time, page int, step time.Duration, fn func([]attnflow.Event) error) error {
	limit := 4*page + 1
	for a := lo; !a.After(hi); {
		b := a.Add(step)
		last := !b.Before(hi) || b.Before(a) // b past hi, or overflowed
		end := b.Add(-1)                     // the slice is [a, b)
		if last {
			b, end = hi, hi
		}
		f := attnflow.EventFilter{Range: attnflow.TimeRange{Start: a, End: end}, Limit: limit}
		if step == 1 {
			f.Limit = -1 // one instant: cannot split further
		}
		events, err := st.Events(ctx, id, f)
		if err != nil {
			return fmt.Errorf("read events of %q: %w", id, err)
		}
		if f.Limit > 0 && len(events) >= limit && !events[len(events)-1].Timestamp.Before(a) {
			// Newest first: the limit may have cut events of the slice
			// (it cuts events reaching in from before it first).
			step = max(step/2, 1)
			continue
		}
		kept, err := emit(events, func(e attnflow.Event) bool { return !e.Timestamp.Before(a) }, fn)
		if err != nil {
			return err
		}
		if last {
			return nil
		}
		if kept <= page/2 && step < time.Duration(1)<<60 {
			step *= 2
		}
		a = b
	}
	return nil
}

// emit passes the events that keep selects, oldest first, to fn, and
// returns how many it passed.
func emit(events []attnflow.Event, keep func(attnflow.Event) bool, fn func([]attnflow.Event) error) (int, error) {
	out := events[:0]
	for _, e := range events {
		if keep(e) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return 0, nil
	}
	// The store returns newest first, ties by ascending id: a stable sort
	// by start keeps the ties in id order.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Timestamp.Before(out[j].Timestamp) })
	return len(out), fn(out)
}
