package sim_test

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/sim"
)

// heavyPersona is the developer with an 18-hour day and short dwells: about
// 5k window events and 11k input bins a day, a heavy user.
func heavyPersona(b *testing.B) sim.Persona {
	b.Helper()
	p, err := sim.BuiltIn("developer")
	if err != nil {
		b.Fatal(err)
	}
	p.DayStart, p.DayEnd, p.FocusDwellSec, p.ShallowDwellSec = "05:30", "23:50", 7, 5
	return p
}

// cpuTime is the process's user+system CPU time. On a shared machine the
// wall-clock ns/op mostly measures waiting; cpu_ms/op is the honest cost.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports CPU milliseconds per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.Helper()
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu_ms/op")
}

// peakHeap reports the heap in use after the operation (the result kept).
func reportHeap(b *testing.B, keep any) {
	b.Helper()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/1e6, "heap_MB")
	runtime.KeepAlive(keep)
}

func inputOf(ds *sim.Dataset) flow.Input {
	h := ds.Persona.Host
	return flow.Input{Hosts: []flow.Sources{{Host: h, Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}}, Input: ds.Events[sim.InputBucket(h)]}
}

func countEvents(ds *sim.Dataset) (total, window, input int) {
	for _, evs := range ds.Events {
		total += len(evs)
	}
	h := ds.Persona.Host
	return total, len(ds.Events[sim.WindowBucket(h)]), len(ds.Events[sim.InputBucket(h)])
}

// BenchmarkHeavyDay computes every measure of one heavy day.
func BenchmarkHeavyDay(b *testing.B) {
	ds, err := sim.Generate(heavyPersona(b), sim.Options{Start: "2026-03-02", Days: 1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	loc, _ := time.LoadLocation(ds.Persona.Timezone)
	cfg := flow.Config{Location: loc}
	in := inputOf(ds)
	total, win, inp := countEvents(ds)
	cats := flow.DefaultCategories() // long-lived, as in the server
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		days, err := flow.ComputeDays(in, []string{"2026-03-02"}, cats, cfg)
		if err != nil {
			b.Fatal(err)
		}
		flow.CapacityProfile(days, cfg)
		flow.Summarize(days)
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(total), "events")
	b.ReportMetric(float64(win), "window_events")
	b.ReportMetric(float64(inp), "input_bins")
}

// BenchmarkYear computes a year of the developer persona from scratch:
// every day, the year's summary, weeks and capacity curve.
func BenchmarkYear(b *testing.B) {
	p, _ := sim.BuiltIn("developer")
	p.FocusDwellSec, p.ShallowDwellSec = 20, 12 // busier than the default: ~1.5M events a year
	ds, err := sim.Generate(p, sim.Options{Start: "2026-01-01", Days: 365, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	loc, _ := time.LoadLocation(ds.Persona.Timezone)
	cfg := flow.Config{Location: loc}
	in := inputOf(ds)
	dates := flow.Dates(ds.Range, cfg)
	total, _, _ := countEvents(ds)
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	var days []flow.Day
	for b.Loop() {
		days, err = flow.ComputeDays(in, dates, nil, cfg)
		if err != nil {
			b.Fatal(err)
		}
		flow.Summarize(days)
		flow.Weeks(days)
		flow.CapacityProfile(days, cfg)
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(total), "events")
	reportHeap(b, days)
}

// BenchmarkIncrementalMinute adds one minute of data to "today" in a
// year whose other days are cached, and brings everything a client asks
// for up to date: today is recomputed from its own events (as the server
// loads them from the store), this week is rolled up again, and the
// capacity curve is re-estimated over the whole year.
func BenchmarkIncrementalMinute(b *testing.B) {
	p, _ := sim.BuiltIn("developer")
	p.FocusDwellSec, p.ShallowDwellSec = 20, 12
	ds, err := sim.Generate(p, sim.Options{Start: "2026-01-01", Days: 365, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	loc, _ := time.LoadLocation(ds.Persona.Timezone)
	cfg := flow.Config{Location: loc}
	in := inputOf(ds)
	dates := flow.Dates(ds.Range, cfg)
	cats := flow.DefaultCategories()
	days, err := flow.ComputeDays(in, dates, cats, cfg)
	if err != nil {
		b.Fatal(err)
	}
	cache := flow.NewDayCache(0)
	for _, d := range days {
		cache.Put(d.Date, "v0", d)
	}
	// The busiest day stands in for "today"; its events as the store
	// would return them.
	ti := 0
	for i, d := range days {
		if d.Measures.ActiveSec > days[ti].Measures.ActiveSec {
			ti = i
		}
	}
	today := days[ti]
	todayIn := within(in, today.Range)
	week := dates[max(0, ti-6) : ti+1]
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		cache.Invalidate(today.Range, cfg) // a new minute arrived today
		d, err := flow.ComputeDay(todayIn, today.Date, cats, cfg)
		if err != nil {
			b.Fatal(err)
		}
		cache.Put(today.Date, "v1", d)
		var wk []flow.Day
		for _, date := range week {
			sig := "v0"
			if date == today.Date {
				sig = "v1"
			}
			c, ok := cache.Get(date, sig)
			if !ok {
				b.Fatalf("day %s not cached", date)
			}
			wk = append(wk, c)
		}
		flow.Summarize(wk)
		days[ti] = d
		flow.CapacityProfile(days, cfg)
	}
	reportCPU(b, cpu)
}

// within keeps the events that overlap r.
func within(in flow.Input, r attnflow.TimeRange) flow.Input {
	keep := func(evs []attnflow.Event) []attnflow.Event {
		var out []attnflow.Event
		for _, e := range evs {
			if r.Overlaps(e) {
				out = append(out, e)
			}
		}
		return out
	}
	out := flow.Input{Input: keep(in.Input)}
	for _, h := range in.Hosts {
		out.Hosts = append(out.Hosts, flow.Sources{Host: h.Host, Window: keep(h.Window), AFK: keep(h.AFK), Web: keep(h.Web), Editor: keep(h.Editor)})
	}
	return out
}
