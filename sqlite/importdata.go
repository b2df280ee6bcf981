package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// internAll returns the data id of each payload, as internData would,
// adding the new ones to the data table: the payloads the cache misses
// are looked up in one query and the new ones inserted with multi-row
// statements.
func (t *writeTx) internAll(ctx context.Context, payloads [][]byte) ([]int64, error) {
	ids := make([]int64, len(payloads))
	missing := map[string][]int{} // payload → its places in payloads
	var order []string            // the missing payloads, first seen first
	for i, js := range payloads {
		if id, ok := t.w.intern.get(js); ok {
			ids[i] = id
		} else if id, ok := t.op.interned[string(js)]; ok {
			ids[i] = id
		} else {
			if _, seen := missing[string(js)]; !seen {
				order = append(order, string(js))
			}
			missing[string(js)] = append(missing[string(js)], i)
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
	for i, js := range payloads {
		ids[js] = last + 1 + int64(i)
	}
	err = t.insertChunks(ctx, len(payloads), insertDataRows, func(from, to int, args []any) []any {
		for _, js := range payloads[from:to] {
			b := []byte(js)
			args = append(args, dataHash(b), b)
		}
		return args
	})
	if err != nil {
		return fmt.Errorf("store event data: %w", err)
	}
	want := last + int64(len(payloads))
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
