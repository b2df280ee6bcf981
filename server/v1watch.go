package server

import (
	"context"
	"time"

	"github.com/attnflow/attnflow"
)

// watchedStore tells the flow engine about writes through the HTTP API
// that counting cannot see: events inserted into the past or replacing
// others, deletions and imports. Appends and heartbeats need no notice
// (the engine's counts find them). Everything else passes through.
type watchedStore struct {
	attnflow.Store
	mark func(bucketID string)
}

// InsertEvents marks the bucket when an event replaces another (an id) or
// lands before the bucket's newest event.
func (w *watchedStore) InsertEvents(ctx context.Context, bucketID string, events []attnflow.Event) ([]attnflow.Event, error) {
	past := w.intoPast(ctx, bucketID, events)
	if past {
		w.mark(bucketID)
	}
	out, err := w.Store.InsertEvents(ctx, bucketID, events)
	if past {
		w.mark(bucketID)
	}
	return out, err
}

func (w *watchedStore) intoPast(ctx context.Context, bucketID string, events []attnflow.Event) bool {
	b, err := w.Store.Bucket(ctx, bucketID)
	if err != nil {
		return true
	}
	for _, e := range events {
		if e.ID != 0 || e.Timestamp.Before(b.Last) {
			return true
		}
	}
	return false
}

// DeleteEvent marks the bucket.
func (w *watchedStore) DeleteEvent(ctx context.Context, bucketID string, id int64) error {
	w.mark(bucketID)
	err := w.Store.DeleteEvent(ctx, bucketID, id)
	w.mark(bucketID)
	return err
}

// ImportEvents marks the bucket.
func (w *watchedStore) ImportEvents(ctx context.Context, bucketID string, events []attnflow.Event) (int, error) {
	w.mark(bucketID)
	n, err := w.Store.ImportEvents(ctx, bucketID, events)
	w.mark(bucketID)
	return n, err
}

// DeleteBucket marks the bucket.
func (w *watchedStore) DeleteBucket(ctx context.Context, id string) error {
	w.mark(id)
	err := w.Store.DeleteBucket(ctx, id)
	w.mark(id)
	return err
}

// Heartbeat passes through: it only extends or appends.
func (w *watchedStore) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) (attnflow.Event, error) {
	return w.Store.Heartbeat(ctx, bucketID, hb, pulsetime)
}
