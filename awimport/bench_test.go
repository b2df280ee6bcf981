package awimport

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow/sqlite"
)

var benchEvents = flag.Int("awimport.events", 1_000_000, "events in the database BenchmarkImport* builds")

// buildBenchRust writes an aw-server-rust (v6) database of n events spread
// over a window, an AFK and a browser bucket as a year of use would: a
// few thousand distinct window titles, tens of thousands of URLs.
func buildBenchRust(tb testing.TB, path string, n int) {
	tb.Helper()
	db := createRust(tb, path, 6)
	defer db.Close()
	buckets := []struct{ id, typ, client string }{
		{"aw-watcher-window_desk", "currentwindow", "aw-watcher-window"},
		{"aw-watcher-afk_desk", "afkstatus", "aw-watcher-afk"},
		{"aw-watcher-web-chrome_desk", "web.tab.current", "aw-client-web"},
	}
	for i, b := range buckets {
		mustExec(tb, db, `INSERT INTO buckets (id, name, type, client, hostname, created, data) VALUES (?, ?, ?, ?, 'desk', '2025-01-01 00:00:00+00:00', '{}')`,
			i+1, b.id, b.typ, b.client)
	}
	mustExec(tb, db, `INSERT INTO key_value (key, value, last_modified) VALUES ('settings.classes', '[]', 0)`)
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO events (bucketrow, starttime, endtime, data) VALUES (?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	apps := []string{"Code", "Firefox", "Slack", "Terminal", "Zoom", "Obsidian", "Figma", "Mail"}
	t := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC).UnixNano()
	for i := 0; i < n; i++ {
		dur := int64(rng.ExpFloat64() * 20 * 1e9)
		var bucket int
		var data string
		switch r := i % 10; {
		case r < 6:
			bucket = 1
			data = fmt.Sprintf(`{"app":%q,"title":"document %d — 项目"}`, apps[rng.IntN(len(apps))], rng.IntN(4000))
		case r < 7:
			bucket = 2
			data = [...]string{`{"status":"not-afk"}`, `{"status":"afk"}`}[i%2]
		default:
			bucket = 3
			data = fmt.Sprintf(`{"url":"https://example.org/page/%d","title":"Page %d","audible":false,"incognito":false,"tabCount":%d}`,
				rng.IntN(40000), rng.IntN(40000), rng.IntN(30))
		}
		if _, err := stmt.Exec(bucket, t, t+dur, data); err != nil {
			tb.Fatal(err)
		}
		t += dur + int64(rng.IntN(3e9))
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkImportRustDB imports an aw-server-rust database of
// -awimport.events events (default 1M) into a fresh store. Run with
// -benchtime 1x: each iteration is a whole import.
func BenchmarkImportRustDB(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "sqlite.db")
	buildBenchRust(b, path, *benchEvents)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("store%d.db", i)), nil, sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		src, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		sum, err := Import(ctx, src, st, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		src.Close()
		tot := sum.Totals()
		if tot.Read != *benchEvents {
			b.Fatalf("read %d events, want %d", tot.Read, *benchEvents)
		}
		b.ReportMetric(elapsed.Seconds(), "s/import")
		b.ReportMetric(float64(tot.Read)/elapsed.Seconds(), "events/s")
	}
}
