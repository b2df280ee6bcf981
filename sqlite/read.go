package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
)

// Events returns the bucket's events overlapping f.Range, newest first
// (ties by ascending id), unclipped, at most f.Limit of them unless it is
// negative. Each event's Data is the caller's own.
func (db *DB) Events(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error) {
	return db.events(ctx, bucketID, f, false)
}

// EventsShared is Events for callers that never modify the events' Data:
// the maps (and any object or array inside them) are shared with the
// store's payload cache, with other events of equal data and with other
// callers, so writing to one corrupts what later reads return. The slice
// itself is the caller's. It saves Events' copy of every map, and gives
// events with equal data one map, which read-only consumers can compare
// by address. The server's query engine reads through it (its operations
// treat event data as immutable).
func (db *DB) EventsShared(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error) {
	return db.events(ctx, bucketID, f, true)
}

// events is Events, with shared Data maps if shared.
func (db *DB) events(ctx context.Context, bucketID string, f attnflow.EventFilter, shared bool) ([]attnflow.Event, error) {
	if err := db.syncPending(ctx); err != nil { // acknowledged heartbeats first
		return nil, err
	}
	st, err := db.state(ctx, bucketID)
	if err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		return []attnflow.Event{}, nil
	}
	limit := int64(f.Limit)
	if limit < 0 {
		limit = -1
	}
	hi, lo, endMin := rangeArgs(f.Range, st.maxDur.Load())
	bp := db.rowBufs.get()
	defer db.rowBufs.put(bp)
	*bp, err = db.rawScanEvents(ctx, (*bp)[:0], st.key, hi, lo, endMin, limit)
	if errors.Is(err, errNoHandle) {
		*bp, err = db.scanEvents(ctx, (*bp)[:0], st.key, hi, lo, endMin, limit)
	}
	if err != nil {
		return nil, err
	}
	// Sized exactly once: the rows were gathered in a reused buffer.
	events := make([]attnflow.Event, len(*bp))
	dataIDs := make([]int64, len(*bp))
	for i, r := range *bp {
		events[i] = attnflow.Event{ID: r.id, Timestamp: fromNanos(r.start), Duration: time.Duration(r.dur)}
		dataIDs[i] = r.data
	}
	if err := db.attachData(ctx, events, dataIDs, shared); err != nil {
		return nil, err
	}
	return events, nil
}

// scanEvents appends the rows of a range query to buf through
// database/sql: the fallback for a driver that hides its connection
// handle (rawscan.go), and the reference the C scan is tested against.
func (db *DB) scanEvents(ctx context.Context, buf []eventRow, bucket, hi, lo, endMin, limit int64) ([]eventRow, error) {
	rows, err := db.stmts.events.QueryContext(ctx, bucket, hi, lo, endMin, limit)
	if err != nil {
		return buf, fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	var r eventRow
	for rows.Next() {
		if err := rows.Scan(&r.id, &r.start, &r.dur, &r.data); err != nil {
			return buf, fmt.Errorf("read events: %w", err)
		}
		buf = append(buf, r)
	}
	if err := rows.Err(); err != nil {
		return buf, fmt.Errorf("read events: %w", err)
	}
	return buf, nil
}

// attachData gives events[i] the payload dataIDs[i], its own copy unless
// shared, decoding only the payloads the cache misses.
func (db *DB) attachData(ctx context.Context, events []attnflow.Event, dataIDs []int64, shared bool) error {
	ps := make([]*payload, len(dataIDs))
	if missing := db.payloads.resolve(dataIDs, ps); len(missing) > 0 {
		loaded, err := db.rawLoadPayloads(ctx, missing)
		if errors.Is(err, errNoHandle) {
			loaded, err = db.loadPayloads(ctx, missing)
		}
		if err != nil {
			return err
		}
		for i, p := range ps {
			if p == nil {
				ps[i] = loaded[dataIDs[i]]
			}
		}
		db.payloads.addAll(loaded)
	}
	for i, p := range ps {
		if p == nil {
			return fmt.Errorf("read events: event %d refers to missing data %d", events[i].ID, dataIDs[i])
		}
		if shared {
			events[i].Data = p.data
		} else {
			events[i].Data = p.copy()
		}
	}
	return nil
}

func scanEvent(s scanner) (attnflow.Event, error) {
	var id, start, dur int64
	var js []byte
	if err := s.Scan(&id, &start, &dur, &js); err != nil {
		return attnflow.Event{}, err
	}
	return decodeEvent(id, start, dur, js)
}

// Event returns one event by id.
func (db *DB) Event(ctx context.Context, bucketID string, id int64) (attnflow.Event, error) {
	if err := db.syncPending(ctx); err != nil { // acknowledged heartbeats first
		return attnflow.Event{}, err
	}
	st, err := db.state(ctx, bucketID)
	if err != nil {
		return attnflow.Event{}, err
	}
	e, err := scanEvent(db.stmts.event.QueryRowContext(ctx, id, st.key))
	if errors.Is(err, sql.ErrNoRows) {
		return attnflow.Event{}, errEventNotFound(bucketID, id)
	} else if err != nil {
		return attnflow.Event{}, fmt.Errorf("read event: %w", err)
	}
	return e, nil
}

// CountEvents counts the events Events would return without a limit.
func (db *DB) CountEvents(ctx context.Context, bucketID string, r attnflow.TimeRange) (int, error) {
	if err := db.syncPending(ctx); err != nil { // acknowledged heartbeats first
		return 0, err
	}
	st, err := db.state(ctx, bucketID)
	if err != nil {
		return 0, err
	}
	hi, lo, endMin := rangeArgs(r, st.maxDur.Load())
	var n int
	if err := db.stmts.count.QueryRowContext(ctx, st.key, hi, lo, endMin).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}
