package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query/querytest"
)

func benchDB(b *testing.B, buckets ...string) *DB {
	b.Helper()
	db, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, id := range buckets {
		if err := db.CreateBucket(context.Background(), attnflow.Bucket{ID: id}); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

var benchStart = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU starts counting CPU time; the returned func reports it per
// op as "cpu-ns/op", a figure less swayed than ns/op by other load on a
// shared machine.
func reportCPU(b *testing.B) func() {
	b.Helper()
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

// latencies records each op's wall time and reports the median and the
// 99th percentile ("p50-ns", "p99-ns"): the mean of a store that commits
// every call also carries the rare checkpoint (fsync) and any scheduling
// delay of a shared machine.
type latencies []time.Duration

func (l *latencies) time(start time.Time) { *l = append(*l, time.Since(start)) }

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[len(l)/2]), "p50-ns")
	b.ReportMetric(float64(l[len(l)*99/100]), "p99-ns")
}

// BenchmarkHeartbeatMerge: every heartbeat extends the last event (one
// UPDATE), as a watcher polling an unchanged window.
func BenchmarkHeartbeatMerge(b *testing.B) {
	db := benchDB(b, "b")
	ctx := context.Background()
	data := attnflow.Data{"app": "firefox", "title": "Issue #2: the event store - Mozilla Firefox"}
	lat := make(latencies, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	defer func() { lat.report(b) }()
	defer reportCPU(b)()
	for i := range b.N {
		hb := attnflow.Event{Timestamp: benchStart.Add(time.Duration(i) * time.Second), Data: data}
		start := time.Now()
		if _, err := db.Heartbeat(ctx, "b", hb, 2*time.Second); err != nil {
			b.Fatal(err)
		}
		lat.time(start)
	}
}

// BenchmarkHeartbeatNew: every heartbeat switches to another of 50 known
// windows and is inserted as a new event (payloads already interned).
func BenchmarkHeartbeatNew(b *testing.B) { benchHeartbeatNew(b, 50) }

// BenchmarkHeartbeatNewData: every heartbeat carries a payload never seen
// before, the worst case (a data row and its index entry more).
func BenchmarkHeartbeatNewData(b *testing.B) { benchHeartbeatNew(b, 1<<30) }

func benchHeartbeatNew(b *testing.B, windows int) {
	db := benchDB(b, "b")
	ctx := context.Background()
	lat := make(latencies, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	defer func() { lat.report(b) }()
	defer reportCPU(b)()
	for i := range b.N {
		hb := attnflow.Event{Timestamp: benchStart.Add(time.Duration(i) * time.Second),
			Data: attnflow.Data{"app": "firefox", "title": "Issue #" + strconv.Itoa(i%windows) + ": the event store - Mozilla Firefox"}}
		start := time.Now()
		if _, err := db.Heartbeat(ctx, "b", hb, 2*time.Second); err != nil {
			b.Fatal(err)
		}
		lat.time(start)
	}
}

// benchParallel runs 4 goroutines, each heartbeating its own bucket.
func benchParallel(b *testing.B, merge bool) {
	db := benchDB(b, "b0", "b1", "b2", "b3")
	ctx := context.Background()
	var next atomic.Int64
	b.SetParallelism(2) // 2 × GOMAXPROCS(2) = 4 clients
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	b.RunParallel(func(pb *testing.PB) {
		w := next.Add(1) - 1
		bucket := fmt.Sprintf("b%d", w%4)
		for i := 0; pb.Next(); i++ {
			title := "Issue #2: the event store - Mozilla Firefox"
			if !merge {
				title = "Issue #" + strconv.Itoa(i%50) + ": the event store"
			}
			hb := attnflow.Event{Timestamp: benchStart.Add(time.Duration(i) * time.Second),
				Data: attnflow.Data{"app": "firefox", "title": title, "w": w}}
			if _, err := db.Heartbeat(ctx, bucket, hb, 2*time.Second); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkHeartbeatMergeParallel: 4 clients, 4 buckets, merge path.
func BenchmarkHeartbeatMergeParallel(b *testing.B) { benchParallel(b, true) }

// BenchmarkHeartbeatNewParallel: 4 clients, 4 buckets, new-event path.
func BenchmarkHeartbeatNewParallel(b *testing.B) { benchParallel(b, false) }

// BenchmarkInsertBulk inserts synthetic window events 1000 per call and
// reports events/s. The events are made before the timer starts; each
// round shifts them to later times.
func BenchmarkInsertBulk(b *testing.B) {
	const batch = 1000
	db := benchDB(b, "b")
	ctx := context.Background()
	template := make([]attnflow.Event, batch)
	for j := range template {
		template[j] = SampleWindowEvent(benchStart, j)
	}
	span := template[batch-1].End().Sub(benchStart) + time.Second
	evs := make([]attnflow.Event, batch)
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := range b.N {
		for j, e := range template {
			e.Timestamp = e.Timestamp.Add(time.Duration(i) * span)
			evs[j] = e
		}
		if _, err := db.InsertEvents(ctx, "b", evs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "events/s")
}

// benchDB100k returns a store whose bucket "b" holds 100k window events
// (SampleWindowEvent), about eight days.
func benchDB100k(b *testing.B) *DB {
	b.Helper()
	db := benchDB(b, "b")
	evs := make([]attnflow.Event, 0, 1000)
	for i := 0; i < 100_000; i += 1000 {
		evs = evs[:0]
		for j := range 1000 {
			evs = append(evs, SampleWindowEvent(benchStart, i+j))
		}
		if _, err := db.InsertEvents(context.Background(), "b", evs); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkEventsDay reads one day (about 12k events) out of 100k.
func BenchmarkEventsDay(b *testing.B) {
	db := benchDB100k(b)
	ctx := context.Background()
	r := attnflow.TimeRange{Start: benchStart.Add(48 * time.Hour), End: benchStart.Add(72 * time.Hour)}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for range b.N {
		got, err := db.Events(ctx, "b", attnflow.EventFilter{Range: r, Limit: -1})
		if err != nil || len(got) < 10000 {
			b.Fatalf("Events: %d events, %v", len(got), err)
		}
	}
}

// TestMeasureIngest reports bytes/event on disk and RSS after ingesting
// ATTNFLOW_INGEST_EVENTS events (e.g. 1000000); skipped when unset.
//
//	ATTNFLOW_INGEST_EVENTS=1000000 go test -run TestMeasureIngest -v ./sqlite/
func TestMeasureIngest(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ATTNFLOW_INGEST_EVENTS"))
	if n <= 0 {
		n = 20_000 // a quick run that checks the measurement works
	}
	r, err := MeasureIngest(t.Context(), t.TempDir(), n, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	if r.Events != n || r.DiskBytes <= 0 || r.EventsPerSec <= 0 {
		t.Fatalf("implausible report: %+v", r)
	}
}

// BenchmarkBucketMeta reads one bucket with First/Last out of 100k events.
func BenchmarkBucketMeta(b *testing.B) {
	db := benchDB100k(b)
	ctx := context.Background()
	b.ResetTimer()
	defer reportCPU(b)()
	for range b.N {
		if bk, err := db.Bucket(ctx, "b"); err != nil || bk.Last.IsZero() {
			b.Fatalf("Bucket: %+v, %v", bk, err)
		}
	}
}

// BenchmarkEventsNewest10 reads the 10 newest events out of 100k, as the
// API's event listings and the web UI's "latest events" do.
func BenchmarkEventsNewest10(b *testing.B) {
	db := benchDB100k(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for range b.N {
		got, err := db.Events(ctx, "b", attnflow.EventFilter{Limit: 10})
		if err != nil || len(got) != 10 {
			b.Fatalf("Events: %d events, %v", len(got), err)
		}
	}
}

// BenchmarkEventsMonth reads a month of querytest's desktop data (69,478
// events in 5 buckets, 13,451 distinct payloads) as the server's query
// does (EventsShared per bucket): with the payload cache kept ("warm"),
// emptied before each read ("cold": the first query after start), and
// after a read of more distinct payloads than the cache holds
// ("after_long_read", as when a year view precedes the month; only the
// month's reads are counted, in month-cpu-ns/op).
func BenchmarkEventsMonth(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	ds := querytest.Generate(benchStart, 30, 42)
	long := make([]attnflow.Event, payloadCacheSize+4000)
	for i := range long {
		long[i] = attnflow.Event{Timestamp: benchStart.Add(time.Duration(i) * time.Second), Data: attnflow.Data{"n": float64(i)}}
	}
	ds.Buckets = append(ds.Buckets, attnflow.Bucket{ID: "long"})
	ds.Events["long"] = long
	for _, bk := range ds.Buckets {
		if err := db.CreateBucket(ctx, bk); err != nil {
			b.Fatal(err)
		}
		if _, err := db.InsertEvents(ctx, bk.ID, ds.Events[bk.ID]); err != nil {
			b.Fatal(err)
		}
	}
	month := ds.Buckets[:len(ds.Buckets)-1]
	all := attnflow.EventFilter{Range: attnflow.TimeRange{Start: benchStart, End: benchStart.AddDate(0, 0, 30)}, Limit: -1}
	read := func(b *testing.B, buckets []attnflow.Bucket) {
		for _, bk := range buckets {
			if _, err := db.EventsShared(ctx, bk.ID, all); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("warm", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for range b.N {
			read(b, month)
		}
	})
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for range b.N {
			db.payloads = newPayloadCache(payloadCacheSize)
			read(b, month)
		}
	})
	b.Run("after_long_read", func(b *testing.B) {
		var monthCPU time.Duration
		for range b.N {
			read(b, ds.Buckets[len(ds.Buckets)-1:])
			start := cpuTime()
			read(b, month)
			monthCPU += cpuTime() - start
		}
		b.ReportMetric(float64(monthCPU)/float64(b.N), "month-cpu-ns/op")
	})
}
