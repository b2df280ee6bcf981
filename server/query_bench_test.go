package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query/querytest"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sqlite"
)

// queryBenchStart is the first day of the generated data.
var queryBenchStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// queryBenchStack is a server over a SQLite store holding generated data.
type queryBenchStack struct {
	db     *sqlite.DB
	url    string
	hc     *http.Client
	data   *querytest.Dataset
	period attnflow.TimeRange
}

// newQueryBenchStack stores days of querytest data in a fresh SQLite file
// (InsertEvents in batches, as an import would) and serves it over HTTP.
func newQueryBenchStack(b testing.TB, days int) *queryBenchStack {
	b.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "attnflow.db"), nil, sqlite.Options{})
	if err != nil {
		b.Fatalf("open store: %v", err)
	}
	ds := querytest.Generate(queryBenchStart, days, 42)
	for _, bk := range ds.Buckets {
		if err := db.CreateBucket(ctx, bk); err != nil {
			b.Fatalf("create bucket %s: %v", bk.ID, err)
		}
		events := ds.Events[bk.ID]
		for i := 0; i < len(events); i += 10_000 {
			if _, err := db.InsertEvents(ctx, bk.ID, events[i:min(i+10_000, len(events))]); err != nil {
				b.Fatalf("insert into %s: %v", bk.ID, err)
			}
		}
	}
	srv, err := server.New(server.Config{Addr: "127.0.0.1:5666", Hostname: "host", Testing: true}, db, nil, nil)
	if err != nil {
		b.Fatalf("new server: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	b.Cleanup(func() {
		hs.Close()
		if err := db.Close(); err != nil {
			b.Errorf("close store: %v", err)
		}
	})
	period := attnflow.TimeRange{Start: queryBenchStart, End: queryBenchStart.AddDate(0, 0, days)}
	return &queryBenchStack{db: db, url: hs.URL, hc: hs.Client(), data: ds, period: period}
}

// post sends the query and returns the 200 response's body.
func (s *queryBenchStack) post(b testing.TB, body []byte) []byte {
	b.Helper()
	resp, err := s.hc.Post(s.url+"/api/0/query/", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("status %d: %.300s", resp.StatusCode, got)
	}
	return got
}

// BenchmarkDesktopQueryHTTP runs aw-webui's full desktop query end to end:
// POST /api/0/query/ over loopback HTTP to a server whose store is SQLite,
// over a month and a year of querytest data (the same data and query as
// query's BenchmarkDesktopQuery). "query" is the whole request (the
// server's program cache is warm after the first one, as on a dashboard
// refresh); "store_events" is only the store reads the query makes (one
// Events call per bucket over the period), to show their share, and
// "store_events_shared" the same through EventsShared, the read the
// server's query source makes.
func BenchmarkDesktopQueryHTTP(b *testing.B) {
	text := querytest.FullDesktopQuery(querytest.StockParams(querytest.Browsers))
	for _, tc := range []struct {
		name string
		days int
	}{{"month", 30}, {"year", 365}} {
		b.Run(tc.name, func(b *testing.B) {
			s := newQueryBenchStack(b, tc.days)
			body, err := json.Marshal(map[string]any{
				"timeperiods": []string{attnflow.FormatTime(s.period.Start) + "/" + attnflow.FormatTime(s.period.End)},
				"query":       []string{text},
			})
			if err != nil {
				b.Fatal(err)
			}
			b.Run("query", func(b *testing.B) {
				size := len(s.post(b, body))
				b.ReportAllocs()
				cpu := processCPU()
				for b.Loop() {
					s.post(b, body)
				}
				b.ReportMetric(float64(processCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(size), "resp-bytes")
			})
			b.Run("store_events", func(b *testing.B) { s.benchReads(b, s.db.Events) })
			b.Run("store_events_shared", func(b *testing.B) { s.benchReads(b, s.db.EventsShared) })
		})
	}
}

// benchReads reads every bucket's events over the period with read, as
// the query does.
func (s *queryBenchStack) benchReads(b *testing.B, read func(context.Context, string, attnflow.EventFilter) ([]attnflow.Event, error)) {
	ctx := context.Background()
	b.ReportAllocs()
	cpu := processCPU()
	n := 0
	for b.Loop() {
		n = 0
		for _, bk := range s.data.Buckets {
			evs, err := read(ctx, bk.ID, attnflow.EventFilter{Range: s.period, Limit: -1})
			if err != nil {
				b.Fatal(err)
			}
			n += len(evs)
		}
	}
	b.ReportMetric(float64(processCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(n), "events")
}

// processCPU is the process's user+system CPU time: the cost of a request
// on a shared machine, where wall time also measures waiting for a core.
// It includes the client, the server and SQLite, all in this process.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
