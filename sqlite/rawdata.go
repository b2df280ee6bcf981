package sqlite

/*
#include "afsqlite.h"

// Data rows from an id on, in id order: the reader steps forward over
// near ids and seeks again (a new binding) to far ones.
static const char af_data_sql[] = "SELECT id, json FROM data WHERE id >= ?1 ORDER BY id";

// af_data_gap is the farthest the cursor steps forward row by row to
// reach the next wanted id; a step over an unwanted row (the id is the
// row's key, its JSON is not read) is cheaper than a new B-tree search.
enum { af_data_gap = 16 };

static int af_data_open(sqlite3* db, sqlite3_stmt** st) {
	return sqlite3_prepare_v3(db, af_data_sql, sizeof af_data_sql - 1, 0, st, 0);
}

// af_data_seek positions st on the first row with an id >= want: *cur is
// its id, or -1 past the last row.
static int af_data_seek(sqlite3_stmt* st, int64_t want, int64_t* cur) {
	int rv = sqlite3_reset(st);
	if (rv == af_ok) rv = sqlite3_bind_int64(st, 1, want);
	if (rv == af_ok) rv = sqlite3_step(st);
	if (rv == af_row) *cur = sqlite3_column_int64(st, 0);
	else if (rv == af_done) *cur = -1;
	else return rv;
	return af_ok;
}

// af_data_rows looks up the data rows ids[*next] to ids[n-1] (ascending)
// and appends their JSON to buf, which has room for cap bytes and holds
// *used: ends[i] becomes the end of row ids[i] in buf, or -1 if there is
// no such row. *cur is the id of the row st is on (0: not positioned, -1:
// past the end), kept across calls. It returns af_done when all are read;
// af_row when the next row does not fit, with *next at its id and *need
// its size (the caller makes room and calls again); an error code
// otherwise.
static int af_data_rows(sqlite3_stmt* st, const int64_t* ids, int n, int* next, int64_t* cur,
		char* buf, int64_t cap, int64_t* used, int64_t* ends, int64_t* need) {
	for (int i = *next; i < n; i++) {
		int64_t want = ids[i];
		int rv;
		if (*cur == 0 || *cur > want || want - *cur > af_data_gap) {
			if ((rv = af_data_seek(st, want, cur)) != af_ok) {
				*next = i;
				return rv;
			}
		}
		while (*cur > 0 && *cur < want) {
			rv = sqlite3_step(st);
			if (rv == af_row) *cur = sqlite3_column_int64(st, 0);
			else if (rv == af_done) *cur = -1;
			else {
				*next = i;
				return rv;
			}
		}
		if (*cur != want) {
			ends[i] = -1;
			continue;
		}
		const void* p = sqlite3_column_blob(st, 1);
		int64_t len = sqlite3_column_bytes(st, 1);
		if (*used + len > cap) {
			*next = i;
			*need = len;
			return af_row;
		}
		if (len > 0) memcpy(buf + *used, p, len);
		*used += len;
		ends[i] = *used;
	}
	*next = n;
	return af_done;
}
*/
import "C"

import (
	"context"
	"fmt"
	"slices"
	"unsafe"
)

// The payloads a read misses in the cache are read in C, in id order,
// stepping over near rows and seeking far ones, their JSON copied into
// one buffer: instead of one query through database/sql whose ids SQLite
// first parses from a JSON array into a temporary index and whose every
// row costs a cgo crossing and an allocation.

// dataChunk is the number of ids one cgo call looks up at most; between
// chunks the read checks its context.
const dataChunk = 4096

// rawLoadPayloads reads and decodes the data rows ids (distinct); ids
// without a row are left out of the result.
func (db *DB) rawLoadPayloads(ctx context.Context, ids []int64) (map[int64]*payload, error) {
	ids = slices.Sorted(slices.Values(ids)) // neighbouring rows share pages
	ends := make([]int64, len(ids))
	buf := make([]byte, 0, 128*len(ids))
	err := db.withHandle(ctx, func(h *C.sqlite3) error {
		var err error
		buf, err = readData(ctx, h, ids, ends, buf)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*payload, len(ids))
	in := interner{}
	start := int64(0)
	for i, id := range ids {
		if ends[i] < 0 {
			continue
		}
		p, err := decodePayload(buf[start:ends[i]], in)
		if err != nil {
			return nil, fmt.Errorf("read event data %d: %w", id, err)
		}
		out[id] = p
		start = ends[i]
	}
	return out, nil
}

// readData appends the JSON of the data rows ids to buf, setting ends as
// af_data_rows does.
func readData(ctx context.Context, h *C.sqlite3, ids, ends []int64, buf []byte) ([]byte, error) {
	var st *C.sqlite3_stmt
	defer func() { C.sqlite3_finalize(st) }()
	if rv := C.af_data_open(h, &st); rv != C.af_ok {
		return buf, sqliteErr(h, "read event data")
	}
	cur := C.int64_t(0) // the cursor's row id, kept across chunks
	for from := 0; from < len(ids); from += dataChunk {
		chunk := ids[from:min(from+dataChunk, len(ids))]
		next := C.int(0)
		for {
			if err := ctx.Err(); err != nil {
				return buf, err
			}
			if cap(buf) == 0 {
				buf = make([]byte, 0, 4096)
			}
			used := C.int64_t(len(buf))
			var need C.int64_t
			rv := C.af_data_rows(st, (*C.int64_t)(unsafe.Pointer(&chunk[0])), C.int(len(chunk)), &next, &cur,
				(*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), C.int64_t(cap(buf)), &used,
				(*C.int64_t)(unsafe.Pointer(&ends[from])), &need)
			buf = buf[:used]
			if rv == C.af_done {
				break
			}
			if rv != C.af_row {
				return buf, sqliteErr(h, "read event data")
			}
			buf = slices.Grow(buf, max(int(need), cap(buf))) // at least doubles
		}
	}
	return buf, nil
}
