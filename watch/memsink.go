package watch

import (
	"context"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
)

// MemorySink keeps buckets and events in memory under the ActivityWatch
// heartbeat rule. It serves tests and dry runs (`attnflow watch --dry-run`).
type MemorySink struct {
	mu      sync.Mutex
	buckets map[string]attnflow.Bucket
	events  map[string][]attnflow.Event
}

var _ Sink = (*MemorySink)(nil)

// NewMemorySink returns an empty MemorySink.
func NewMemorySink() *MemorySink {
	return &MemorySink{buckets: map[string]attnflow.Bucket{}, events: map[string][]attnflow.Event{}}
}

// EnsureBucket implements Sink.
func (m *MemorySink) EnsureBucket(_ context.Context, b attnflow.Bucket) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.buckets[b.ID]; !ok {
		m.buckets[b.ID] = b
	}
	return nil
}

// Heartbeat implements Sink.
func (m *MemorySink) Heartbeat(_ context.Context, id string, hb attnflow.Event, pulsetime time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.buckets[id]; !ok {
		return attnflow.Errorf(attnflow.ENOTFOUND, "bucket %q not found", id)
	}
	evs := m.events[id]
	if n := len(evs); n > 0 {
		if merged, ok := attnflow.MergeHeartbeat(evs[n-1], hb, pulsetime); ok {
			evs[n-1] = merged
			return nil
		}
	}
	m.events[id] = append(evs, hb)
	return nil
}

// Insert implements Sink.
func (m *MemorySink) Insert(_ context.Context, id string, events []attnflow.Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.buckets[id]; !ok {
		return attnflow.Errorf(attnflow.ENOTFOUND, "bucket %q not found", id)
	}
	m.events[id] = append(m.events[id], events...)
	return nil
}

// Events returns a copy of a bucket's events, oldest first.
func (m *MemorySink) Events(id string) []attnflow.Event {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]attnflow.Event(nil), m.events[id]...)
}

// Has reports whether the bucket exists.
func (m *MemorySink) Has(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.buckets[id]
	return ok
}
