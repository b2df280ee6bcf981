package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sim"
	"github.com/attnflow/attnflow/sqlite"
	"github.com/attnflow/attnflow/tasks"
)

// BenchmarkPlanAPI times GET /api/v1/plan end to end over 28 days of the
// developer persona: measuring capacity, sessions and task time from the
// store (cached after the first call) and solving, for 30 tasks over a
// week and 200 tasks over four weeks.
func BenchmarkPlanAPI(b *testing.B) {
	for _, c := range []struct{ tasks, days int }{{1, 1}, {30, 7}, {200, 28}} {
		b.Run(fmt.Sprintf("tasks=%d/days=%d", c.tasks, c.days), func(b *testing.B) {
			url := benchPlanServer(b, c.tasks)
			q := fmt.Sprintf("%s/api/v1/plan?days=%d&tz=Europe/Berlin", url, c.days)
			b.ResetTimer()
			for b.Loop() {
				resp, err := http.Get(q)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("plan: %v %v", err, resp)
				}
				resp.Body.Close()
			}
		})
	}
}

func benchPlanServer(b *testing.B, n int) string {
	b.Helper()
	ctx := context.Background()
	p, _ := sim.BuiltIn("developer")
	ds, err := sim.Generate(p, sim.Options{Start: time.Now().AddDate(0, 0, -28).Format("2006-01-02"), Days: 28, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "attnflow.db"), nil, sqlite.Options{})
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
	kinds := []string{"deep", "shallow", "admin", "learning"}
	for i := 0; i < n; i++ {
		tk := tasks.Task{Title: fmt.Sprintf("task %d", i), EstimateMin: 30 + 15*(i%8), Kind: kinds[i%4], Priority: 1 + i%4}
		if i%3 == 0 {
			tk.Deadline = time.Now().AddDate(0, 0, 2+i%20)
		}
		if _, err := db.CreateTask(ctx, tk); err != nil {
			b.Fatal(err)
		}
	}
	srv, err := server.New(server.Config{Addr: "127.0.0.1:5666"}, db, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	b.Cleanup(func() { hs.Close(); db.Close() })
	// Warm the flow cache once, as a running server would be.
	resp, err := http.Get(hs.URL + "/api/v1/plan")
	if err != nil {
		b.Fatal(err)
	}
	var pl server.PlanResult
	json.NewDecoder(resp.Body).Decode(&pl)
	resp.Body.Close()
	return hs.URL
}
