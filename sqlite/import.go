package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"github.com/attnflow/attnflow"
)

// ImportEvents inserts the events the bucket does not already hold (same
// timestamp, duration and canonical data) in one transaction and returns
// how many it inserted. Input ids are ignored.
//
// It is the bulk path of "attnflow import": the bucket's events in the
// batch's time span are read once into a set instead of being looked up
// one by one, and the new events go in with multi-row INSERT statements
// (BENCHMARKS.md, "Migration").
func (db *DB) ImportEvents(ctx context.Context, bucketID string, events []attnflow.Event) (int, error) {
	batch, err := encodeImport(events)
	if err != nil {
		return 0, err
	}
	st, err := db.lockBucket(ctx, bucketID)
	if err != nil {
		return 0, err
	}
	defer st.mu.Unlock()
	if len(events) == 0 {
		return 0, nil
	}
	var inserted int
	err = db.writeEvents(ctx, st, batch.longest, false, func(t *writeTx) error {
		var err error
		inserted, err = t.insertNew(ctx, st.key, batch)
		return err
	})
	if err != nil {
		return 0, err
	}
	return inserted, nil
}

// importBatch is a batch of events validated and encoded for the store.
type importBatch struct {
	rows     []storedEvent // json left nil: see payload
	payload  []int         // rows[i]'s payload is payloads[payload[i]]
	payloads [][]byte      // canonical JSON, one per Data map
	longest  int64         // the longest duration
}

// encodeImport validates a batch as encodeEvents does, with the same
// messages, but encodes each distinct payload once: an importer hands
// over many events sharing one Data map, and a live map's address names
// it for the length of the call.
func encodeImport(events []attnflow.Event) (*importBatch, error) {
	b := &importBatch{rows: make([]storedEvent, len(events)), payload: make([]int, len(events))}
	index := make(map[uintptr]int) // Data map address → its payload
	for i, e := range events {
		if err := b.add(i, e, index); err != nil {
			if len(events) > 1 {
				err = attnflow.Errorf(attnflow.ErrorCode(err), "event %d of %d: %s", i+1, len(events), attnflow.ErrorMessage(err))
			}
			return nil, err
		}
	}
	return b, nil
}

// add encodes e as the batch's i-th event.
func (b *importBatch) add(i int, e attnflow.Event, index map[uintptr]int) error {
	data := e.Data
	e.Data = nil
	r, err := encodeEvent(e) // checks all but the data, in encodeEvent's order
	if err != nil {
		return err
	}
	b.rows[i] = storedEvent{start: r.start, dur: r.dur}
	b.longest = max(b.longest, r.dur)
	var key uintptr // 0 for empty data: one "{}" for all
	if len(data) > 0 {
		key = uintptr(reflect.ValueOf(data).UnsafePointer())
	}
	k, ok := index[key]
	if !ok {
		js, err := canonical(data)
		if err != nil {
			return err
		}
		k = len(b.payloads)
		b.payloads = append(b.payloads, js)
		index[key] = k
	}
	b.payload[i] = k
	return nil
}

// eventKey is what makes two events of a bucket equal for an import.
type eventKey struct{ start, dur, data int64 }

// insertNew inserts the events of b the bucket does not hold yet and
// returns how many it inserted.
func (t *writeTx) insertNew(ctx context.Context, bucket int64, b *importBatch) (int, error) {
	ids, err := t.internAll(ctx, b.payloads)
	if err != nil {
		return 0, err
	}
	keys := make([]eventKey, len(b.rows))
	lo, hi := b.rows[0].start, b.rows[0].start
	for i, r := range b.rows {
		keys[i] = eventKey{r.start, r.dur, ids[b.payload[i]]}
		lo, hi = min(lo, r.start), max(hi, r.start)
	}
	seen, complete, err := t.existingKeys(ctx, bucket, lo, hi, existingLimit(len(keys)))
	if err != nil {
		return 0, err
	}
	fresh := keys[:0] // the keys to insert, in input order, overwriting keys
	for _, k := range keys {
		if _, dup := seen[k]; dup {
			continue
		}
		if !complete {
			exists, err := t.eventExists(bucket, k)
			if err != nil {
				return 0, err
			}
			if exists {
				continue
			}
		}
		seen[k] = struct{}{}
		fresh = append(fresh, k)
	}
	if err := t.insertKeys(ctx, bucket, fresh); err != nil {
		return 0, err
	}
	return len(fresh), nil
}

