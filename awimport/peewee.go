package awimport

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
)

// The Python aw-server's peewee schema (aw-core,
// aw_datastore/storages/peewee.py): bucketmodel(key, id, created, name,
// type, client, hostname[, datastr]) and eventmodel(id, bucket_id,
// timestamp, duration, datastr). Older files lack bucketmodel.datastr, the
// bucket's data, which newer aw-core adds on start.
var (
	peeweeBucketCols = []string{"key", "id", "created", "type", "client", "hostname"}
	peeweeEventCols  = []string{"bucket_id", "timestamp", "duration", "datastr"}
)

func openPeewee(ctx context.Context, db *sql.DB, sch schema) (*dbSource, error) {
	src := &dbSource{
		db:       db,
		format:   "aw-server (Python) database",
		keys:     map[string]int64{},
		all:      `SELECT bucket_id, CAST(timestamp AS TEXT), duration, datastr FROM eventmodel ORDER BY id`,
		decode:   decodePeeweeEvent,
		settings: map[string]json.RawMessage{},
	}
	name, data := "NULL", "NULL"
	if sch.has("bucketmodel", "name") {
		name = "name"
	}
	if sch.has("bucketmodel", "datastr") {
		data = "datastr"
		src.format += " with bucket data"
	}
	rows, err := db.QueryContext(ctx, fmt.Sprintf(
		`SELECT key, id, %s, type, client, hostname, CAST(created AS TEXT), %s FROM bucketmodel ORDER BY id`, name, data))
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server buckets: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key int64
		var id, typ, client, host string
		var bname, created, js sql.NullString
		if err := rows.Scan(&key, &id, &bname, &typ, &client, &host, &created, &js); err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server buckets: %v", err)
		}
		b := attnflow.Bucket{ID: id, Name: bname.String, Type: typ, Client: client, Hostname: host,
			Created: parseCreated(created), Data: bucketData(js)}
		if err := src.addBucket(key, b); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read aw-server buckets: %v", err)
	}
	return src, nil
}

// decodePeeweeEvent reads a row of timestamp (text, as Python's
// datetime.isoformat(" ") writes it; selected as text so that no driver
// turns the DATETIME column into a time first), duration (seconds; peewee
// binds its DecimalField as text, which SQLite stores as a number) and
// datastr.
func decodePeeweeEvent(sc scanner, decodeData dataDecoder) (attnflow.Event, error) {
	var ts string
	var dur any
	var js sql.RawBytes // valid until the next row: data decoders copy what they keep
	if err := sc.Scan(&ts, &dur, &js); err != nil {
		return attnflow.Event{}, attnflow.Errorf(attnflow.EINVALID, "unreadable event row: %v", err)
	}
	t, err := parsePythonTime(ts)
	if err != nil {
		return attnflow.Event{}, err
	}
	secs, err := seconds(dur)
	if err != nil {
		return attnflow.Event{}, err
	}
	d, err := attnflow.SecondsToDuration(secs)
	if err != nil {
		return attnflow.Event{}, err
	}
	data, err := decodeData(js)
	if err != nil {
		return attnflow.Event{}, err
	}
	e := attnflow.Event{Timestamp: t, Duration: d, Data: data}
	return e, checkEvent(e)
}

// parsePythonTime parses a timestamp as Python's isoformat(" ") writes
// it ("2024-01-02 08:00:00.123456+00:00") in one go, and anything else as
// attnflow.ParseTime does.
func parsePythonTime(s string) (time.Time, error) {
	if t, ok := parseUTCPythonTime(s); ok {
		return t, nil
	}
	if len(s) > 19 && s[10] == ' ' {
		if t, err := time.Parse(time.RFC3339Nano, s[:10]+"T"+s[11:]); err == nil {
			return t.UTC(), nil
		}
	}
	return attnflow.ParseTime(s)
}

// parseUTCPythonTime parses the form aw-server writes, a UTC time with
// "+00:00" and up to nine fractional digits, by hand: about ten times
// faster than time.Parse, which is a good part of reading a large
// database. ok is false for any other text, valid or not.
func parseUTCPythonTime(s string) (t time.Time, ok bool) {
	body, found := strings.CutSuffix(s, "+00:00")
	if !found || len(body) < 19 || len(body) == 20 || len(body) > 29 ||
		body[4] != '-' || body[7] != '-' || body[10] != ' ' || body[13] != ':' || body[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(body[0:4])
	month, ok2 := digits(body[5:7])
	day, ok3 := digits(body[8:10])
	hour, ok4 := digits(body[11:13])
	minute, ok5 := digits(body[14:16])
	sec, ok6 := digits(body[17:19])
	nsec, ok7 := 0, true
	if len(body) > 19 {
		if body[19] != '.' {
			return time.Time{}, false
		}
		frac := body[20:]
		nsec, ok7 = digits(frac)
		for range 9 - len(frac) {
			nsec *= 10
		}
	}
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || month < 1 || month > 12 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // a day the month lacks: time.Date moved it on
		return time.Time{}, false
	}
	return t, true
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// seconds converts a duration column value to seconds.
func seconds(v any) (float64, error) {
	switch x := v.(type) {
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case []byte:
		return parseSeconds(string(x))
	case string:
		return parseSeconds(x)
	}
	return 0, attnflow.Errorf(attnflow.EINVALID, "event duration %v is not a number", v)
}

func parseSeconds(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, attnflow.Errorf(attnflow.EINVALID, "event duration %q is not a number", truncate(s, 40))
	}
	return f, nil
}

// parseCreated reads a bucket's creation time; an unreadable one is left
// zero, which the store replaces with the time of import.
func parseCreated(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, err := attnflow.ParseTime(s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}
