package awimport

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/sqlite"
)

// dbSource is an ActivityWatch server's SQLite database, opened read-only.
type dbSource struct {
	db      *sql.DB
	format  string
	buckets []attnflow.Bucket // by id
	keys    map[string]int64  // bucket id → its row key in the database
	// all queries every event in table order (by id), the bucket's row
	// key first and then the columns decode reads.
	all string
	// decode reads a row of the events query, its data with data.
	decode   func(sc scanner, data dataDecoder) (attnflow.Event, error)
	settings map[string]json.RawMessage
	// quick, if not nil, checks every event inside the database.
	quick func(ctx context.Context) (counts map[string]int, ok bool, err error)
}

// scanner is a *sql.Rows or a *keyedRow.
type scanner interface{ Scan(dest ...any) error }

// schema is what a database file holds: its tables and their columns.
type schema map[string]map[string]bool

func (s schema) has(table string, cols ...string) bool {
	t, ok := s[table]
	if !ok {
		return false
	}
	for _, c := range cols {
		if !t[c] {
			return false
		}
	}
	return true
}

func (s schema) tables() []string {
	var names []string
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// missing lists the columns of want that table lacks.
func (s schema) missing(table string, want ...string) []string {
	var out []string
	for _, c := range want {
		if !s[table][c] {
			out = append(out, c)
		}
	}
	return out
}

// openDatabase opens an ActivityWatch server's database read-only and
// tells which server wrote it from its tables.
func openDatabase(ctx context.Context, path string) (*dbSource, error) {
	db, err := sqlite.OpenRaw(ctx, path, true)
	if err != nil {
		if damaged(err) {
			return nil, attnflow.Errorf(attnflow.EINVALID, "%s is a damaged or truncated SQLite file: %v", path, err)
		}
		return nil, fmt.Errorf("open %s as a SQLite database: %w", path, err)
	}
	src, err := detectDatabase(ctx, db, path)
	if err != nil {
		db.Close()
		return nil, err
	}
	return src, nil
}

func detectDatabase(ctx context.Context, db *sql.DB, path string) (*dbSource, error) {
	sch, err := readSchema(ctx, db)
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s is a damaged or truncated SQLite file: %v", path, err)
	}
	switch {
	case sch.has("bucketmodel") && sch.has("eventmodel"):
		if miss := append(sch.missing("bucketmodel", peeweeBucketCols...), sch.missing("eventmodel", peeweeEventCols...)...); len(miss) > 0 {
			return nil, attnflow.Errorf(attnflow.EINVALID, "%s looks like an aw-server (Python) database but lacks the columns %s: a schema this attnflow does not know", path, strings.Join(miss, ", "))
		}
		return openPeewee(ctx, db, sch)
	case sch.has("buckets") && sch.has("events", "bucketrow"):
		if miss := append(sch.missing("buckets", rustBucketCols...), sch.missing("events", rustEventCols...)...); len(miss) > 0 {
			return nil, attnflow.Errorf(attnflow.EINVALID, "%s looks like an aw-server-rust database but lacks the columns %s: a schema this attnflow does not know", path, strings.Join(miss, ", "))
		}
		return openRust(ctx, db, sch)
	case sch.has("events", "bucket", "start", "dur") && sch.has("data"):
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s is an attnflow store, not an ActivityWatch database: export it with \"attnflow export\" instead", path)
	}
	tables := sch.tables()
	if len(tables) == 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s is an empty SQLite database: no ActivityWatch tables", path)
	}
	return nil, attnflow.Errorf(attnflow.EINVALID,
		"%s is a SQLite database but not an ActivityWatch one: it has the tables %s, where aw-server has bucketmodel and eventmodel and aw-server-rust has buckets and events",
		path, strings.Join(tables, ", "))
}

// damaged reports whether a SQLite error says the file is corrupt.
func damaged(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") || strings.Contains(msg, "corrupt")
}

// readSchema lists the database's tables and their columns.
func readSchema(ctx context.Context, db *sql.DB) (schema, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sch := schema{}
	for _, n := range names {
		cols, err := tableColumns(ctx, db, n)
		if err != nil {
			return nil, err
		}
		sch[n] = cols
	}
	return sch, nil
}

func tableColumns(ctx context.Context, db *sql.DB, table string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols[c] = true
	}
	return cols, rows.Err()
}

// QuickCheck implements quickChecker.
func (s *dbSource) QuickCheck(ctx context.Context) (map[string]int, bool, error) {
	if s.quick == nil {
		return nil, false, nil
	}
	return s.quick(ctx)
}

func (s *dbSource) Format() string             { return s.format }
func (s *dbSource) Buckets() []attnflow.Bucket { return s.buckets }
func (s *dbSource) Close() error               { return s.db.Close() }
func (s *dbSource) Settings(context.Context) (map[string]json.RawMessage, error) {
	return s.settings, nil
}

