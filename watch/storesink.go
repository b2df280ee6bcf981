package watch

import (
	"context"
	"time"

	"github.com/attnflow/attnflow"
)

// StoreSink writes straight into an attnflow.Store: what "attnflow up"
// uses, with the server and the watchers in one process.
type StoreSink struct {
	store attnflow.Store
}

var _ Sink = (*StoreSink)(nil)

// NewStoreSink returns a sink over store.
func NewStoreSink(store attnflow.Store) *StoreSink { return &StoreSink{store: store} }

// EnsureBucket implements Sink.
func (s *StoreSink) EnsureBucket(ctx context.Context, b attnflow.Bucket) error {
	if err := s.store.CreateBucket(ctx, b); err != nil && attnflow.ErrorCode(err) != attnflow.ECONFLICT {
		return err
	}
	return nil
}

// Heartbeat implements Sink.
func (s *StoreSink) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) error {
	_, err := s.store.Heartbeat(ctx, bucketID, hb, pulsetime)
	return err
}

// Insert implements Sink.
func (s *StoreSink) Insert(ctx context.Context, bucketID string, events []attnflow.Event) error {
	_, err := s.store.InsertEvents(ctx, bucketID, events)
	return err
}
