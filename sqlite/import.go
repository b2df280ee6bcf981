package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"reflect"
	"strconv"
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
	rows, longest, err := encodeImport(events)
	if err != nil {
		return 0, err
	}
	st, err := db.lockBucket(ctx, bucketID)
	if err != nil {
		return 0, err
	}
	defer st.mu.Unlock()
	if len(rows) == 0 {
		return 0, nil
	}
	var inserted int
	err = db.writeEvents(ctx, st, longest, false, func(t *writeTx) error {
		var err error
		inserted, err = t.importRows(ctx, st.key, rows)
		return err
	})
	if err != nil {
		return 0, err
	}
	return inserted, nil
}

// encodeImport validates a batch as encodeEvents does, with the same
// messages, but encodes each distinct payload once: an importer hands
// over many events sharing one Data map, and a live map's address names
// it for the length of the call.
func encodeImport(events []attnflow.Event) ([]storedEvent, int64, error) {
	rows := make([]storedEvent, len(events))
	canon := make(map[uintptr][]byte)
	var longest int64
	for i, e := range events {
		r, err := encodeShared(e, canon)
		if err != nil {
			if len(events) > 1 {
				err = attnflow.Errorf(attnflow.ErrorCode(err), "event %d of %d: %s", i+1, len(events), attnflow.ErrorMessage(err))
			}
			return nil, 0, err
		}
		rows[i] = r
		longest = max(longest, r.dur)
	}
	return rows, longest, nil
}

// encodeShared is encodeEvent with the canonical JSON of e.Data looked up
// in (and added to) canon, keyed by the map's address.
func encodeShared(e attnflow.Event, canon map[uintptr][]byte) (storedEvent, error) {
	data := e.Data
	e.Data = nil
	r, err := encodeEvent(e) // checks all but the data, in encodeEvent's order
	if err != nil || len(data) == 0 {
		return r, err
	}
	key := uintptr(reflect.ValueOf(data).UnsafePointer())
	if js, ok := canon[key]; ok {
		r.json = js
		return r, nil
	}
	if r.json, err = canonical(data); err != nil {
		return storedEvent{}, err
	}
	canon[key] = r.json
	return r, nil
}

// eventKey is what makes two events of a bucket equal for an import.
type eventKey struct{ start, dur, data int64 }

