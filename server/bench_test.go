package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow/bench"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sqlite"
)

// BenchmarkHeartbeatHandler measures the server's cost per heartbeat
// without the network: decode, store (merge or new event), encode; "bare"
// is bench.BareHandler, the reference of issue 2, on the same requests.
func BenchmarkHeartbeatHandler(b *testing.B) {
	for _, mode := range []string{"merge", "new", "bare"} {
		b.Run(mode, func(b *testing.B) {
			db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "a.db"), nil, sqlite.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			srv, err := server.New(server.Config{Addr: "127.0.0.1:5666", Testing: true}, db, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			h := srv.Handler()
			if mode == "bare" {
				h = bench.BareHandler()
			}
			req := httptest.NewRequest("POST", "/api/0/buckets/b", strings.NewReader(`{"client":"c","type":"t","hostname":"h"}`))
			req.Host = "localhost"
			h.ServeHTTP(httptest.NewRecorder(), req)
			base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			b.ResetTimer()
			defer reportCPU(b)()
			for i := 0; i < b.N; i++ {
				title := "same"
				if mode == "new" {
					title = fmt.Sprint(i)
				}
				body := fmt.Sprintf(`{"timestamp":%q,"duration":0,"data":{"app":"code","title":%q}}`, base.Add(time.Duration(i)*time.Second).Format(time.RFC3339), title)
				req := httptest.NewRequest("POST", "/api/0/buckets/b/heartbeat?pulsetime=10", strings.NewReader(body))
				req.Host = "localhost"
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// reportCPU reports the process's user+system CPU time per op
// ("cpu-ns/op"), steadier than wall time on a loaded machine.
func reportCPU(b *testing.B) func() {
	b.Helper()
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