// addBucket records a bucket read from the database.
func (s *dbSource) addBucket(key int64, b attnflow.Bucket) error {
	if err := checkBucket(b); err != nil {
		return err
	}
	if _, dup := s.keys[b.ID]; dup {
		return attnflow.Errorf(attnflow.EINVALID, "bucket %q appears twice", b.ID)
	}
	s.keys[b.ID] = key
	s.buckets = append(s.buckets, b)
	return nil
}

// Scan implements Source, in table order: the file is read front to
// back, each bucket's events by id, the buckets' events interleaved.
func (s *dbSource) Scan(ctx context.Context, decode bool, fn func(string, attnflow.Event, error) error) error {
	dec := newCheckCache(4096).check
	if decode {
		dec = newDataCache(4096).decode
	}
	return s.scanAll(ctx, dec, fn)
}

// scanAll reads every event in table order; events of no known bucket are
// passed over, as the server never shows them.
func (s *dbSource) scanAll(ctx context.Context, dec dataDecoder, fn func(string, attnflow.Event, error) error) error {
	ids := make(map[int64]string, len(s.keys))
	for id, key := range s.keys {
		ids[key] = id
	}
	rows, err := s.db.QueryContext(ctx, s.all)
	if err != nil {
		if damaged(err) {
			return attnflow.Errorf(attnflow.EINVALID, "read events: %v: the file is damaged or truncated", err)
		}
		return fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	kr := &keyedRow{rows: rows}
	for rows.Next() {
		e, bad := s.decode(kr, dec)
		id, known := ids[kr.key]
		if !known {
			continue
		}
		if err := fn(id, e, bad); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "read events: %v (is the file damaged or truncated?)", err)
	}
	return nil
}

// keyedRow scans a row whose first column is a bucket's row key.
type keyedRow struct {
	rows *sql.Rows
	key  int64
	dest []any
}

func (k *keyedRow) Scan(dest ...any) error {
	k.dest = append(append(k.dest[:0], &k.key), dest...)
	return k.rows.Scan(k.dest...)
}

// dataDecoder parses an event's data column, a JSON object.
type dataDecoder func(js []byte) (attnflow.Data, error)

// checkData only checks that js is a JSON object and returns nil data.
func checkData(js []byte) (attnflow.Data, error) {
	if !json.Valid(js) || !isObject(js) {
		return nil, errNotObject(js)
	}
	return nil, nil
}

// checkCache checks data columns as checkData does, remembering the
// texts it found valid: a watcher writes the same data many times, and a
// map lookup is several times faster than json.Valid. It holds at most
// size texts.
type checkCache struct {
	size  int
	valid map[string]struct{}
}

func newCheckCache(size int) *checkCache {
	return &checkCache{size: size, valid: make(map[string]struct{}, size)}
}

func (c *checkCache) check(js []byte) (attnflow.Data, error) {
	if _, ok := c.valid[string(js)]; ok {
		return nil, nil
	}
	if _, err := checkData(js); err != nil {
		return nil, err
	}
	if len(c.valid) >= c.size {
		clear(c.valid)
	}
	c.valid[string(js)] = struct{}{}
	return nil, nil
}

func errNotObject(js []byte) error {
	return attnflow.Errorf(attnflow.EINVALID, "event data is not a JSON object: %s", truncate(string(js), 60))
}

// decodeData parses js.
func decodeData(js []byte) (attnflow.Data, error) {
	var d attnflow.Data
	if err := json.Unmarshal(js, &d); err != nil {
		return nil, errNotObject(js)
	}
	if d == nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "event data is null")
	}
	return d, nil
}

// dataCache decodes data columns, reusing the result for a text seen
// recently: attention has locality, and a watcher writes the same app and
// title many times in a row. The Data it returns are shared and must not
// be modified. It holds at most size texts.
type dataCache struct {
	size int
	m    map[string]attnflow.Data
}

func newDataCache(size int) *dataCache {
	return &dataCache{size: size, m: make(map[string]attnflow.Data, size)}
}

func (c *dataCache) decode(js []byte) (attnflow.Data, error) {
	if d, ok := c.m[string(js)]; ok {
		return d, nil
	}
	d, err := decodeData(js)
	if err != nil {
		return nil, err
	}
	if len(c.m) >= c.size {
		clear(c.m)
	}
	c.m[string(js)] = d
	return d, nil
}

// bucketData parses a bucket's data column; missing or broken data (as
// early aw-server-rust versions wrote) reads as empty.
func bucketData(js sql.NullString) attnflow.Data {
	var d attnflow.Data
	if js.Valid {
		_ = json.Unmarshal([]byte(js.String), &d)
	}
	if d == nil {
		d = attnflow.Data{}
	}
	return d
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// isObject reports whether valid JSON js is an object.
func isObject(js []byte) bool {
	for _, c := range js {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{'
	}
	return false
}
