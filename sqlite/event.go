package sqlite

import (
	"context"
	"fmt"

	"github.com/attnflow/attnflow"
)

// encodeEvents validates a batch before anything is written.
func encodeEvents(events []attnflow.Event) ([]storedEvent, int64, error) {
	rows := make([]storedEvent, len(events))
	var longest int64
	for i, e := range events {
		r, err := encodeEvent(e)
		if err != nil {
			if len(events) > 1 {
				// Say which event, in the message people see.
				err = attnflow.Errorf(attnflow.ErrorCode(err), "event %d of %d: %s", i+1, len(events), attnflow.ErrorMessage(err))
			}
			return nil, 0, err
		}
		rows[i] = r
		longest = max(longest, r.dur)
	}
	return rows, longest, nil
}

// writeEvents runs fn as a write to the locked bucket st, raising the
// bucket's duration bound to longest first and invalidating its heartbeat
// cache afterwards.
//
// single says fn runs one statement only; the op then needs no
// transaction of its own unless the bound must be raised too.
func (db *DB) writeEvents(ctx context.Context, st *bucketState, longest int64, single bool, fn func(t *writeTx) error) error {
	bound, prev := st.raiseMaxDur(longest)
	err := db.w.do(ctx, &writeOp{single: single && bound == 0, fn: func(t *writeTx) error {
		if bound > 0 {
			if _, err := t.w.stmts.bumpMaxDur.Exec(st.key, bound); err != nil {
				return fmt.Errorf("update bucket duration bound: %w", err)
			}
		}
		return fn(t)
	}})
	st.invalidate()
	if err != nil {
		st.restoreMaxDur(prev)
	}
	return err
}

// InsertEvents stores events in one transaction (all or nothing) and
// returns them with their ids. An event with an ID replaces the bucket's
// event of that id, or is inserted with it; an id that belongs to another
// bucket is an ECONFLICT.
func (db *DB) InsertEvents(ctx context.Context, bucketID string, events []attnflow.Event) ([]attnflow.Event, error) {
	rows, longest, err := encodeEvents(events)
	if err != nil {
		return nil, err
	}
	st, err := db.lockBucket(ctx, bucketID)
	if err != nil {
		return nil, err
	}
	defer st.mu.Unlock()
	out := make([]attnflow.Event, len(events))
	if len(events) == 0 {
		return out, nil
	}
	err = db.writeEvents(ctx, st, longest, false, func(t *writeTx) error {
		for i, r := range rows {
			id, err := t.putEvent(st.key, r)
			if err != nil {
				return err
			}
			out[i] = events[i]
			out[i].ID = id
			out[i].Timestamp = out[i].Timestamp.UTC()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// putEvent inserts r, or replaces the event with r's id.
func (t *writeTx) putEvent(bucket int64, r storedEvent) (int64, error) {
	dataID, err := t.internData(r.json)
	if err != nil {
		return 0, err
	}
	if r.id == 0 {
		res, err := t.w.stmts.insertEvent.Exec(bucket, r.start, r.dur, dataID)
		if err != nil {
			return 0, fmt.Errorf("insert event: %w", err)
		}
		return res.LastInsertId()
	}
	err = t.change(t.w.stmts.upsertEvent, "replace event",
		attnflow.Errorf(attnflow.ECONFLICT, "event id %d belongs to another bucket: leave the id out to insert a new event", r.id),
		r.id, bucket, r.start, r.dur, dataID)
	if err != nil {
		return 0, err
	}
	return r.id, nil
}

// DeleteEvent removes one event; ENOTFOUND if the bucket has no such event.
func (db *DB) DeleteEvent(ctx context.Context, bucketID string, id int64) error {
	st, err := db.lockBucket(ctx, bucketID)
	if err != nil {
		return err
	}
	defer st.mu.Unlock()
	return db.writeEvents(ctx, st, 0, false, func(t *writeTx) error {
		return t.change(t.w.stmts.deleteEvent, "delete event", errEventNotFound(bucketID, id), id, st.key)
	})
}

func errEventNotFound(bucketID string, id int64) error {
	return attnflow.Errorf(attnflow.ENOTFOUND, "event %d does not exist in bucket %q", id, bucketID)
}