// importRows inserts the rows the bucket does not hold yet and returns how
// many it inserted.
func (t *writeTx) importRows(ctx context.Context, bucket int64, rows []storedEvent) (int, error) {
	ids, err := t.internAll(ctx, rows)
	if err != nil {
		return 0, err
	}
	keys := make([]eventKey, len(rows))
	lo, hi := rows[0].start, rows[0].start
	for i, r := range rows {
		keys[i] = eventKey{r.start, r.dur, ids[i]}
		lo, hi = min(lo, r.start), max(hi, r.start)
	}
	seen, complete, err := t.existingKeys(ctx, bucket, lo, hi, existingLimit(len(rows)))
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

// existingLimit caps how many stored events importRows reads to
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

// insertChunk is how many events one INSERT statement carries: a quarter
// of SQLite's default 32,766 bound parameters would allow 8,000, but the
// gain flattens out by 250 rows (about 0.7 µs an event instead of 1.6 µs
// for single-row inserts).
const insertChunk = 256

// insertKeys inserts keys as events of the bucket, in order, with
// multi-row INSERT statements.
func (t *writeTx) insertKeys(ctx context.Context, bucket int64, keys []eventKey) error {
	var full *sql.Stmt
	args := make([]any, 0, 4*min(len(keys), insertChunk))
	for len(keys) > 0 {
		n := min(len(keys), insertChunk)
		args = args[:0]
		for _, k := range keys[:n] {
			args = append(args, bucket, k.start, k.dur, k.data)
		}
		var err error
		if n == insertChunk {
			if full == nil {
				if full, err = t.conn.PrepareContext(ctx, insertRows(n)); err != nil {
					return fmt.Errorf("import: prepare insert: %w", err)
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = t.conn.ExecContext(ctx, insertRows(n), args...)
		}
		if err != nil {
			return fmt.Errorf("import: insert events: %w", err)
		}
		keys = keys[n:]
	}
	return nil
}

// insertRows is an INSERT statement of n events.
func insertRows(n int) string {
	return "INSERT OR FAIL INTO events (bucket, start, dur, data) VALUES " + strings.TrimSuffix(strings.Repeat("(?,?,?,?),", n), ",")
}

// internAll returns the data id of each row's payload, as internData
// would, adding the new payloads to the data table; the payloads the
// cache misses are looked up in one query and the new ones inserted
// with multi-row statements.
func (t *writeTx) internAll(ctx context.Context, rows []storedEvent) ([]int64, error) {
	ids := make([]int64, len(rows))
	missing := map[string][]int{} // payload → the rows holding it
	var order []string            // the missing payloads, first seen first
	for i, r := range rows {
		if id, ok := t.w.intern.get(r.json); ok {
			ids[i] = id
		} else if id, ok := t.op.interned[string(r.json)]; ok {
			ids[i] = id
		} else {
			if _, seen := missing[string(r.json)]; !seen {
				order = append(order, string(r.json))
			}
			missing[string(r.json)] = append(missing[string(r.json)], i)
		}
	}
	if len(order) == 0 {
		return ids, nil
	}
	found, err := t.findAllData(ctx, order)
	if err != nil {
		return nil, err
	}
	fresh := order[:0]
	for _, js := range order {
		if _, ok := found[js]; !ok {
			fresh = append(fresh, js)
		}
	}
	if err := t.insertAllData(ctx, fresh, found); err != nil {
		return nil, err
	}
	if t.op.interned == nil {
		t.op.interned = make(map[string]int64, len(found))
	}
	for js, at := range missing {
		id := found[js]
		t.op.interned[js] = id
		for _, i := range at {
			ids[i] = id
		}
	}
	return ids, nil
}

// findAllData adds to a new map the id of each payload the data table
// holds.
func (t *writeTx) findAllData(ctx context.Context, payloads []string) (map[string]int64, error) {
	want := make(map[int64]bool, len(payloads))
	list := []byte{'['}
	for i, js := range payloads {
		h := dataHash([]byte(js))
		if want[h] {
			continue
		}
		want[h] = true
		if i > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, h, 10)
	}
	list = append(list, ']')
	rows, err := t.conn.QueryContext(ctx, `SELECT id, json FROM data WHERE hash IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("look up event data: %w", err)
	}
	defer rows.Close()
	found := make(map[string]int64, len(payloads))
	var id int64
	var js sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &js); err != nil {
			return nil, fmt.Errorf("look up event data: %w", err)
		}
		found[string(js)] = id // the lookup is by hash: compare the text too
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up event data: %w", err)
	}
	return found, nil
}

// dataChunk is how many payloads one INSERT statement carries.
const dataChunk = 256

// insertAllData stores new payloads and adds their ids to ids. SQLite
// gives a row without an id the table's greatest plus one, so the rows
// of one statement get consecutive ids in order; the greatest id is
// checked afterwards. Leaving the id out, with OR FAIL, spares SQLite a
// statement journal (a temporary file): the new payloads' random places
// in the hash index would fill it with a page each.
func (t *writeTx) insertAllData(ctx context.Context, payloads []string, ids map[string]int64) error {
	if len(payloads) == 0 {
		return nil
	}
	last, err := t.lastDataID(ctx)
	if err != nil {
		return err
	}
	if last > math.MaxInt64-int64(len(payloads)) {
		return fmt.Errorf("store event data: data ids exhausted")
	}
	want := last + int64(len(payloads))
	var full *sql.Stmt
	args := make([]any, 0, 2*min(len(payloads), dataChunk))
	for len(payloads) > 0 {
		n := min(len(payloads), dataChunk)
		args = args[:0]
		for _, js := range payloads[:n] {
			last++
			ids[js] = last
			b := []byte(js)
			args = append(args, dataHash(b), b)
		}
		if n == dataChunk {
			if full == nil {
				if full, err = t.conn.PrepareContext(ctx, insertDataRows(n)); err != nil {
					return fmt.Errorf("store event data: %w", err)
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = t.conn.ExecContext(ctx, insertDataRows(n), args...)
		}
		if err != nil {
			return fmt.Errorf("store event data: %w", err)
		}
		payloads = payloads[n:]
	}
	if got, err := t.lastDataID(ctx); err != nil {
		return err
	} else if got != want {
		return fmt.Errorf("store event data: new data ids end at %d, want %d", got, want)
	}
	return nil
}

func (t *writeTx) lastDataID(ctx context.Context) (int64, error) {
	var last int64
	if err := t.conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM data`).Scan(&last); err != nil {
		return 0, fmt.Errorf("store event data: %w", err)
	}
	return last, nil
}

// insertDataRows is an INSERT statement of n payloads.
func insertDataRows(n int) string {
	return "INSERT OR FAIL INTO data (hash, json) VALUES " + strings.TrimSuffix(strings.Repeat("(?,?),", n), ",")
}
