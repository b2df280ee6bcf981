package server

import (
	"context"
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
)

// bucketState is what the engine last saw of a bucket, so that it can
// tell with a few COUNT queries which days' data changed:
//   - total and last unchanged: nothing changed (an event replaced in
//     place by id with the same count is the one change this misses);
//   - the events overlapping [last, ∞) grew by as much as the total: the
//     bucket was only appended to or its last event extended (heartbeats),
//     so only days reaching past the old last can have changed;
//   - otherwise (deletions, inserts into the past): every day is recounted.
//
// Writes through the HTTP API that counting could miss (a deletion and an
// insert between two requests) mark the bucket dirty (watchedStore).
type bucketState struct {
	total int
	last  time.Time
	tail  int                        // events overlapping [last, ∞)
	days  map[attnflow.TimeRange]int // event count per day range
}

// maxRawEntries bounds the cache of raw (bucket, day) events.
const maxRawEntries = 64

type rawEntry struct {
	sig    string
	events []attnflow.Event
}

// refreshState updates the remembered state of bucket b.
func (e *FlowEngine) refreshState(ctx context.Context, b attnflow.Bucket) (*bucketState, error) {
	st := e.states[b.ID]
	if e.takeDirty(b.ID) {
		st = nil // recount every day of this bucket
	}
	total, err := e.store.CountEvents(ctx, b.ID, attnflow.TimeRange{})
	if err != nil {
		return nil, fmt.Errorf("count events of %s: %w", b.ID, err)
	}
	if st != nil && total == st.total && b.Last.Equal(st.last) {
		return st, nil
	}
	ns := &bucketState{total: total, last: b.Last, days: map[attnflow.TimeRange]int{}}
	if st != nil {
		tailNow, err := e.store.CountEvents(ctx, b.ID, attnflow.TimeRange{Start: st.last})
		if err != nil {
			return nil, fmt.Errorf("count events of %s: %w", b.ID, err)
		}
		if tailNow-st.tail == total-st.total {
			for r, n := range st.days {
				if r.End.Before(st.last) {
					ns.days[r] = n
				}
			}
		}
	}
	if ns.tail, err = e.store.CountEvents(ctx, b.ID, attnflow.TimeRange{Start: b.Last}); err != nil {
		return nil, fmt.Errorf("count events of %s: %w", b.ID, err)
	}
	e.states[b.ID] = ns
	return ns, nil
}

// bucketDaySig is a bucket's part of a day's signature: its event count
// in the day and, when its newest event ends in the day, that end (which
// catches heartbeats extending it).
func bucketDaySig(bk attnflow.Bucket, n int, r attnflow.TimeRange) string {
	if !bk.Last.Before(r.Start) && !bk.Last.After(r.End) {
		return fmt.Sprintf("%s:%d@%d", bk.ID, n, bk.Last.UnixNano())
	}
	return fmt.Sprintf("%s:%d", bk.ID, n)
}

func (e *FlowEngine) dayCount(ctx context.Context, id string, st *bucketState, r attnflow.TimeRange) (int, error) {
	if n, ok := st.days[r]; ok {
		return n, nil
	}
	n, err := e.store.CountEvents(ctx, id, r)
	if err != nil {
		return 0, fmt.Errorf("count events of %s: %w", id, err)
	}
	st.days[r] = n
	return n, nil
}

// bucketDay returns a bucket's events in day r, reusing the last read
// when the bucket's day signature is unchanged (so a new minute re-reads
// only the buckets that received it).
func (e *FlowEngine) bucketDay(ctx context.Context, bk attnflow.Bucket, sig string, r attnflow.TimeRange) ([]attnflow.Event, error) {
	key := bk.ID + "|" + r.String()
	if c, ok := e.raw[key]; ok && c.sig == sig {
		return c.events, nil
	}
	evs, err := e.store.Events(ctx, bk.ID, attnflow.EventFilter{Range: r, Limit: -1})
	if err != nil {
		return nil, fmt.Errorf("read events of %s: %w", bk.ID, err)
	}
	if len(e.raw) >= maxRawEntries {
		clear(e.raw)
	}
	e.raw[key] = rawEntry{sig: sig, events: evs}
	return evs, nil
}
