package query

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
)

// MemorySource is a Source over buckets and events held in memory, for
// tests, benchmarks and one-off evaluation of exported data. It is safe
// for concurrent use.
type MemorySource struct {
	mu      sync.RWMutex
	buckets map[string]*memBucket
}

type memBucket struct {
	b      attnflow.Bucket
	events []attnflow.Event // by start, oldest first; ties in insertion order
	maxDur time.Duration
}

var _ Source = (*MemorySource)(nil)

// NewMemorySource returns an empty MemorySource.
func NewMemorySource() *MemorySource {
	return &MemorySource{buckets: map[string]*memBucket{}}
}

// Add creates bucket b if needed and appends events to it.
func (m *MemorySource) Add(b attnflow.Bucket, events []attnflow.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mb, ok := m.buckets[b.ID]
	if !ok {
		mb = &memBucket{b: b}
		m.buckets[b.ID] = mb
	}
	for _, e := range events {
		mb.events = append(mb.events, e)
		mb.maxDur = max(mb.maxDur, e.Duration)
	}
	slices.SortStableFunc(mb.events, func(a, b attnflow.Event) int { return a.Timestamp.Compare(b.Timestamp) })
	if len(mb.events) > 0 {
		mb.b.First = mb.events[0].Timestamp
		for _, e := range mb.events {
			if e.End().After(mb.b.Last) {
				mb.b.Last = e.End()
			}
		}
	}
}

// Buckets returns all buckets ordered by id.
func (m *MemorySource) Buckets(ctx context.Context) ([]attnflow.Bucket, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]attnflow.Bucket, 0, len(m.buckets))
	for _, mb := range m.buckets {
		out = append(out, mb.b)
	}
	slices.SortFunc(out, func(a, b attnflow.Bucket) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Events returns the bucket's events overlapping f.Range (inclusively),
// newest first with ties in insertion order, unclipped, as attnflow.Store.
func (m *MemorySource) Events(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	mb, ok := m.buckets[bucketID]
	if !ok {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "bucket %q does not exist", bucketID)
	}
	evs := mb.events
	lo, hi := 0, len(evs)
	if !f.Range.End.IsZero() {
		hi = sort.Search(len(evs), func(i int) bool { return evs[i].Timestamp.After(f.Range.End) })
	}
	if !f.Range.Start.IsZero() {
		from := f.Range.Start.Add(-mb.maxDur)
		lo = sort.Search(hi, func(i int) bool { return !evs[i].Timestamp.Before(from) })
	}
	// Events starting within the range overlap it; only those starting
	// before need their end checked.
	inside := lo
	if !f.Range.Start.IsZero() {
		inside = lo + sort.Search(hi-lo, func(i int) bool { return !evs[lo+i].Timestamp.Before(f.Range.Start) })
	}
	out := make([]attnflow.Event, 0, hi-lo)
	out = append(out, evs[inside:hi]...)
	slices.Reverse(out)
	for i := inside - 1; i >= lo; i-- {
		if f.Range.Overlaps(evs[i]) {
			out = append(out, evs[i])
		}
	}
	// Reversing put equal timestamps in reverse insertion order: restore it.
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && out[j].Timestamp.Equal(out[i].Timestamp) {
			j++
		}
		slices.Reverse(out[i:j])
		i = j
	}
	if f.Limit >= 0 && f.Limit < len(out) {
		out = out[:f.Limit]
	}
	return out, nil
}

// CountEvents counts the events Events would return without a limit.
func (m *MemorySource) CountEvents(ctx context.Context, bucketID string, r attnflow.TimeRange) (int, error) {
	evs, err := m.Events(ctx, bucketID, attnflow.EventFilter{Range: r, Limit: -1})
	return len(evs), err
}
