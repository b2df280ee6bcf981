package server

import (
	"context"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
)

// sharedEventsReader is a store that can return events whose Data maps
// are shared and must not be modified (sqlite.DB.EventsShared): cheaper
// than Events, which copies every map for its caller.
type sharedEventsReader interface {
	EventsShared(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error)
}

// sharedSource is a query source that reads events through
// EventsShared. The query engine never writes to event data (the
// timeline operations treat their inputs as immutable, and
// query.MemorySource shares its maps across runs too).
type sharedSource struct {
	attnflow.Store
	shared sharedEventsReader
}

// Events returns the store's events with shared, read-only Data.
func (s sharedSource) Events(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error) {
	return s.shared.EventsShared(ctx, bucketID, f)
}

// querySource is what queries read: the store, through EventsShared when
// it has it. Wrappers that only watch writes (watchedStore) are looked
// through for it: reads pass them unchanged.
func querySource(st attnflow.Store) query.Source {
	for inner := st; ; {
		if r, ok := inner.(sharedEventsReader); ok {
			return sharedSource{Store: st, shared: r}
		}
		w, ok := inner.(*watchedStore)
		if !ok {
			return st
		}
		inner = w.Store
	}
}
