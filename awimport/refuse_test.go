package awimport

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
)

// writeFile writes b to a new file in a test directory.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func readTestdata(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/aw-export.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// truncated returns the first half of a file built by build.
func truncated(t *testing.T, build func(t *testing.T, path string)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "whole")
	build(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "x.db", b[:len(b)/2])
}

// changed builds a database with build and runs one statement on it.
func changed(t *testing.T, build func(t *testing.T, path string), stmt string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "aw.db")
	build(t, path)
	db := openRaw(t, path)
	defer db.Close()
	mustExec(t, db, stmt)
	return path
}

// bigRust is an aw-server-rust database large enough that cutting it in
// half cuts into its events.
func bigRust(t *testing.T, path string) { buildBenchRust(t, path, 5000) }

// bigPeewee is the same for aw-server.
func bigPeewee(t *testing.T, path string) { buildBenchPeewee(t, path, 5000) }

// damagedCopy builds a database with build and overwrites its second half.
func damagedCopy(t *testing.T, build func(t *testing.T, path string)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "whole")
	build(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 2; i < len(b); i++ {
		b[i] = 0xAB
	}
	return writeFile(t, "x.db", b)
}

func TestImportRefusesBadFilesAndWritesNothing(t *testing.T) {
	export := string(readTestdata(t))
	badEvent := strings.Replace(export, `"duration": 42.5`, `"duration": -42.5`, 1)
	tests := []struct {
		name string
		path func(t *testing.T) string
		want string // in the error message
	}{
		{"truncated export", func(t *testing.T) string {
			return writeFile(t, "x.json", []byte(export[:len(export)*2/3]))
		}, "truncated"},
		{"export with trailing garbage", func(t *testing.T) string {
			return writeFile(t, "x.json", []byte(export+"\n{}"))
		}, "more data follows"},
		{"export with a negative duration", func(t *testing.T) string {
			return writeFile(t, "x.json", []byte(badEvent))
		}, `bucket "aw-watcher-web-firefox_laptop", event 2: duration -42.5`},
		{"json that is no export", func(t *testing.T) string {
			return writeFile(t, "x.json", []byte(`{"version": 1, "items": []}`))
		}, `no "buckets"`},
		{"bucket without type", func(t *testing.T) string {
			return writeFile(t, "x.json", []byte(`{"buckets": {"b": {"id": "b", "client": "c", "events": []}}}`))
		}, "lacks a type"},
		{"empty file", func(t *testing.T) string { return writeFile(t, "x", nil) }, "empty"},
		{"text file", func(t *testing.T) string {
			return writeFile(t, "notes.txt", []byte("timestamp,duration\n2024-01-01,5\n"))
		}, "neither an ActivityWatch export"},
		{"foreign sqlite", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "other.db")
			db := openRaw(t, path)
			mustExec(t, db, `CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)`)
			db.Close()
			return path
		}, "not an ActivityWatch one: it has the tables moz_places"},
		{"attnflow store", func(t *testing.T) string {
			st := newStore(t)
			st.Close()
			return st.Path()
		}, "is an attnflow store"},
		{"peewee schema missing a column", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "old.db")
			db := openRaw(t, path)
			mustExec(t, db, `CREATE TABLE bucketmodel (key INTEGER PRIMARY KEY, id TEXT)`)
			mustExec(t, db, `CREATE TABLE eventmodel (id INTEGER PRIMARY KEY, bucket_id INTEGER)`)
			db.Close()
			return path
		}, "lacks the columns created, type, client, hostname, timestamp, duration, datastr"},
		{"truncated aw-server-rust database", func(t *testing.T) string { return truncated(t, bigRust) }, "truncated SQLite file: its header says"},
		{"damaged aw-server-rust database", func(t *testing.T) string { return damagedCopy(t, bigRust) }, "damaged or truncated"},
		{"truncated aw-server database", func(t *testing.T) string { return truncated(t, bigPeewee) }, "truncated SQLite file: its header says"},
		{"damaged aw-server database", func(t *testing.T) string { return damagedCopy(t, bigPeewee) }, "damaged or truncated"},
		{"truncated sqlite header", func(t *testing.T) string {
			return writeFile(t, "x.db", sqliteMagic[:10])
		}, "truncated SQLite"},
		{"rust event ending before it starts", func(t *testing.T) string {
			return changed(t, func(t *testing.T, p string) { buildRust(t, p, fixture(), 6) }, `UPDATE events SET endtime = starttime - 1 WHERE id = 3`)
		}, "ends"},
		{"rust event with broken data", func(t *testing.T) string {
			return changed(t, func(t *testing.T, p string) { buildRust(t, p, fixture(), 6) }, `UPDATE events SET data = '{"app": "Code"' WHERE id = 2`)
		}, "not a JSON object"},
		{"rust event with a list as data", func(t *testing.T) string {
			return changed(t, func(t *testing.T, p string) { buildRust(t, p, fixture(), 6) }, `UPDATE events SET data = '[1]' WHERE id = 2`)
		}, "not a JSON object"},
		{"aw-server database, a bad event near the end", func(t *testing.T) string {
			return changed(t, bigPeewee, `UPDATE eventmodel SET datastr = '{"app": ' WHERE id = 4990`)
		}, "not a JSON object"},
		{"aw-server-rust database, a bad event near the end", func(t *testing.T) string {
			return changed(t, bigRust, `UPDATE events SET endtime = starttime - 1 WHERE id = 4990`)
		}, "ends"},
		{"peewee event with broken data", func(t *testing.T) string {
			return changed(t, func(t *testing.T, p string) { buildPeewee(t, p, fixture(), true) }, `UPDATE eventmodel SET datastr = '{"app": "Code"' WHERE id = 2`)
		}, "not a JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			_, err := importFile(t, tc.path(t), st, Options{Batch: 2})
			if err == nil {
				t.Fatal("import succeeded, want a refusal")
			}
			if code := attnflow.ErrorCode(err); code != attnflow.EINVALID {
				t.Errorf("error code = %s (%v), want %s", code, err, attnflow.EINVALID)
			}
			if msg := attnflow.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("error = %q, want it to mention %q", msg, tc.want)
			}
			assertEmpty(t, st)
		})
	}
}

func TestImportSkipInvalid(t *testing.T) {
	export := string(readTestdata(t))
	bad := strings.Replace(export, `"duration": 42.5`, `"duration": -42.5`, 1)
	st := newStore(t)
	sum, err := importFile(t, writeFile(t, "x.json", []byte(bad)), st, Options{SkipInvalid: true})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, l := range sum.Buckets {
		if l.ID != "aw-watcher-web-firefox_laptop" {
			continue
		}
		want := BucketSummary{ID: l.ID, Created: true, Read: 2, Inserted: 1, Invalid: 1}
		if l != want {
			t.Errorf("line = %+v, want %+v", l, want)
		}
	}
	n, err := st.CountEvents(context.Background(), "aw-watcher-web-firefox_laptop", attnflow.TimeRange{})
	if err != nil || n != 1 {
		t.Errorf("bucket holds %d events (err %v), want 1", n, err)
	}
}
