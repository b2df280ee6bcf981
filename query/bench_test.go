package query_test

import (
	"context"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
	"github.com/attnflow/attnflow/query/querytest"
)

var benchStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

type benchData struct {
	src    *query.MemorySource
	counts map[string]int
	period attnflow.TimeRange
}

var (
	benchMu    sync.Mutex
	benchCache = map[int]*benchData{}
)

func benchSource(tb testing.TB, days int) *benchData {
	tb.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if d, ok := benchCache[days]; ok {
		return d
	}
	ds := querytest.Generate(benchStart, days, 42)
	d := &benchData{src: ds.Source(), counts: ds.Counts, period: attnflow.TimeRange{Start: benchStart, End: benchStart.AddDate(0, 0, days)}}
	benchCache[days] = d
	return d
}

// TestBenchDataVolume keeps the generator at the sizes the benchmark
// claims: per month ~50k window, ~2k AFK and ~20k browser events.
func TestBenchDataVolume(t *testing.T) {
	d := benchSource(t, 30)
	t.Logf("one month: %v", d.counts)
	check := func(name string, lo, hi int) {
		if n := d.counts[name]; n < lo || n > hi {
			t.Errorf("%s events = %d, want %d..%d", name, n, lo, hi)
		}
	}
	check("window", 45000, 58000)
	check("afk", 1600, 2400)
	check("web", 17000, 24000)
	check("distinct_titles", 2000, 20000)
}

// TestBenchQueryResult sanity-checks the benchmark's query on the month.
func TestBenchQueryResult(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a month of data")
	}
	d := benchSource(t, 30)
	p, err := query.Compile(querytest.FullDesktopQuery(querytest.StockParams(querytest.Browsers)))
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(context.Background(), d.src, d.period, query.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := res.(map[string]any)["window"].(map[string]any)
	apps := w["app_events"].([]attnflow.Event)
	cats := w["cat_events"].([]attnflow.Event)
	dur := w["duration"].(float64)
	if len(apps) < 20 || len(cats) < 10 || dur < 30*3600 {
		t.Errorf("implausible month: %d apps, %d categories, %.0f s", len(apps), len(cats), dur)
	}
	browser := res.(map[string]any)["browser"].(map[string]any)
	if n := len(browser["domains"].([]attnflow.Event)); n < 10 {
		t.Errorf("only %d domains", n)
	}
}

// BenchmarkDesktopQuery runs aw-webui's full desktop query over a month
// and a year of generated data: "warm" reuses a compiled Program (as the
// server's program cache does on a dashboard refresh), "cold" compiles
// the query and builds the category memo on every iteration.
func BenchmarkDesktopQuery(b *testing.B) {
	text := querytest.FullDesktopQuery(querytest.StockParams(querytest.Browsers))
	for _, tc := range []struct {
		name string
		days int
	}{{"month", 30}, {"year", 365}} {
		b.Run(tc.name+"/warm", func(b *testing.B) {
			d := benchSource(b, tc.days)
			p, err := query.Compile(text)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := p.Run(context.Background(), d.src, d.period, query.Options{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := p.Run(context.Background(), d.src, d.period, query.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
		b.Run(tc.name+"/cold", func(b *testing.B) {
			d := benchSource(b, tc.days)
			b.ReportAllocs()
			cpu := cpuTime()
			defer reportCPU(b, cpu)
			for b.Loop() {
				p, err := query.Compile(text)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := p.Run(context.Background(), d.src, d.period, query.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cpuTime is the process's user+system CPU time. The benchmark reports it
// per operation as cpu-ms/op next to wall time, because the machine is
// shared and wall time includes waiting for a core. It includes the GC's
// background workers.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
