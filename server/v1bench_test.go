package server

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/sim"
	"github.com/attnflow/attnflow/sqlite"
)

// BenchmarkEngineNewMinute measures the store-backed incremental path: 28
// days of the developer persona are cached, a heartbeat extends today's
// window event by a minute, and the 28 days are asked for again (the
// capacity and report window): one day is recomputed from the store, the
// others are validated by their signatures.
func BenchmarkEngineNewMinute(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "a.db"), nil, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p, _ := sim.BuiltIn("developer")
	ds, err := sim.Generate(p, sim.Options{Start: "2026-03-02", Days: 28, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for _, bk := range ds.Buckets {
		if err := db.CreateBucket(ctx, bk); err != nil {
			b.Fatal(err)
		}
		if _, err := db.InsertEvents(ctx, bk.ID, ds.Events[bk.ID]); err != nil {
			b.Fatal(err)
		}
	}
	loc, _ := time.LoadLocation(p.Timezone)
	cfg := flow.Config{Location: loc}
	dates := flow.Dates(ds.Range, cfg)
	e := NewFlowEngine(db)
	if _, err := e.Days(ctx, dates, "", cfg); err != nil {
		b.Fatal(err)
	}
	win := sim.WindowBucket(p.Host)
	evs := ds.Events[win]
	last := evs[len(evs)-1]
	b.ReportAllocs()
	b.ResetTimer()
	var wall, cpu time.Duration
	for i := 0; b.Loop(); i++ {
		hb := attnflow.Event{Timestamp: last.End().Add(time.Duration(i) * time.Minute), Duration: time.Minute, Data: last.Data}
		if _, err := db.Heartbeat(ctx, win, hb, time.Minute); err != nil {
			b.Fatal(err)
		}
		t0, c0 := time.Now(), cpuTime()
		if _, err := e.Days(ctx, dates, "", cfg); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(t0)
		cpu += cpuTime() - c0
	}
	_, misses := e.CacheStats()
	b.ReportMetric(float64(misses-len(dates))/float64(b.N), "days_recomputed/op")
	b.ReportMetric(float64(wall)/1e6/float64(b.N), "recompute_ms/op")
	b.ReportMetric(float64(cpu)/1e6/float64(b.N), "recompute_cpu_ms/op")
}

// cpuTime is the process's user+system CPU time (the honest cost on a
// shared machine, where wall time mostly measures waiting).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
