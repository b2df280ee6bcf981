package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/plan/ics"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/tasks"

	"github.com/attnflow/attnflow"
)

func TestTasksAPICRUD(t *testing.T) {
	s := newTestServer(t, server.Config{})
	var a tasks.Task
	s.must(http.StatusCreated, "POST", "/api/v1/tasks", tasks.Task{Title: "write report", EstimateMin: 120, Kind: "deep", Priority: 1}).json(t, &a)
	if a.ID == "" || a.Kind != "deep" {
		t.Fatalf("created %+v: want an id and kind deep", a)
	}
	a.Title = "write Q3 report"
	var got tasks.Task
	s.must(http.StatusOK, "PUT", "/api/v1/tasks/"+a.ID, a).json(t, &got)
	if got.Title != "write Q3 report" {
		t.Errorf("updated title %q, want %q", got.Title, "write Q3 report")
	}
	s.must(http.StatusOK, "POST", "/api/v1/tasks/"+a.ID+"/done", nil).json(t, &got)
	if !got.Done || got.DoneAt.IsZero() {
		t.Errorf("done task %+v: want done with a time", got)
	}
	var open, all []tasks.Task
	s.must(http.StatusOK, "GET", "/api/v1/tasks", nil).json(t, &open)
	s.must(http.StatusOK, "GET", "/api/v1/tasks?all=1", nil).json(t, &all)
	if len(open) != 0 || len(all) != 1 {
		t.Errorf("open %d all %d, want 0 and 1", len(open), len(all))
	}
	s.must(http.StatusNoContent, "DELETE", "/api/v1/tasks/"+a.ID, nil)
	for _, c := range []struct {
		method, path string
		body         any
		want         int
	}{
		{"GET", "/api/v1/tasks/" + a.ID, nil, http.StatusNotFound},
		{"DELETE", "/api/v1/tasks/" + a.ID, nil, http.StatusNotFound},
		{"PUT", "/api/v1/tasks/77", tasks.Task{Title: "x", EstimateMin: 5}, http.StatusNotFound},
		{"POST", "/api/v1/tasks", tasks.Task{Title: "no estimate"}, http.StatusBadRequest},
		{"POST", "/api/v1/tasks", "{", http.StatusBadRequest},
		{"POST", "/api/v1/tasks/quick", map[string]string{"text": "#deep p1"}, http.StatusBadRequest},
		{"GET", "/api/v1/plan?days=0", nil, http.StatusBadRequest},
		{"GET", "/api/v1/plan?tz=Mars/Olympus", nil, http.StatusBadRequest},
		{"POST", "/api/v1/calendars/bad", "not a calendar", http.StatusBadRequest},
	} {
		r := s.do(c.method, c.path, c.body)
		var msg struct{ Message string }
		r.json(t, &msg)
		if r.status != c.want || msg.Message == "" {
			t.Errorf("%s %s: status %d message %q, want %d with a message", c.method, c.path, r.status, msg.Message, c.want)
		}
	}
}

func TestTasksAPIQuickAdd(t *testing.T) {
	s := newTestServer(t, server.Config{})
	var q server.QuickAdd
	s.must(http.StatusOK, "POST", "/api/v1/tasks/parse", map[string]string{"text": "write Q3 report 3h by Fri p1 #deep", "tz": "UTC"}).json(t, &q)
	if q.Task.Title != "write Q3 report" || q.Task.EstimateMin != 180 || q.Task.Priority != 1 || q.Task.Kind != "deep" || q.Task.Deadline.IsZero() || len(q.Understood) == 0 {
		t.Fatalf("parse = %+v; want title, 180 min, P1, deep, a deadline and what was understood", q)
	}
	var list []tasks.Task
	s.must(http.StatusOK, "GET", "/api/v1/tasks", nil).json(t, &list)
	if len(list) != 0 {
		t.Fatalf("parse saved %d tasks, want none", len(list))
	}
	s.must(http.StatusCreated, "POST", "/api/v1/tasks/quick", map[string]string{"text": "周五前写完季度报告 3小时 高优先级 #深度"}).json(t, &q)
	if q.Task.ID == "" || q.Task.EstimateMin != 180 || q.Task.Kind != "deep" {
		t.Fatalf("quick = %+v; want a saved deep task of 180 min", q.Task)
	}
	s.must(http.StatusOK, "POST", "/api/v1/tasks/parse", map[string]string{"text": "call the bank"}).json(t, &q)
	if len(q.Assumed) < 3 || q.Task.EstimateMin != 60 {
		t.Errorf("parse without details: assumed %q estimate %d; want the defaults stated and 60 min", q.Assumed, q.Task.EstimateMin)
	}
}

