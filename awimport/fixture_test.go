package awimport

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/sqlite"
)

// fixtureBucket is a bucket and the events a test writes into a source.
type fixtureBucket struct {
	bucket attnflow.Bucket
	events []attnflow.Event // with duplicates, as a source may hold them
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// fixture is a small, realistic history: unicode titles, zero-duration
// events, an exact duplicate, nested data, an empty bucket. Times have
// microsecond precision, which every source format keeps.
func fixture() []fixtureBucket {
	win := attnflow.Bucket{ID: "aw-watcher-window_laptop", Name: "窗口 watcher", Type: "currentwindow", Client: "aw-watcher-window",
		Hostname: "laptop", Created: ts("2024-01-02T08:00:00.123456Z"), Data: attnflow.Data{}}
	afk := attnflow.Bucket{ID: "aw-watcher-afk_laptop", Type: "afkstatus", Client: "aw-watcher-afk",
		Hostname: "laptop", Created: ts("2024-01-02T08:00:01Z"), Data: attnflow.Data{}}
	web := attnflow.Bucket{ID: "aw-watcher-web-firefox_laptop", Type: "web.tab.current", Client: "aw-client-web",
		Hostname: "laptop", Created: ts("2024-01-03T09:30:00Z"), Data: attnflow.Data{"browser": "firefox"}}
	empty := attnflow.Bucket{ID: "aw-watcher-vim_laptop", Type: "app.editor.activity", Client: "aw-watcher-vim",
		Hostname: "laptop", Created: ts("2024-01-04T10:00:00Z"), Data: attnflow.Data{}}
	ev := func(at string, secs float64, data attnflow.Data) attnflow.Event {
		return attnflow.Event{Timestamp: ts(at), Duration: time.Duration(secs * float64(time.Second)), Data: data}
	}
	dup := ev("2024-01-02T08:05:00.5Z", 12.25, attnflow.Data{"app": "Code", "title": "main.go — attnflow"})
	return []fixtureBucket{
		{win, []attnflow.Event{
			ev("2024-01-02T08:00:00.123456Z", 300.5, attnflow.Data{"app": "Firefox", "title": "日本語のページ — Mozilla Firefox"}),
			dup, dup,
			ev("2024-01-02T08:05:12.75Z", 0, attnflow.Data{"app": "Slack", "title": "🚀 launch | #général"}),
			ev("2024-01-02T08:05:12.75Z", 0, attnflow.Data{"app": "Slack", "title": "🚀 launch | #général (1)"}),
			ev("2024-01-02T09:00:00.000001Z", 59.999999, attnflow.Data{"app": "Terminal", "title": `quote " and \ backslash`}),
		}},
		{afk, []attnflow.Event{
			ev("2024-01-02T08:00:00Z", 3600, attnflow.Data{"status": "not-afk"}),
			ev("2024-01-02T09:00:00Z", 180, attnflow.Data{"status": "afk"}),
		}},
		{web, []attnflow.Event{
			ev("2024-01-03T09:30:00Z", 42.5, attnflow.Data{"url": "https://zh.wikipedia.org/wiki/注意力", "title": "注意力 - 维基百科",
				"audible": false, "incognito": false, "tabCount": float64(7)}),
			ev("2024-01-03T09:31:00Z", 0, attnflow.Data{"url": "about:blank", "title": "", "audible": true,
				"nested": map[string]any{"list": []any{float64(1), "two", nil}}}),
		}},
		{empty, nil},
	}
}

// fixtureSettings are the settings a Rust database holds, as stored.
var fixtureSettings = map[string]string{
	"settings.classes":               `[{"id":1,"name":["Work","Programming"],"rule":{"type":"regex","regex":"GitHub|vim|Code","ignore_case":true},"data":{"color":"#fff","score":2}}]`,
	"settings.startOfDay":            `"04:00"`,
	"settings.landingpage":           `"\"/activity\""`,
	"settings.always_active_pattern": `"[\"zoom\",\"meet\"]"`,
	"IGNORE_FILTERS_APPS":            "KeePass",
}

// wantSettings is what the store must hold after importing fixtureSettings.
var wantSettings = map[string]string{
	"classes":               `[{"id":1,"name":["Work","Programming"],"rule":{"type":"regex","regex":"GitHub|vim|Code","ignore_case":true},"data":{"color":"#fff","score":2}}]`,
	"startOfDay":            `"04:00"`,
	"landingpage":           `"\"/activity\""`,
	"always_active_pattern": `["zoom","meet"]`,
}

// openRaw opens (creating) a SQLite file for a test to build.
func openRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sqlite.OpenRaw(context.Background(), path, false)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return db
}

