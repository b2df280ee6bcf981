package awimport

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
)

// The Rust aw-server's schema (aw-server-rust,
// aw-datastore/src/datastore.rs), versioned by PRAGMA user_version:
//
//	v1: buckets(id, name, type, client, hostname, created) — name holds the
//	    bucket id — and events(id, bucketrow, starttime, endtime, data) with
//	    times in integer nanoseconds since 1970
//	v2: buckets.data added (could hold NULL)
//	v3: that column renamed data_deprecated, a new buckets.data NOT NULL
//	v4: key_value(key, value, last_modified); settings under "settings.KEY"
//	v5, v6: only indexes changed
var (
	rustBucketCols = []string{"id", "name", "type", "client", "hostname", "created"}
	rustEventCols  = []string{"id", "bucketrow", "starttime", "endtime", "data"}
)

// rustNewest is the newest aw-server-rust schema version known here.
const rustNewest = 6

func openRust(ctx context.Context, db *sql.DB, sch schema) (*dbSource, error) {
	var version int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust schema version: %v", err)
	}
	src := &dbSource{
		db:     db,
		format: fmt.Sprintf("aw-server-rust database (schema v%d)", version),
		keys:   map[string]int64{},
		all:    `SELECT bucketrow, starttime, endtime, data FROM events ORDER BY id`,
		decode: decodeRustEvent,
	}
	src.quick = src.quickCheckRust
	if version > rustNewest {
		src.format += fmt.Sprintf(", newer than the v%d known here", rustNewest)
	}
	if err := src.readRustBuckets(ctx, sch.has("buckets", "data")); err != nil {
		return nil, err
	}
	settings, err := readRustSettings(ctx, db, sch.has("key_value", "key", "value"))
	if err != nil {
		return nil, err
	}
	src.settings = settings
	return src, nil
}

func (s *dbSource) readRustBuckets(ctx context.Context, hasData bool) error {
	data := "NULL"
	if hasData {
		data = "data"
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, name, type, client, hostname, CAST(created AS TEXT), `+data+` FROM buckets ORDER BY name`)
	if err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust buckets: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key int64
		var id, typ, client, host string
		var created, js sql.NullString
		if err := rows.Scan(&key, &id, &typ, &client, &host, &created, &js); err != nil {
			return attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust buckets: %v", err)
		}
		b := attnflow.Bucket{ID: id, Type: typ, Client: client, Hostname: host,
			Created: parseCreated(created), Data: bucketData(js)}
		if err := s.addBucket(key, b); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust buckets: %v", err)
	}
	return nil
}

// decodeRustEvent reads a row of starttime and endtime (integer
// nanoseconds) and data (a JSON object).
func decodeRustEvent(sc scanner, decodeData dataDecoder) (attnflow.Event, error) {
	var start, end int64
	var js sql.RawBytes // valid until the next row: data decoders copy what they keep
	if err := sc.Scan(&start, &end, &js); err != nil {
		return attnflow.Event{}, attnflow.Errorf(attnflow.EINVALID, "unreadable event row: %v", err)
	}
	if end < start {
		return attnflow.Event{}, attnflow.Errorf(attnflow.EINVALID, "event ends (%d ns) before it starts (%d ns)", end, start)
	}
	data, err := decodeData(js)
	if err != nil {
		return attnflow.Event{}, err
	}
	return attnflow.Event{Timestamp: time.Unix(0, start).UTC(), Duration: time.Duration(end - start), Data: data}, nil
}

// settingsPrefix marks the web UI's settings among aw-server-rust's
// key-value pairs; other keys are the server's own.
const settingsPrefix = "settings."

// readRustSettings returns the settings of the key_value table, keyed as
// the web UI asks for them (without the prefix).
func readRustSettings(ctx context.Context, db *sql.DB, has bool) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	if !has {
		return out, nil
	}
	rows, err := db.QueryContext(ctx, `SELECT key, value FROM key_value WHERE key LIKE 'settings.%' ORDER BY key`)
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust settings: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var value sql.NullString
		if err := rows.Scan(&key, &value); err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust settings: %v", err)
		}
		name := strings.TrimPrefix(key, settingsPrefix)
		if !value.Valid || name == "" || name == key {
			continue
		}
		out[name] = settingValue(value.String)
	}
	if err := rows.Err(); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server-rust settings: %v", err)
	}
	return out, nil
}

// settingValue turns a stored setting into JSON: valid JSON as it is, a
// JSON string holding a JSON object or list (stored twice encoded) as that
// object or list, and anything else as a JSON string.
func settingValue(s string) json.RawMessage {
	if json.Valid([]byte(s)) {
		var inner string
		if err := json.Unmarshal([]byte(s), &inner); err == nil {
			t := strings.TrimSpace(inner)
			if (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) && json.Valid([]byte(t)) {
				return json.RawMessage(t)
			}
		}
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}

// quickCheckRust counts each bucket's events and checks them all inside
// SQLite, which is several times faster than reading them out: ok is true
// when every event has a JSON object as data and does not end before it
// starts. When it is false the caller reads the events to say which.
//
// Two queries: the counts come from an index alone, and the check reads
// the table front to back instead of in the index's order (a third less
// time than one grouped query doing both).
func (s *dbSource) quickCheckRust(ctx context.Context) (counts map[string]int, ok bool, _ error) {
	counts, ok, err := s.quickCount(ctx, `SELECT bucketrow, COUNT(*), 0 FROM events GROUP BY bucketrow`)
	if err != nil || !ok {
		return counts, ok, err
	}
	var bad sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT SUM(endtime < starttime OR
		CASE WHEN json_valid(data) THEN json_type(data) IS NOT 'object' ELSE 1 END) FROM events`).Scan(&bad)
	if err != nil {
		return nil, false, nil // the scan in Go will say what is wrong
	}
	return counts, bad.Int64 == 0, nil
}

// quickCount runs a query of (bucket row key, events, doubtful events)
// and returns the counts by bucket id and whether nothing is in doubt.
// Any error leaves the check to Go.
func (s *dbSource) quickCount(ctx context.Context, query string) (counts map[string]int, ok bool, _ error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, false, nil // e.g. an old SQLite without json_valid
	}
	defer rows.Close()
	byKey := map[int64]int{}
	bad := 0
	for rows.Next() {
		var key int64
		var n, nbad int
		if err := rows.Scan(&key, &n, &nbad); err != nil {
			return nil, false, nil
		}
		byKey[key] = n
		bad += nbad
	}
	if rows.Err() != nil {
		return nil, false, nil // the scan in Go will say what is wrong
	}
	counts = map[string]int{}
	for id, key := range s.keys {
		counts[id] = byKey[key]
	}
	return counts, bad == 0, nil
}
