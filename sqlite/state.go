package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/attnflow/attnflow"
)

// bucketState is what the store keeps in memory per bucket: its row key,
// a lock that serialises writes to it, and the cached last event for
// heartbeats. There is one per existing bucket that has been used.
type bucketState struct {
	mu      sync.Mutex // held by every write to the bucket
	key     int64
	maxDur  atomic.Int64 // upper bound of event durations, see nextMaxDur
	deleted bool         // set, under mu, when the bucket is deleted

	// last is the bucket's newest event (greatest timestamp, then id) when
	// lastKnown; lastOK is false for an empty bucket. Guarded by mu.
	lastKnown, lastOK bool
	last              attnflow.Event
	// lastJSON is last.Data's canonical form, so that a heartbeat's data
	// is compared without encoding both again. Guarded by mu.
	lastJSON []byte
}

func errBucketNotFound(id string) error {
	return attnflow.Errorf(attnflow.ENOTFOUND, "bucket %q does not exist", id)
}

// state returns the bucket's state, loading it on first use.
func (db *DB) state(ctx context.Context, id string) (*bucketState, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if st := db.buckets[id]; st != nil {
		return st, nil
	}
	var key, maxDur int64
	err := db.stmts.bucketKey.QueryRowContext(ctx, id).Scan(&key, &maxDur)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBucketNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("look up bucket: %w", err)
	}
	st := &bucketState{key: key}
	st.maxDur.Store(maxDur)
	db.buckets[id] = st
	return st, nil
}

// lockBucket returns the bucket's state with its write lock held.
func (db *DB) lockBucket(ctx context.Context, id string) (*bucketState, error) {
	for {
		st, err := db.state(ctx, id)
		if err != nil {
			return nil, err
		}
		st.mu.Lock()
		if !st.deleted {
			return st, nil
		}
		st.mu.Unlock()
	}
}

// forget drops a deleted bucket's state; st.mu must be held.
func (db *DB) forget(id string, st *bucketState) {
	st.deleted = true
	st.lastKnown = false
	db.mu.Lock()
	if db.buckets[id] == st {
		delete(db.buckets, id)
	}
	db.mu.Unlock()
}

// invalidate drops the cached last event; st.mu must be held.
func (st *bucketState) invalidate() { st.lastKnown = false }

// raiseMaxDur makes sure the in-memory duration bound covers d before the
// write that needs it commits (readers may use it at once), and returns
// the bound to store with the write, or 0 when the stored one suffices.
// st.mu must be held; if the write fails, restoreMaxDur(prev) undoes it.
func (st *bucketState) raiseMaxDur(d int64) (bound, prev int64) {
	prev = st.maxDur.Load()
	if d <= prev {
		return 0, prev
	}
	bound = nextMaxDur(d)
	st.maxDur.Store(bound)
	return bound, prev
}

func (st *bucketState) restoreMaxDur(prev int64) { st.maxDur.Store(prev) }
