package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sim"
	"github.com/attnflow/attnflow/sqlite"
)

// newFlowServer serves a store filled with a simulated week of the
// developer persona (2026-03-02 is a Monday) and returns the dataset.
func newFlowServer(t *testing.T) (*testServer, *sim.Dataset) {
	t.Helper()
	return newFlowServerWith(t, server.Config{})
}

// newFlowServerWith is newFlowServer with extra server configuration.
func newFlowServerWith(t *testing.T, cfg server.Config) (*testServer, *sim.Dataset) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "attnflow.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	p, err := sim.BuiltIn("developer")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := sim.Generate(p, sim.Options{Start: "2026-03-02", Days: 7, Seed: 11})
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
	cfg.Addr, cfg.Hostname = "127.0.0.1:5666", "testhost"
	srv, err := server.New(cfg, db, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		db.Close()
	})
	return &testServer{t: t, url: hs.URL, hc: hs.Client()}, ds
}

// TestV1 runs the read-only native-API tests against one simulated week.
func TestV1(t *testing.T) {
	s, ds := newFlowServer(t)
	t.Run("days", func(t *testing.T) { testV1Days(t, s, ds) })
	t.Run("endpoints", func(t *testing.T) { testV1Endpoints(t, s) })
	t.Run("errors", func(t *testing.T) { testV1Errors(t, s) })
}

