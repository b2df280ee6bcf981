package sqlite

/*
#include "afsqlite.h"

// The range query in the index's own order, so that SQLite needs no
// sorter: the reader puts the rows newest first with ties by ascending
// id. Newest first (desc) serves a limit; oldest first (asc) reads a
// whole range faster, because SQLite's step to the table row of the next
// rowid skips the B-tree search when ids ascend with starts.
static const char af_events_desc[] =
	"SELECT id, start, dur, data FROM events"
	" WHERE bucket = ?1 AND start <= ?2 AND start >= ?3 AND start + dur >= ?4"
	" ORDER BY start DESC, id DESC";
static const char af_events_asc[] =
	"SELECT id, start, dur, data FROM events"
	" WHERE bucket = ?1 AND start <= ?2 AND start >= ?3 AND start + dur >= ?4"
	" ORDER BY start, id";

static int af_events_open(sqlite3* db, sqlite3_stmt** st, int asc, int64_t bucket, int64_t hi, int64_t lo, int64_t end_min) {
	int rv = asc ? sqlite3_prepare_v3(db, af_events_asc, sizeof af_events_asc - 1, 0, st, 0)
		: sqlite3_prepare_v3(db, af_events_desc, sizeof af_events_desc - 1, 0, st, 0);
	if (rv != af_ok) return rv;
	if ((rv = sqlite3_bind_int64(*st, 1, bucket)) != af_ok) return rv;
	if ((rv = sqlite3_bind_int64(*st, 2, hi)) != af_ok) return rv;
	if ((rv = sqlite3_bind_int64(*st, 3, lo)) != af_ok) return rv;
	return sqlite3_bind_int64(*st, 4, end_min);
}

// af_events_rows steps st up to max times, writing each row's four
// integer columns to out, and sets *n to the rows written. It returns
// af_row when it stopped because max rows were written, else the last
// step's result (af_done at the end, or an error code).
static int af_events_rows(sqlite3_stmt* st, int64_t* out, int max, int* n) {
	int i = 0;
	while (i < max) {
		int rv = sqlite3_step(st);
		if (rv != af_row) {
			*n = i;
			return rv;
		}
		out[0] = sqlite3_column_int64(st, 0);
		out[1] = sqlite3_column_int64(st, 1);
		out[2] = sqlite3_column_int64(st, 2);
		out[3] = sqlite3_column_int64(st, 3);
		out += 4;
		i++;
	}
	*n = i;
	return af_row;
}
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The range scan of Events runs in C: one cgo call steps SQLite through a
// chunk of rows and writes their four integer columns straight into the
// caller's []eventRow, where database/sql would cross into C once per row,
// box every column into an interface and convert it again in Scan. It
// needs the sqlite3* handle of a pooled connection, which
// mattn/go-sqlite3 keeps in an unexported field (read by reflection, see
// connHandle); if a driver version moves it, Events falls back to the
// database/sql scan and TestRawScanAvailable fails.

// scanChunk is the number of rows one cgo call reads at most; between
// chunks the scan checks its context.
const scanChunk = 4096

// eventRow must be four int64s in a row: C writes it as int64_t[4].
var _ [1]struct{} = [unsafe.Sizeof(eventRow{}) / 32]struct{}{}

// errNoHandle says the driver connection does not expose its handle.
var errNoHandle = errors.New("driver connection has no sqlite3 handle")

// connHandle returns the sqlite3* of a mattn/go-sqlite3 connection, taken
// from its unexported field "db".
func connHandle(dc any) (*C.sqlite3, error) {
	conn, ok := dc.(*sqlite3.SQLiteConn)
	if !ok || conn == nil {
		return nil, fmt.Errorf("%w: connection is %T", errNoHandle, dc)
	}
	f := reflect.ValueOf(conn).Elem().FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Pointer || f.Type().Elem().Name() != "_Ctype_struct_sqlite3" {
		return nil, errNoHandle
	}
	h := f.UnsafePointer()
	if h == nil {
		return nil, fmt.Errorf("%w: connection is closed", errNoHandle)
	}
	return (*C.sqlite3)(h), nil
}

// withHandle runs fn with the sqlite3* of a read connection, which it
// has to itself until fn returns.
func (db *DB) withHandle(ctx context.Context, fn func(h *C.sqlite3) error) error {
	conn, err := db.rdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("read connection: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		h, err := connHandle(dc)
		if err != nil {
			return err
		}
		return fn(h)
	})
}

// rawScanEvents appends the rows of a range query to buf, newest first
// with ties of start by ascending id, at most limit rows unless limit is
// negative, as the events statement would return them.
func (db *DB) rawScanEvents(ctx context.Context, buf []eventRow, bucket, hi, lo, endMin, limit int64) ([]eventRow, error) {
	from := len(buf)
	err := db.withHandle(ctx, func(h *C.sqlite3) error {
		var err error
		buf, err = stepEvents(ctx, h, buf, bucket, hi, lo, endMin, limit)
		return err
	})
	if err != nil {
		return buf[:from], err
	}
	if limit < 0 {
		slices.Reverse(buf[from:]) // read oldest first
	}
	return orderTies(buf, from, limit), nil
}

// stepEvents runs the range query on h and appends its rows to buf:
// without a limit (limit < 0) oldest first, ties by ascending id; with
// one newest first, ties by descending id, up to the limit and the rest
// of the tie group at the limit, so that orderTies can keep the lowest
// ids of it.
func stepEvents(ctx context.Context, h *C.sqlite3, buf []eventRow, bucket, hi, lo, endMin, limit int64) ([]eventRow, error) {
	if limit == 0 {
		return buf, nil
	}
	var st *C.sqlite3_stmt
	defer func() { C.sqlite3_finalize(st) }()
	if rv := C.af_events_open(h, &st, C.int(boolInt(limit < 0)), C.int64_t(bucket), C.int64_t(hi), C.int64_t(lo), C.int64_t(endMin)); rv != C.af_ok {
		return buf, sqliteErr(h, "read events")
	}
	if limit < 0 {
		return stepAll(ctx, h, st, buf)
	}
	read := int64(0)
	for {
		if err := ctx.Err(); err != nil {
			return buf, err
		}
		n := int(min(limit-read, scanChunk))
		if read >= limit {
			n = 1 // only the rest of the last tie group
		}
		buf = slices.Grow(buf, n)
		out := buf[len(buf) : len(buf)+n]
		got, rv := stepRows(st, out)
		if read >= limit && got == 1 && out[0].start != buf[len(buf)-1].start {
			return buf, nil // past the tie group
		}
		buf = buf[:len(buf)+got]
		read += int64(got)
		if done, err := stepDone(h, rv); done || err != nil {
			return buf, err
		}
	}
}

// spillChunk is the size of the chunks stepAll reads into once the row
// buffer it was given is full.
const spillChunk = 1 << 15

// stepAll appends all rows of st to buf. Rows past buf's capacity (the
// pooled buffer holds 2^17) go to chunks of their own, joined once at
// the end: growing one buffer instead would copy everything read so far
// at each growth (about 80 MB allocated for a year's window events).
func stepAll(ctx context.Context, h *C.sqlite3, st *C.sqlite3_stmt, buf []eventRow) ([]eventRow, error) {
	var full [][]eventRow // filled chunks, in order; buf is the first
	dst := buf
	for {
		if err := ctx.Err(); err != nil {
			return buf, err
		}
		if cap(dst)-len(dst) < scanChunk {
			if len(full) == 0 && cap(dst) < maxPooledRows {
				dst = slices.Grow(dst, scanChunk) // a small buffer: grow it
			} else {
				full = append(full, dst)
				dst = make([]eventRow, 0, spillChunk)
			}
		}
		got, rv := stepRows(st, dst[len(dst):len(dst)+scanChunk])
		dst = dst[:len(dst)+got]
		done, err := stepDone(h, rv)
		if err != nil {
			return buf, err
		}
		if done {
			return joinRows(append(full, dst)), nil
		}
	}
}

// joinRows concatenates chunks into one slice, the first chunk itself if
// there is only one.
func joinRows(chunks [][]eventRow) []eventRow {
	if len(chunks) == 1 {
		return chunks[0]
	}
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	out := make([]eventRow, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}

// stepRows reads up to len(out) rows of st into out.
func stepRows(st *C.sqlite3_stmt, out []eventRow) (int, C.int) {
	var got C.int
	rv := C.af_events_rows(st, (*C.int64_t)(unsafe.Pointer(&out[0])), C.int(len(out)), &got)
	return int(got), rv
}

// stepDone interprets af_events_rows' result: more rows to read, the
// end, or an error.
func stepDone(h *C.sqlite3, rv C.int) (bool, error) {
	switch rv {
	case C.af_row:
		return false, nil
	case C.af_done:
		return true, nil
	}
	return true, sqliteErr(h, "read events")
}

// sqliteErr is the connection's last error, after what.
func sqliteErr(h *C.sqlite3, what string) error {
	return fmt.Errorf("%s: %s", what, C.GoString(C.sqlite3_errmsg(h)))
}

// orderTies reverses each run of equal starts in rows[from:] (read by
// descending id) into ascending id order, and cuts the rows to limit.
func orderTies(rows []eventRow, from int, limit int64) []eventRow {
	for i := from; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].start == rows[i].start {
			j++
		}
		if j-i > 1 {
			slices.Reverse(rows[i:j])
		}
		i = j
	}
	if limit >= 0 && int64(len(rows)-from) > limit {
		rows = rows[:from+int(limit)]
	}
	return rows
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