func TestPlanAPIConstraints(t *testing.T) {
	s := newTestServer(t, server.Config{})
	now := time.Now().UTC()
	create := func(tk tasks.Task) tasks.Task {
		t.Helper()
		var out tasks.Task
		s.must(http.StatusCreated, "POST", "/api/v1/tasks", tk).json(t, &out)
		return out
	}
	create(tasks.Task{Title: "overdue memo", EstimateMin: 60, Deadline: now.Add(-24 * time.Hour), Kind: "shallow"})
	create(tasks.Task{Title: "huge migration", EstimateMin: 100 * 60, Deadline: now.Add(72 * time.Hour), Kind: "deep", Priority: 1})
	create(tasks.Task{Title: "design doc", EstimateMin: 120, Kind: "deep", Priority: 2})
	var pl server.PlanResult
	s.must(http.StatusOK, "GET", "/api/v1/plan?days=7&tz=UTC", nil).json(t, &pl)
	risk := map[string]server.PlanRisk{}
	for _, r := range pl.AtRisk {
		risk[r.Title] = r
	}
	if r, ok := risk["huge migration"]; !ok || r.MissingMin <= 0 || r.Reason == "" {
		t.Errorf("more work than time: at risk %+v; want huge migration with missing minutes and a reason", pl.AtRisk)
	}
	if r, ok := risk["overdue memo"]; !ok || r.Reason == "" {
		t.Errorf("deadline in the past: at risk %+v; want overdue memo with a reason", pl.AtRisk)
	}
	placed := map[string]time.Duration{}
	for _, b := range pl.Blocks {
		if b.Reason == "" {
			t.Errorf("block %+v has no reason", b)
		}
		placed[b.Title] += b.End.Sub(b.Start)
	}
	if placed["design doc"] != 2*time.Hour || placed["huge migration"] == 0 {
		t.Errorf("placed %v; want design doc 2h and part of the migration", placed)
	}
	if pl.Gap < 0 || pl.Gap > 1 || pl.UpperBound < pl.Objective {
		t.Errorf("gap %v, objective %v, bound %v: want 0 ≤ gap ≤ 1 and bound ≥ objective", pl.Gap, pl.Objective, pl.UpperBound)
	}

	data := s.must(http.StatusOK, "GET", "/api/v1/plan.ics?days=7&tz=UTC", nil).body
	busy, err := ics.ReadBusy(strings.NewReader(string(data)), attnflow.TimeRange{Start: now.Add(-time.Hour), End: now.AddDate(0, 0, 8)}, time.UTC)
	if err != nil || len(busy) != len(pl.Blocks) {
		t.Errorf("plan.ics read back: %d events, %v; want %d", len(busy), err, len(pl.Blocks))
	}

	a := create(tasks.Task{Title: "A", EstimateMin: 30})
	b := create(tasks.Task{Title: "B", EstimateMin: 30, After: []string{a.ID}})
	a.After = []string{b.ID}
	s.must(http.StatusOK, "PUT", "/api/v1/tasks/"+a.ID, a)
	r := s.do("GET", "/api/v1/plan?days=7&tz=UTC", nil)
	if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "circular") {
		t.Errorf("circular dependency: status %d body %s; want 400 naming the cycle", r.status, r.body)
	}
}