func testV1Days(t *testing.T, s *testServer, ds *sim.Dataset) {
	s.t = t
	var days []struct {
		Date     string        `json:"date"`
		Measures flow.Measures `json:"measures"`
		Sessions []flow.Session
	}
	s.must(200, "GET", "/api/v1/flow/days?start=2026-03-02&end=2026-03-08&tz=Europe/Berlin", nil).json(t, &days)
	if len(days) != 7 {
		t.Fatalf("got %d days, want 7", len(days))
	}
	// The same computation straight from the dataset must agree.
	loc, _ := time.LoadLocation("Europe/Berlin")
	cfg := flow.Config{Location: loc}
	h := ds.Persona.Host
	in := flow.Input{Hosts: []flow.Sources{{Host: h, Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}}, Input: ds.Events[sim.InputBucket(h)]}
	want, err := flow.ComputeDays(in, flow.Dates(ds.Range, cfg), nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range days {
		w := want[i].Measures
		if d.Date != want[i].Date || d.Measures.Switches != w.Switches || d.Measures.Sessions != w.Sessions ||
			fmt.Sprintf("%.3f", d.Measures.ActiveSec) != fmt.Sprintf("%.3f", w.ActiveSec) {
			t.Errorf("day %s: switches %d sessions %d active %.0f; direct computation: %s %d %d %.0f",
				d.Date, d.Measures.Switches, d.Measures.Sessions, d.Measures.ActiveSec, want[i].Date, w.Switches, w.Sessions, w.ActiveSec)
		}
	}
	if days[0].Measures.ActiveSec < 4*3600 || days[5].Measures.ActiveSec != 0 {
		t.Errorf("Monday active %.0f s, Saturday %.0f s: want a working Monday and an empty Saturday", days[0].Measures.ActiveSec, days[5].Measures.ActiveSec)
	}
}

func testV1Endpoints(t *testing.T, s *testServer) {
	s.t = t
	q := "tz=Europe/Berlin&start=2026-03-02&end=2026-03-08"
	var sessions []flow.Session
	s.must(200, "GET", "/api/v1/flow/sessions?"+q, nil).json(t, &sessions)
	if len(sessions) == 0 {
		t.Error("no sessions in a simulated working week")
	}
	var windows []flow.Window
	s.must(200, "GET", "/api/v1/flow/windows?tz=Europe/Berlin&date=2026-03-03", nil).json(t, &windows)
	if len(windows) < 240 || windows[0].Hour < 7 || windows[0].KeysPerMin == 0 && windows[1].KeysPerMin == 0 {
		t.Errorf("%d active windows, first %+v", len(windows), windows[0])
	}
	// An exact range returns only its windows.
	s.must(200, "GET", "/api/v1/flow/windows?start=2026-03-03T10:00:00Z&end=2026-03-03T11:00:00Z&all=1", nil).json(t, &windows)
	if len(windows) != 60 {
		t.Errorf("exact hour: %d windows, want 60", len(windows))
	}
	var g flow.Graph
	s.must(200, "GET", "/api/v1/flow/graph?by=category&min_count=3&"+q, nil).json(t, &g)
	if len(g.Nodes) == 0 || len(g.Edges) == 0 || g.Edges[0].Count < 3 {
		t.Errorf("category graph = %+v", g)
	}
	var c flow.Capacity
	s.must(200, "GET", "/api/v1/flow/capacity?"+q, nil).json(t, &c)
	if len(c.Week) != 168 || len(c.Day) != 24 || len(c.PeakHours) != 3 {
		t.Errorf("capacity: %d week cells, %d day cells, peaks %v", len(c.Week), len(c.Day), c.PeakHours)
	}
	var weeks []flow.Summary
	s.must(200, "GET", "/api/v1/flow/weeks?"+q, nil).json(t, &weeks)
	if len(weeks) != 1 || weeks[0].Days != 7 {
		t.Errorf("weeks = %d, want one of 7 days", len(weeks))
	}
	var rep flow.Report
	s.must(200, "GET", "/api/v1/flow/report?period=week&date=2026-03-04&tz=Europe/Berlin&day_start=04:00", nil).json(t, &rep)
	if rep.From != "2026-03-02" || rep.To != "2026-03-08" || rep.ActiveDays != 5 || rep.Timezone != "Europe/Berlin" {
		t.Errorf("report %s..%s, %d active days, tz %s", rep.From, rep.To, rep.ActiveDays, rep.Timezone)
	}
	var act []flow.Segment
	s.must(200, "GET", "/api/v1/flow/activity?date=2026-03-02", nil).json(t, &act)
	if len(act) == 0 || act[0].Category == "" {
		t.Errorf("activity: %d segments", len(act))
	}
	var classes []map[string]any
	s.must(200, "GET", "/api/v1/flow/categories", nil).json(t, &classes)
	if len(classes) < 10 {
		t.Errorf("%d default categories", len(classes))
	}
}

func testV1Errors(t *testing.T, s *testServer) {
	s.t = t
	tests := []struct {
		path   string
		status int
		msg    string
	}{
		{"/api/v1/flow/days?tz=Mars/Olympus", 400, "tz"},
		{"/api/v1/flow/days?start=2026-03-02", 400, "both start and end"},
		{"/api/v1/flow/days?start=2026-03-05&end=2026-03-01", 400, "before"},
		{"/api/v1/flow/days?days=0", 400, "days"},
		{"/api/v1/flow/days?day_start=25:00", 400, "day_start"},
		{"/api/v1/flow/windows?window=1ms", 400, "window"},
		{"/api/v1/flow/graph?by=colour", 400, "by"},
		{"/api/v1/flow/report?period=year", 400, "period"},
		{"/api/v1/flow/days?host=nowhere", 404, "nowhere"},
		{"/api/v1/flow/windows?start=2026-01-01&end=2026-03-01", 413, "narrow"},
		{"/api/v1/flow/nothing", 404, "no such endpoint"},
	}
	for _, tt := range tests {
		r := s.must(tt.status, "GET", tt.path, nil)
		var body map[string]string
		r.json(t, &body)
		if !strings.Contains(body["message"], tt.msg) {
			t.Errorf("%s: message %q, want it to mention %q", tt.path, body["message"], tt.msg)
		}
	}
}

// TestV1SeesAPIWrites checks that a deletion through the ActivityWatch API
// shows in the next native-API answer (the day cache is invalidated).
func TestV1SeesAPIWrites(t *testing.T) {
	s, ds := newFlowServer(t)
	path := "/api/v1/flow/days?date=2026-03-03&tz=Europe/Berlin"
	var before, after []struct {
		Measures flow.Measures `json:"measures"`
	}
	s.must(200, "GET", path, nil).json(t, &before)
	win := sim.WindowBucket(ds.Persona.Host)
	var evs []wireEvent
	s.must(200, "GET", "/api/0/buckets/"+win+"/events?start=2026-03-03T10:00:00Z&end=2026-03-03T11:00:00Z", nil).json(t, &evs)
	if len(evs) == 0 {
		t.Fatal("no window events on 03-03 10:00")
	}
	for _, e := range evs {
		s.must(200, "DELETE", fmt.Sprintf("/api/0/buckets/%s/events/%d", win, e.ID), nil)
	}
	s.must(200, "GET", path, nil).json(t, &after)
	if after[0].Measures.ActiveSec >= before[0].Measures.ActiveSec {
		t.Errorf("active time %v s after deleting an hour of window events, before %v s", after[0].Measures.ActiveSec, before[0].Measures.ActiveSec)
	}
}