// existingLimit caps how many stored events insertNew reads to
// de-duplicate n events: a batch spanning much more of the bucket than
// its own events (an unsorted source) is checked event by event instead.
func existingLimit(n int) int { return 4*n + 1024 }

// existingKeys returns the keys of the bucket's events starting in
// [lo, hi], and complete true, when there are at most limit of them;
// otherwise complete is false and the set is empty.
func (t *writeTx) existingKeys(ctx context.Context, bucket, lo, hi int64, limit int) (map[eventKey]struct{}, bool, error) {
	rows, err := t.conn.QueryContext(ctx,
		`SELECT start, dur, data FROM events WHERE bucket = ? AND start >= ? AND start <= ? LIMIT ?`,
		bucket, lo, hi, limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("import: read stored events: %w", err)
	}
	defer rows.Close()
	seen := make(map[eventKey]struct{})
	for n := 0; rows.Next(); n++ {
		if n == limit {
			clear(seen)
			return seen, false, rows.Close()
		}
		var k eventKey
		if err := rows.Scan(&k.start, &k.dur, &k.data); err != nil {
			return nil, false, fmt.Errorf("import: read stored events: %w", err)
		}
		seen[k] = struct{}{}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("import: read stored events: %w", err)
	}
	return seen, true, nil
}

// eventExists looks one event up in the bucket.
func (t *writeTx) eventExists(bucket int64, k eventKey) (bool, error) {
	var exists bool
	if err := t.w.stmts.eventExists.QueryRow(bucket, k.start, k.dur, k.data).Scan(&exists); err != nil {
		return false, fmt.Errorf("import: look for duplicate: %w", err)
	}
	return exists, nil
}

// insertChunk is how many rows one INSERT statement carries: SQLite's
// 32,766 bound parameters would allow 8,000 events, but the gain
// flattens out by 250 rows (about 0.7 µs an event instead of 1.6 µs for
// single-row inserts).
const insertChunk = 256

// insertKeys inserts keys as events of the bucket, in order, with
// multi-row INSERT statements.
func (t *writeTx) insertKeys(ctx context.Context, bucket int64, keys []eventKey) error {
	err := t.insertChunks(ctx, len(keys), insertRows, func(from, to int, args []any) []any {
		for _, k := range keys[from:to] {
			args = append(args, bucket, k.start, k.dur, k.data)
		}
		return args
	})
	if err != nil {
		return fmt.Errorf("import: insert events: %w", err)
	}
	return nil
}

// insertRows is an INSERT statement of n events.
func insertRows(n int) string {
	return "INSERT OR FAIL INTO events (bucket, start, dur, data) VALUES " + strings.TrimSuffix(strings.Repeat("(?,?,?,?),", n), ",")
}

// insertChunks inserts n rows with statements of at most insertChunk
// rows each: stmt(k) is the statement of k rows, args appends the
// arguments of rows [from, to).
//
// The statements run through Query, not Exec: the driver
// (mattn/go-sqlite3) binds a query's arguments and takes its first step,
// which runs an INSERT whole, in one cgo call, where Exec binds each
// argument with a call of its own (1,024 for a chunk of events).
func (t *writeTx) insertChunks(ctx context.Context, n int, stmt func(k int) string, args func(from, to int, args []any) []any) error {
	var full *sql.Stmt
	buf := make([]any, 0, 4*min(n, insertChunk))
	for from := 0; from < n; from += insertChunk {
		to := min(n, from+insertChunk)
		buf = args(from, to, buf[:0])
		var rows *sql.Rows
		var err error
		if to-from < insertChunk {
			rows, err = t.conn.QueryContext(ctx, stmt(to-from), buf...)
		} else {
			if full == nil {
				if full, err = t.conn.PrepareContext(ctx, stmt(insertChunk)); err != nil {
					return err
				}
				defer full.Close()
			}
			rows, err = full.QueryContext(ctx, buf...)
		}
		if err != nil {
			return err
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
