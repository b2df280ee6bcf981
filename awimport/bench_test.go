package awimport

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow/sqlite"
)

var (
	benchEvents = flag.Int("awimport.events", 1_000_000, "events in the database BenchmarkImport* builds")
	benchBatch  = flag.Int("awimport.batch", 0, "events per store call in BenchmarkImport* (0: DefaultBatch)")
)

// buildBenchRust writes an aw-server-rust (v6) database of n events as a
// year of desktop use leaves them: 60% window events, 10% AFK, 30%
// browser tabs. Attention has locality, so titles and URLs come from a
// working set of 40 that drifts every 300 events through pools of 20,000
// titles and 30,000 URLs, picked with a Zipf law (a few windows take most
// switches); the tab count drifts by one now and then.
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
	g := newBenchGen()
	t := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC).UnixNano()
	for i := 0; i < n; i++ {
		dur := int64(g.rng.ExpFloat64() * 20 * 1e9)
		bucket, data := g.event(i)
		if _, err := stmt.Exec(bucket, t, t+dur, data); err != nil {
			tb.Fatal(err)
		}
		t += dur + int64(g.rng.IntN(3e9))
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// benchGen draws the benchmark's events.
type benchGen struct {
	rng          *rand.Rand
	zipf         *rand.Zipf
	titles, urls [40]int // the working sets
	tabs         int
}

var benchApps = []string{"Code", "Firefox", "Slack", "Terminal", "Zoom", "Obsidian", "Figma", "Mail"}

func newBenchGen() *benchGen {
	g := &benchGen{rng: rand.New(rand.NewPCG(1, 2)), tabs: 12}
	g.zipf = rand.NewZipf(g.rng, 1.2, 1, uint64(len(g.titles)-1))
	for i := range g.titles {
		g.titles[i], g.urls[i] = g.rng.IntN(20000), g.rng.IntN(30000)
	}
	return g
}

// event returns the bucket row and data of the i-th event.
func (g *benchGen) event(i int) (int, string) {
	if i%300 == 0 { // the work moves on: part of the working set changes
		for k := 0; k < 10; k++ {
			g.titles[g.rng.IntN(len(g.titles))] = g.rng.IntN(20000)
			g.urls[g.rng.IntN(len(g.urls))] = g.rng.IntN(30000)
		}
	}
	switch r := i % 10; {
	case r < 6:
		t := g.titles[g.zipf.Uint64()]
		return 1, fmt.Sprintf(`{"app":%q,"title":"document %d — 项目"}`, benchApps[t%len(benchApps)], t)
	case r < 7:
		return 2, [...]string{`{"status":"not-afk"}`, `{"status":"afk"}`}[i%2]
	}
	if g.rng.IntN(8) == 0 {
		g.tabs = max(1, g.tabs+g.rng.IntN(3)-1)
	}
	u := g.urls[g.zipf.Uint64()]
	return 3, fmt.Sprintf(`{"url":"https://example.org/page/%d","title":"Page %d","audible":false,"incognito":false,"tabCount":%d}`, u, u, g.tabs)
}

// buildBenchPeewee writes the same events as buildBenchRust into an
// aw-server (Python) database.
func buildBenchPeewee(tb testing.TB, path string, n int) {
	tb.Helper()
	db := openRaw(tb, path)
	defer db.Close()
	for _, q := range peeweeSchema {
		mustExec(tb, db, q)
	}
	mustExec(tb, db, peeweeDatastr)
	for i, id := range []string{"aw-watcher-window_desk", "aw-watcher-afk_desk", "aw-watcher-web-chrome_desk"} {
		mustExec(tb, db, `INSERT INTO bucketmodel (key, id, created, type, client, hostname) VALUES (?, ?, '2025-01-01 00:00:00.000000', 't', 'c', 'desk')`, i+1, id)
	}
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO eventmodel (bucket_id, timestamp, duration, datastr) VALUES (?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	g := newBenchGen()
	t := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		dur := time.Duration(g.rng.ExpFloat64()*20*1e6).Round(time.Microsecond) * 1000
		bucket, data := g.event(i)
		if _, err := stmt.Exec(bucket, pythonTime(t), fmt.Sprint(dur.Seconds()), data); err != nil {
			tb.Fatal(err)
		}
		t = t.Add(dur + time.Duration(g.rng.IntN(3e6))*time.Microsecond)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkImportRustDB imports an aw-server-rust database of
// -awimport.events events (default 1M) into a fresh store. Run with
// -benchtime 1x: each iteration is a whole import.
func BenchmarkImportRustDB(b *testing.B) { benchmarkImport(b, buildBenchRust) }

// BenchmarkImportPythonDB imports an aw-server (Python) database of
// -awimport.events events.
func BenchmarkImportPythonDB(b *testing.B) { benchmarkImport(b, buildBenchPeewee) }

func benchmarkImport(b *testing.B, build func(testing.TB, string, int)) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "aw.db")
	build(b, path, *benchEvents)
	defer debug.SetGCPercent(debug.SetGCPercent(GCPercent)) // as attnflow import
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
		start, cpu0, sys0 := time.Now(), cpuTime(), sysTime()
		sum, err := Import(ctx, src, st, Options{Batch: *benchBatch})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed, cpu := time.Since(start), cpuTime()-cpu0
		src.Close()
		tot := sum.Totals()
		if tot.Read != *benchEvents {
			b.Fatalf("read %d events, want %d", tot.Read, *benchEvents)
		}
		b.ReportMetric(elapsed.Seconds(), "s/import")
		b.ReportMetric(cpu.Seconds(), "cpu-s/import")
		b.ReportMetric((sysTime() - sys0).Seconds(), "sys-s/import")
		b.ReportMetric(float64(tot.Read)/elapsed.Seconds(), "events/s")
	}
}

// cpuTime is the CPU time (user and system) this process has used: on a
// shared machine a steadier figure than the wall clock.
func cpuTime() time.Duration {
	user, sys := rusage()
	return user + sys
}

// sysTime is the system part of cpuTime: the file system calls.
func sysTime() time.Duration {
	_, sys := rusage()
	return sys
}

func rusage() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