func TestPlanAPICalendar(t *testing.T) {
	s := newTestServer(t, server.Config{})
	// A daily meeting all working day long leaves no room at all.
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:m1@t\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART:20260101T080000Z\r\nDTEND:20260101T180000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:offsite\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	s.must(http.StatusCreated, "POST", "/api/v1/calendars/work", cal)
	s.must(http.StatusCreated, "POST", "/api/v1/tasks", tasks.Task{Title: "write", EstimateMin: 60, Kind: "deep"})
	var pl server.PlanResult
	s.must(http.StatusOK, "GET", "/api/v1/plan?days=7&tz=UTC", nil).json(t, &pl)
	if len(pl.Busy) < 7 {
		t.Errorf("busy blocks %d, want the daily meeting expanded over the week", len(pl.Busy))
	}
	for _, b := range pl.Blocks {
		t.Errorf("block %+v placed although the calendar is full", b)
	}
	if len(pl.AtRisk) != 1 && len(pl.Notes) == 0 {
		t.Errorf("unplaced work not reported: at risk %+v notes %q", pl.AtRisk, pl.Notes)
	}
}

func TestPlanAPIRecurring(t *testing.T) {
	s := newTestServer(t, server.Config{})
	var q server.QuickAdd
	s.must(http.StatusCreated, "POST", "/api/v1/tasks/quick", map[string]string{"text": "triage inbox 30m every weekday #admin", "tz": "UTC"}).json(t, &q)
	if q.Task.RRule == "" {
		t.Fatalf("quick-add %+v: want a recurrence", q.Task)
	}
	var pl server.PlanResult
	s.must(http.StatusOK, "GET", "/api/v1/plan?days=8&tz=UTC", nil).json(t, &pl)
	days := map[string]bool{}
	for _, b := range pl.Blocks {
		if !strings.HasPrefix(b.TaskID, q.Task.ID+"@") {
			t.Errorf("block %+v: want an occurrence id %s@DATE", b, q.Task.ID)
		}
		days[b.Start.Format("2006-01-02")] = true
	}
	if len(days) < 5 {
		t.Errorf("recurring task planned on %d days, want every weekday of the horizon (≥ 5): %v", len(days), days)
	}
}

func TestPlanAPIWorkingHours(t *testing.T) {
	s := newTestServer(t, server.Config{})
	s.must(http.StatusOK, "POST", "/api/0/settings/attnflow.workingHours", map[string]any{"days": []int{0, 1, 2, 3, 4, 5, 6}, "start": "06:00", "end": "07:00"})
	s.must(http.StatusCreated, "POST", "/api/v1/tasks", tasks.Task{Title: "early", EstimateMin: 60 * 3, Kind: "shallow"})
	var pl server.PlanResult
	s.must(http.StatusOK, "GET", "/api/v1/plan?days=7&tz=UTC", nil).json(t, &pl)
	if len(pl.Blocks) == 0 {
		t.Fatalf("no blocks planned; notes %q", pl.Measured)
	}
	for _, b := range pl.Blocks {
		if b.Start.UTC().Hour() != 6 || b.End.UTC().After(time.Date(b.Start.Year(), b.Start.Month(), b.Start.Day(), 7, 0, 0, 0, time.UTC)) {
			t.Errorf("block %v–%v outside the set working hours 06:00–07:00", b.Start, b.End)
		}
	}
	if !strings.Contains(strings.Join(pl.Measured, " "), "06:00–07:00") {
		t.Errorf("notes %q: want the working hours named", pl.Measured)
	}
	s.must(http.StatusOK, "POST", "/api/0/settings/attnflow.workingHours", map[string]any{"start": "late", "end": "never"})
	if r := s.do("GET", "/api/v1/plan", nil); r.status != http.StatusBadRequest {
		t.Errorf("bad working hours: status %d, want 400; %s", r.status, r.body)
	}
}