func mustExec(t testing.TB, db interface {
	Exec(string, ...any) (sql.Result, error)
}, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// pythonTime formats t as Python's datetime.isoformat(" ") does for an
// aware UTC datetime, which is how peewee's DateTimeField stores it.
func pythonTime(t time.Time) string {
	if t.Nanosecond() == 0 {
		return t.UTC().Format("2006-01-02 15:04:05-07:00")
	}
	return t.UTC().Format("2006-01-02 15:04:05.000000-07:00")
}

// peeweeSchema is the DDL peewee generates for aw-core's BucketModel and
// EventModel (aw_datastore/storages/peewee.py); datastr on bucketmodel is
// added by a later migration (ALTER TABLE), see buildPeewee.
var peeweeSchema = []string{
	`CREATE TABLE IF NOT EXISTS "bucketmodel" ("key" INTEGER NOT NULL PRIMARY KEY, "id" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL, "name" VARCHAR(255), "type" VARCHAR(255) NOT NULL, "client" VARCHAR(255) NOT NULL, "hostname" VARCHAR(255) NOT NULL)`,
	`CREATE UNIQUE INDEX IF NOT EXISTS "bucketmodel_id" ON "bucketmodel" ("id")`,
	`CREATE TABLE IF NOT EXISTS "eventmodel" ("id" INTEGER NOT NULL PRIMARY KEY, "bucket_id" INTEGER NOT NULL, "timestamp" DATETIME NOT NULL, "duration" DECIMAL(10, 5) NOT NULL, "datastr" VARCHAR(255) NOT NULL, FOREIGN KEY ("bucket_id") REFERENCES "bucketmodel" ("key"))`,
	`CREATE INDEX IF NOT EXISTS "eventmodel_bucket_id" ON "eventmodel" ("bucket_id")`,
	`CREATE INDEX IF NOT EXISTS "eventmodel_timestamp" ON "eventmodel" ("timestamp")`,
}

// peeweeDatastr is aw-core's auto_migrate step that gives buckets data.
const peeweeDatastr = `ALTER TABLE "bucketmodel" ADD COLUMN "datastr" VARCHAR(255) DEFAULT '{}'`

// buildPeewee writes the fixture as aw-server (Python) would have stored
// it; withData selects the newer schema with bucket data.
func buildPeewee(t testing.TB, path string, fx []fixtureBucket, withData bool) {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	for _, q := range peeweeSchema {
		mustExec(t, db, q)
	}
	if withData {
		mustExec(t, db, peeweeDatastr)
	}
	for i, f := range fx {
		b := f.bucket
		created := b.Created.Format("2006-01-02 15:04:05.000000") // datetime.now(): naive
		mustExec(t, db, `INSERT INTO bucketmodel (key, id, created, name, type, client, hostname) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			i+1, b.ID, created, nullString(b.Name), b.Type, b.Client, b.Hostname)
		if withData {
			js, _ := json.Marshal(b.Data)
			mustExec(t, db, `UPDATE bucketmodel SET datastr = ? WHERE key = ?`, string(js), i+1)
		}
		for _, e := range f.events {
			js, _ := json.Marshal(e.Data)
			mustExec(t, db, `INSERT INTO eventmodel (bucket_id, timestamp, duration, datastr) VALUES (?, ?, ?, ?)`,
				i+1, pythonTime(e.Timestamp), fmt.Sprint(e.Duration.Seconds()), string(js))
		}
	}
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// rustMigrations are aw-server-rust's schema steps (aw-datastore/src/
// datastore.rs), index i taking a database from version i to i+1.
var rustMigrations = [][]string{
	{
		`CREATE TABLE IF NOT EXISTS buckets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT UNIQUE NOT NULL,
            type TEXT NOT NULL,
            client TEXT NOT NULL,
            hostname TEXT NOT NULL,
            created TEXT NOT NULL
        )`,
		`CREATE INDEX IF NOT EXISTS bucket_id_index ON buckets(id)`,
		`CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            bucketrow INTEGER NOT NULL,
            starttime INTEGER NOT NULL,
            endtime INTEGER NOT NULL,
            data TEXT NOT NULL,
            FOREIGN KEY (bucketrow) REFERENCES buckets(id)
        )`,
		`CREATE INDEX IF NOT EXISTS events_bucketrow_index ON events(bucketrow)`,
		`CREATE INDEX IF NOT EXISTS events_starttime_index ON events(starttime)`,
		`CREATE INDEX IF NOT EXISTS events_endtime_index ON events(endtime)`,
	},
	{`ALTER TABLE buckets ADD COLUMN data TEXT DEFAULT '{}';`},
	{
		`ALTER TABLE buckets RENAME COLUMN data TO data_deprecated;`,
		`ALTER TABLE buckets ADD COLUMN data TEXT NOT NULL DEFAULT '{}';`,
	},
	{`CREATE TABLE key_value (
        key TEXT PRIMARY KEY,
        value TEXT,
        last_modified NUMBER NOT NULL
    );`},
	{
		`DROP INDEX IF EXISTS events_bucketrow_index`,
		`DROP INDEX IF EXISTS events_starttime_index`,
		`DROP INDEX IF EXISTS events_endtime_index`,
		`CREATE INDEX IF NOT EXISTS events_bucketrow_starttime_endtime_index ON events(bucketrow, starttime DESC, endtime)`,
	},
	{`CREATE INDEX IF NOT EXISTS events_bucketrow_endtime_starttime_index ON events(bucketrow, endtime, starttime DESC)`},
}

// createRust makes an empty aw-server-rust database of the given schema
// version.
func createRust(t testing.TB, path string, version int) *sql.DB {
	t.Helper()
	db := openRaw(t, path)
	for v := 0; v < version; v++ {
		for _, q := range rustMigrations[v] {
			mustExec(t, db, q)
		}
		mustExec(t, db, fmt.Sprintf("PRAGMA user_version = %d", v+1))
	}
	return db
}

// rustTime formats a bucket's created time as rusqlite stores a chrono
// DateTime<Utc>.
func rustTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999999-07:00") }

// buildRust writes the fixture (and, from v4 on, fixtureSettings) as
// aw-server-rust would have stored it.
func buildRust(t testing.TB, path string, fx []fixtureBucket, version int) {
	t.Helper()
	db := createRust(t, path, version)
	defer db.Close()
	for i, f := range fx {
		b := f.bucket
		if version >= 2 {
			js, _ := json.Marshal(b.Data)
			mustExec(t, db, `INSERT INTO buckets (id, name, type, client, hostname, created, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				i+1, b.ID, b.Type, b.Client, b.Hostname, rustTime(b.Created), string(js))
		} else {
			mustExec(t, db, `INSERT INTO buckets (id, name, type, client, hostname, created) VALUES (?, ?, ?, ?, ?, ?)`,
				i+1, b.ID, b.Type, b.Client, b.Hostname, rustTime(b.Created))
		}
		for _, e := range f.events {
			js, _ := json.Marshal(e.Data)
			mustExec(t, db, `INSERT INTO events (bucketrow, starttime, endtime, data) VALUES (?, ?, ?, ?)`,
				i+1, e.Timestamp.UnixNano(), e.End().UnixNano(), string(js))
		}
	}
	if version >= 4 {
		for k, v := range fixtureSettings {
			mustExec(t, db, `INSERT INTO key_value (key, value, last_modified) VALUES (?, ?, ?)`, k, v, 1700000000)
		}
	}
}

// newStore opens a fresh store in a test directory.
func newStore(t testing.TB) *sqlite.DB {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "attnflow.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// eventKey orders and compares events by every field but the id.
func eventKey(e attnflow.Event) string {
	return fmt.Sprintf("%d|%d|%s", e.Timestamp.UnixNano(), e.Duration, e.Data.Canonical())
}

// distinctKeys returns the events' keys sorted, duplicates removed.
func distinctKeys(events []attnflow.Event) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range events {
		if k := eventKey(e); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
