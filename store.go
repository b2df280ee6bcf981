package attnflow

import (
	"context"
	"encoding/json"
	"time"
)

// EventFilter selects events of one bucket.
type EventFilter struct {
	// Range selects events overlapping it inclusively (see TimeRange.Overlaps).
	// Zero bounds are open. Events are returned unclipped: callers clip.
	Range TimeRange
	// Limit caps the number of events; negative means no limit, 0 none.
	Limit int
}

// Store is the contract every event store (SQLite, PostgreSQL) fulfils.
// Errors carry codes: ENOTFOUND for a missing bucket, event or setting,
// ECONFLICT for a bucket that already exists, EINVALID for bad input.
// Every write is durable once the call returns without error.
//
// Further rules every implementation follows (storetest checks them): an
// event id that belongs to another bucket fails the batch with ECONFLICT;
// a zero timestamp is EINVALID; the id of a deleted newest event may be
// reused; returned Data is never shared between events or with the store.
type Store interface {
	// CreateBucket stores a new bucket; ECONFLICT if the id exists.
	// A zero Created is set to now.
	CreateBucket(ctx context.Context, b Bucket) error
	// Bucket returns one bucket with First/Last filled.
	Bucket(ctx context.Context, id string) (Bucket, error)
	// Buckets returns all buckets ordered by id.
	Buckets(ctx context.Context) ([]Bucket, error)
	// DeleteBucket removes a bucket and all its events.
	DeleteBucket(ctx context.Context, id string) error

	// InsertEvents stores events in one transaction (all or nothing) and
	// returns them with their ids. An event whose ID is set replaces the
	// stored event with that id in the bucket (or is inserted with that id).
	InsertEvents(ctx context.Context, bucketID string, events []Event) ([]Event, error)
	// Events returns the bucket's events, newest first (by timestamp, ties
	// in insertion order, i.e. by ascending id), unclipped, in a fresh
	// slice the caller owns and may modify.
	Events(ctx context.Context, bucketID string, f EventFilter) ([]Event, error)
	// Event returns one event by id.
	Event(ctx context.Context, bucketID string, id int64) (Event, error)
	// CountEvents counts the events Events would return without a limit.
	CountEvents(ctx context.Context, bucketID string, r TimeRange) (int, error)
	// DeleteEvent removes one event.
	DeleteEvent(ctx context.Context, bucketID string, id int64) error
	// ImportEvents inserts, in one transaction, the events the bucket does
	// not already hold (same timestamp, duration and canonical data, also
	// among the events given) and returns how many it inserted. IDs in the
	// input are ignored.
	ImportEvents(ctx context.Context, bucketID string, events []Event) (int, error)
	// Heartbeat merges hb into the bucket's last event with MergeHeartbeat,
	// or inserts it as new, and returns the stored event with its id.
	// Heartbeats to one bucket are serialised; to different buckets they
	// may run in parallel.
	Heartbeat(ctx context.Context, bucketID string, hb Event, pulsetime time.Duration) (Event, error)

	// Settings returns every setting (key → raw JSON value).
	Settings(ctx context.Context) (map[string]json.RawMessage, error)
	// Setting returns one setting's raw JSON value, ENOTFOUND when unset.
	Setting(ctx context.Context, key string) (json.RawMessage, error)
	// SetSetting stores a setting's raw JSON value.
	SetSetting(ctx context.Context, key string, value json.RawMessage) error
	// DeleteSetting removes a setting (no error when it was unset).
	DeleteSetting(ctx context.Context, key string) error

	// Close flushes pending writes and releases the store.
	Close() error
}
