package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sim"
	"github.com/attnflow/attnflow/sqlite"
	"github.com/attnflow/attnflow/tasks"
)

// TestPlanPersonaWeek records three simulated weeks of the developer
// persona, then plans the coming week over the API and checks against the
// simulator's ground truth that deep work lands in the persona's peak
// hours, and that finished tasks linked to tracked activity correct the
// estimates of their kind.
func TestPlanPersonaWeek(t *testing.T) {
	ctx := context.Background()
	p, err := sim.BuiltIn("developer")
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc)
	start := now.AddDate(0, 0, -21)
	ds, err := sim.Generate(p, sim.Options{Start: start.Format("2006-01-02"), Days: 21, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "attnflow.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range ds.Buckets {
		if err := db.CreateBucket(ctx, b); err != nil {
			t.Fatal(err)
		}
		if _, err := db.InsertEvents(ctx, b.ID, ds.Events[b.ID]); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := server.New(server.Config{Addr: "127.0.0.1:5666", Hostname: "testhost"}, db, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); db.Close() })
	s := &testServer{t: t, url: hs.URL, hc: hs.Client()}

	// Two finished deep tasks linked to the editor over the simulated weeks.
	for _, title := range []string{"sessions\\.go", "windows\\.go"} {
		tk := tasks.Task{Title: "work on " + title, EstimateMin: 60, Kind: "deep", Created: start, Rules: []tasks.Rule{{Field: "title", Pattern: title}}}
		var got tasks.Task
		s.must(http.StatusCreated, "POST", "/api/v1/tasks", tk).json(t, &got)
		got.Done, got.DoneAt = true, now.Add(-time.Hour)
		s.must(http.StatusOK, "PUT", "/api/v1/tasks/"+got.ID, got)
	}
	// An open task already worked on: its tracked time is not planned again.
	var open tasks.Task
	s.must(http.StatusCreated, "POST", "/api/v1/tasks", tasks.Task{Title: "review pull requests", EstimateMin: 8 * 60, Kind: "shallow", Created: start,
		Rules: []tasks.Rule{{Field: "title", Pattern: "^Pull request"}}}).json(t, &open)
	for i := 0; i < 4; i++ {
		s.must(http.StatusCreated, "POST", "/api/v1/tasks", tasks.Task{Title: "deep " + string(rune('A'+i)), EstimateMin: 60, Kind: "deep", Priority: 2})
	}
	for i := 0; i < 6; i++ {
		s.must(http.StatusCreated, "POST", "/api/v1/tasks", tasks.Task{Title: "shallow " + string(rune('A'+i)), EstimateMin: 60, Kind: "admin", Priority: 3})
	}
	var pl server.PlanResult
	s.must(http.StatusOK, "GET", "/api/v1/plan?days=7&tz="+p.Timezone, nil).json(t, &pl)

	truth := ds.Truth.FocusByHour
	// The persona's true best hours inside the planner's working hours.
	var work []int
	for h := 9; h < 17; h++ {
		work = append(work, h)
	}
	slices.SortFunc(work, func(a, b int) int { return cmpFloat(truth[b], truth[a]) })
	peaks := work[:3]
	var deep, shallow, deepMin, peakMin float64
	var nDeep, nShallow float64
	for _, b := range pl.Blocks {
		for at := b.Start; at.Before(b.End); at = at.Add(15 * time.Minute) {
			h := at.In(loc).Hour()
			if b.Kind == "deep" {
				deep, nDeep = deep+truth[h], nDeep+1
				deepMin += 15
				if slices.Contains(peaks, h) {
					peakMin += 15
				}
			} else {
				shallow, nShallow = shallow+truth[h], nShallow+1
			}
		}
	}
	if nDeep == 0 || nShallow == 0 {
		t.Fatalf("plan has %v deep and %v shallow slots; want both: %+v", nDeep, nShallow, pl)
	}
	var workMean float64
	for h := 9; h < 17; h++ {
		workMean += truth[h] / 8
	}
	deep, shallow = deep/nDeep, shallow/nShallow
	t.Logf("true peaks %v, in working hours %v; deep work at true focus share %.2f, shallow %.2f, working hours %.2f; %.0f%% of deep minutes in peak hours; measured %q",
		ds.Truth.PeakHours, peaks, deep, shallow, workMean, 100*peakMin/deepMin, pl.Measured)
	// The realised curve of this persona is fairly flat inside 9–17
	// (0.5–0.75), so the margins are modest but well above chance
	// (3 of 8 working hours are peaks: 37.5%).
	if deep < shallow+0.05 || deep <= workMean {
		t.Errorf("deep work at true focus share %.2f, shallow %.2f, working hours %.2f: want deep work in better hours", deep, shallow, workMean)
	}
	if peakMin/deepMin < 0.45 {
		t.Errorf("%.0f%% of deep minutes in the true peak hours %v, want at least 45%%", 100*peakMin/deepMin, peaks)
	}
	var prMin float64
	for _, b := range pl.Blocks {
		if b.TaskID == open.ID {
			prMin += b.End.Sub(b.Start).Minutes()
		}
	}
	if prMin == 0 || prMin > 8*60-60 {
		t.Errorf("review pull requests: %v min planned of an 8 h estimate; want some, but not the hours already tracked on it", prMin)
	}
	joined := strings.Join(pl.Measured, "\n")
	for _, want := range []string{"focus capacity measured", "focus sessions averaged", "deep: 2 finished tasks", `"review pull requests": `} {
		if !strings.Contains(joined, want) {
			t.Errorf("measured notes %q: want %q", pl.Measured, want)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
