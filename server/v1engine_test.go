package server

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/sqlite"
)

// TestFlowEngineIncremental checks that only the day whose events change
// is recomputed, including a heartbeat that extends the last event.
func TestFlowEngineIncremental(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, b := range []attnflow.Bucket{{ID: "w", Type: typeWindow, Hostname: "h", Client: "c"}, {ID: "a", Type: typeAFK, Hostname: "h", Client: "c"}} {
		if err := db.CreateBucket(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	for d := 2; d <= 4; d++ {
		if _, err := db.InsertEvents(ctx, "w", []attnflow.Event{{Timestamp: day(d), Duration: time.Hour, Data: attnflow.Data{"app": "GoLand"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.InsertEvents(ctx, "a", []attnflow.Event{{Timestamp: day(d), Duration: 2 * time.Hour, Data: attnflow.Data{"status": "not-afk"}}}); err != nil {
			t.Fatal(err)
		}
	}
	e := NewFlowEngine(db)
	dates := []string{"2026-03-02", "2026-03-03", "2026-03-04"}
	cfg := flow.Config{}
	compute := func() []flow.Day {
		t.Helper()
		days, err := e.Days(ctx, dates, "", cfg)
		if err != nil {
			t.Fatal(err)
		}
		return days
	}
	compute()
	if h, m := e.CacheStats(); h != 0 || m != 3 {
		t.Fatalf("first pass: %d hits %d misses, want 0 and 3", h, m)
	}
	compute()
	if h, m := e.CacheStats(); h != 3 || m != 3 {
		t.Fatalf("second pass: %d hits %d misses, want 3 and 3", h, m)
	}
	// A heartbeat extends the window event of 03-04 by 30 min: only that
	// day is recomputed, and its active time grows.
	hb := attnflow.Event{Timestamp: day(4).Add(time.Hour), Duration: 30 * time.Minute, Data: attnflow.Data{"app": "GoLand"}}
	if _, err := db.Heartbeat(ctx, "w", hb, time.Minute); err != nil {
		t.Fatal(err)
	}
	days := compute()
	if h, m := e.CacheStats(); h != 5 || m != 4 {
		t.Errorf("after heartbeat: %d hits %d misses, want 5 and 4", h, m)
	}
	if got := days[2].Measures.ActiveSec; got != 90*60 {
		t.Errorf("03-04 active = %v s, want 5400", got)
	}
	// An event inserted into the past (03-02) and the deletion of one
	// (03-03) are found too: exactly those days are recomputed.
	if _, err := (&watchedStore{Store: db, mark: e.MarkChanged}).InsertEvents(ctx, "w", []attnflow.Event{{Timestamp: day(2).Add(2 * time.Hour), Duration: 10 * time.Minute, Data: attnflow.Data{"app": "Slack"}}}); err != nil {
		t.Fatal(err)
	}
	old, err := db.Events(ctx, "w", attnflow.EventFilter{Range: attnflow.TimeRange{Start: day(3), End: day(3).Add(time.Hour)}, Limit: -1})
	if err != nil || len(old) != 1 {
		t.Fatalf("events of 03-03: %v %v", old, err)
	}
	// Through the API, the server's watchedStore marks the bucket.
	ws := &watchedStore{Store: db, mark: e.MarkChanged}
	if err := ws.DeleteEvent(ctx, "w", old[0].ID); err != nil {
		t.Fatal(err)
	}
	days = compute()
	if h, m := e.CacheStats(); h != 6 || m != 6 {
		t.Errorf("after past insert and delete: %d hits %d misses, want 6 and 6", h, m)
	}
	if days[1].Measures.ActiveSec != 0 || days[0].Measures.ActiveSec != 60*60 {
		t.Errorf("active 03-02 %v s (want 3600: Slack is outside not-afk), 03-03 %v s (want 0)", days[0].Measures.ActiveSec, days[1].Measures.ActiveSec)
	}
	// New categories invalidate every day.
	classes, _ := json.Marshal([]map[string]any{{"name": []string{"Code"}, "rule": map[string]any{"type": "regex", "regex": "GoLand"}, "data": map[string]any{"score": 2}}})
	if err := db.SetSetting(ctx, classesSetting, classes); err != nil {
		t.Fatal(err)
	}
	days = compute()
	if _, m := e.CacheStats(); m != 9 || days[0].Segments[0].Category != "Code" {
		t.Errorf("after new classes: %d misses (want 9), category %q", m, days[0].Segments[0].Category)
	}
}
