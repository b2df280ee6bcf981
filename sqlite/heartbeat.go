package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
)

// Heartbeat merges hb into the bucket's last event with
// attnflow.MergeHeartbeat, or stores it as a new event, and returns the
// stored event with its id. Heartbeats to one bucket are serialised by the
// bucket's lock; the last event is cached, so a merge costs one UPDATE.
func (db *DB) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) (attnflow.Event, error) {
	hb.ID = 0
	hb.Timestamp = hb.Timestamp.UTC()
	r, err := encodeEvent(hb)
	if err != nil {
		return attnflow.Event{}, err
	}
	if pulsetime < 0 {
		return attnflow.Event{}, attnflow.Errorf(attnflow.EINVALID, "pulsetime %v is negative", pulsetime)
	}
	st, err := db.lockBucket(ctx, bucketID)
	if err != nil {
		return attnflow.Event{}, err
	}
	defer st.mu.Unlock()
	if db.j != nil {
		out, err := db.heartbeatLogged(ctx, st, hb, r, pulsetime)
		if !errors.Is(err, errJournalOff) {
			return out, err
		}
	}
	for attempt := 0; ; attempt++ {
		if err := db.loadLast(ctx, st); err != nil {
			return attnflow.Event{}, err
		}
		if st.lastOK {
			if merged, ok := mergeCached(st, hb, r.json, pulsetime); ok {
				out, err := db.extend(ctx, st, merged, hb.Data)
				if errors.Is(err, errLastGone) && attempt < 2 {
					// Another process changed the file: reload and retry.
					db.logger.Warn("store: cached last event vanished; was the store written by another process?", "bucket", bucketID)
					continue
				}
				return out, err
			}
		}
		return db.insertHeartbeat(ctx, st, hb, r)
	}
}

// heartbeatLogged is Heartbeat through the heartbeat log: the outcome is
// appended to the log, the cache updated, and SQLite written later
// (journal.go). errJournalOff sends the caller down the direct path.
func (db *DB) heartbeatLogged(ctx context.Context, st *bucketState, hb attnflow.Event, r storedEvent, pulsetime time.Duration) (attnflow.Event, error) {
	if err := db.loadLast(ctx, st); err != nil {
		return attnflow.Event{}, err
	}
	if st.lastOK {
		if merged, ok := mergeCached(st, hb, r.json, pulsetime); ok {
			out := merged
			out.Data = hb.Data
			if merged.Duration == st.last.Duration {
				return out, nil // nothing new to store
			}
			err := db.logOutcome(st, hbRecord{id: merged.ID, bucket: st.key,
				start: clampNanos(merged.Timestamp), dur: int64(merged.Duration)})
			if err != nil {
				return attnflow.Event{}, err
			}
			st.last = merged
			return out, nil
		}
	}
	id, err := db.j.allocID(ctx)
	if err != nil {
		return attnflow.Event{}, err
	}
	err = db.logOutcome(st, hbRecord{insert: true, id: id, bucket: st.key, start: r.start, dur: r.dur, json: r.json})
	if err != nil {
		return attnflow.Event{}, err
	}
	hb.ID = id
	db.cacheInserted(st, hb, r.json)
	return hb, nil
}

// logOutcome raises the bucket's duration bound for r and logs r.
func (db *DB) logOutcome(st *bucketState, r hbRecord) error {
	_, prev := st.raiseMaxDur(r.dur)
	if err := db.j.log(r); err != nil {
		st.restoreMaxDur(prev)
		return err
	}
	return nil
}

// cacheInserted makes a newly stored heartbeat the cached last event
// unless it starts before the current one (a heartbeat from the past,
// e.g. the AFK watcher's last input time).
func (db *DB) cacheInserted(st *bucketState, hb attnflow.Event, js []byte) {
	if !st.lastOK || !hb.Timestamp.Before(st.last.Timestamp) {
		st.last, st.lastOK = hb, true
		st.last.Data = copyData(hb.Data)
		st.lastJSON = js
	}
	st.lastKnown = true
}

// mergeCached applies attnflow.MergeHeartbeat to the bucket's cached last
// event and hb, whose data's canonical form is hbJSON: the data are
// compared by the canonical forms at hand, the rule's time conditions are
// the domain's.
func mergeCached(st *bucketState, hb attnflow.Event, hbJSON []byte, pulsetime time.Duration) (attnflow.Event, bool) {
	if !bytes.Equal(st.lastJSON, hbJSON) {
		return hb, false
	}
	last := st.last
	last.Data, hb.Data = nil, nil // equal; nil compares cheaply
	merged, ok := attnflow.MergeHeartbeat(last, hb, pulsetime)
	merged.Data = st.last.Data
	return merged, ok
}

// errLastGone reports that the cached last event no longer exists.
var errLastGone = errors.New("last event vanished")

// loadLast fills the bucket's last-event cache on a miss.
func (db *DB) loadLast(ctx context.Context, st *bucketState) error {
	if st.lastKnown {
		return nil
	}
	if err := db.syncPending(ctx); err != nil { // the newest may be pending
		return err
	}
	e, err := scanEvent(db.stmts.lastEvent.QueryRowContext(ctx, st.key))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		st.lastOK = false
	case err != nil:
		return fmt.Errorf("read last event: %w", err)
	default:
		js, err := canonical(e.Data)
		if err != nil {
			return fmt.Errorf("read last event: %w", err)
		}
		st.last, st.lastOK, st.lastJSON = e, true, js
	}
	st.lastKnown = true
	return nil
}

// extend stores the merged duration of the cached last event. The event
// returned carries the caller's data (equal to the stored data).
func (db *DB) extend(ctx context.Context, st *bucketState, merged attnflow.Event, data attnflow.Data) (attnflow.Event, error) {
	out := merged
	out.Data = data
	if merged.Duration == st.last.Duration {
		return out, nil // nothing new to store
	}
	dur := int64(merged.Duration)
	err := db.writeEvents(ctx, st, dur, true, func(t *writeTx) error {
		return t.change(t.w.stmts.setDur, "extend event", errLastGone, dur, merged.ID)
	})
	if err != nil {
		return attnflow.Event{}, err
	}
	st.last, st.lastOK, st.lastKnown = merged, true, true
	return out, nil
}

// insertHeartbeat stores hb as a new event. It becomes the cached last
// event unless it starts before the current one (a heartbeat from the
// past, e.g. the AFK watcher's last input time).
func (db *DB) insertHeartbeat(ctx context.Context, st *bucketState, hb attnflow.Event, r storedEvent) (attnflow.Event, error) {
	var id int64
	// Known data (data rows are never deleted) leaves one INSERT to run.
	_, known := db.w.intern.get(r.json)
	err := db.writeEvents(ctx, st, r.dur, known && r.id == 0, func(t *writeTx) error {
		var err error
		id, err = t.putEvent(st.key, r)
		return err
	})
	if err != nil {
		return attnflow.Event{}, err
	}
	hb.ID = id
	// writeEvents invalidated the cache; restore it.
	db.cacheInserted(st, hb, r.json)
	return hb, nil
}
