package tasks

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/plan"
)

func TestCapacityIndex(t *testing.T) {
	// Tuesday 10:00 in flow's Sunday-first index is 2*24+10.
	fc := flow.Capacity{Level: 0.95, Week: []flow.CapacityCell{{Weekday: 2, Hour: 10, Mean: 0.82, Lo: 0.72, Hi: 0.92}}}
	c := Capacity(fc)
	tue := time.Date(2026, 3, 3, 10, 30, 0, 0, time.UTC) // a Tuesday
	m, sd := c.At(tue)
	if m != 0.82 || math.Abs(sd-0.1/1.96) > 1e-3 {
		t.Errorf("At(Tue 10:30) = %v ± %v, want 0.82 ± %.3f", m, sd, 0.1/1.96)
	}
	if m, _ := c.At(tue.Add(time.Hour)); m != 0.5 {
		t.Errorf("unmeasured hour: got %v, want the flat 0.5", m)
	}
}

func TestActualAndRatios(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	seg := func(app, title string, min int) flow.Segment {
		return flow.Segment{Start: t0, End: t0.Add(time.Duration(min) * time.Minute), App: app, Title: title}
	}
	segs := []flow.Segment{seg("code", "report.tex", 90), seg("firefox", "Report draft", 30), seg("mail", "inbox", 20)}
	ts := []Task{
		{ID: "1", Kind: "deep", EstimateMin: 60, Done: true, Rules: []Rule{{Field: "title", Pattern: "(?i)report"}}},
		{ID: "2", Kind: "deep", EstimateMin: 60, Done: true, Rules: []Rule{{Field: "app", Pattern: "^code$"}}},
		{ID: "3", Kind: "admin", EstimateMin: 30, Done: true, Rules: []Rule{{Field: "app", Pattern: "mail"}}},
		{ID: "4", Kind: "deep", EstimateMin: 60},
	}
	act := Actual(ts, segs)
	want := map[string]time.Duration{"1": 120 * time.Minute, "2": 90 * time.Minute, "3": 20 * time.Minute}
	for id, w := range want {
		if act[id] != w {
			t.Errorf("actual[%s] = %v, want %v", id, act[id], w)
		}
	}
	if _, ok := act["4"]; ok {
		t.Errorf("task without rules measured")
	}
	r, notes := Ratios(ts, act)
	if got := r[plan.KindDeep]; math.Abs(got-1.75) > 1e-9 {
		t.Errorf("deep ratio %v, want 210/120 = 1.75", got)
	}
	if _, ok := r["admin"]; ok || len(notes) != 2 {
		t.Errorf("admin with one task: ratio %v notes %q; want no ratio and a note each", r, notes)
	}
}

func TestPlanTasksDropsDoneDeps(t *testing.T) {
	p := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ts := []Task{{ID: "1", Done: true}, {ID: "2", Title: "b", EstimateMin: 30, After: []string{"1", "3"}, Pinned: []Pin{{p, p.Add(time.Hour)}}}, {ID: "3", Title: "c", EstimateMin: 30}}
	pt, pins, err := PlanTasks(ts, attnflow.TimeRange{Start: p, End: p.AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	if len(pt) != 2 || len(pt[0].After) != 1 || pt[0].After[0] != "3" || pt[0].Estimate != 30*time.Minute {
		t.Errorf("plan tasks %+v: want 2 open, task 2 after 3 only", pt)
	}
	if len(pins) != 1 || !pins[0].Pinned || pins[0].TaskID != "2" {
		t.Errorf("pins %+v: want task 2's block pinned", pins)
	}
}

func TestPlanTasksRecurring(t *testing.T) {
	mon := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	horizon := attnflow.TimeRange{Start: mon.Add(10 * time.Hour), End: mon.AddDate(0, 0, 7)}
	cases := []struct {
		rule string
		want []string
	}{
		{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", []string{"1@2026-03-02", "1@2026-03-03", "1@2026-03-04", "1@2026-03-05", "1@2026-03-06"}},
		{"FREQ=WEEKLY;BYDAY=WE", []string{"1@2026-03-04"}},
		{"FREQ=DAILY;INTERVAL=3", []string{"1@2026-03-04", "1@2026-03-07"}}, // every 3 days from the creation (23 Feb)
	}
	for _, c := range cases {
		tk := Task{ID: "1", Title: "stand-up notes", EstimateMin: 15, RRule: c.rule, Created: mon.AddDate(0, 0, -7)}
		pt, _, err := PlanTasks([]Task{tk}, horizon)
		if err != nil {
			t.Fatalf("%s: %v", c.rule, err)
		}
		var got []string
		for _, p := range pt {
			got = append(got, p.ID)
			if p.Deadline.Sub(p.Earliest) > 24*time.Hour || p.Deadline.Hour() != 0 {
				t.Errorf("%s: occurrence %s from %v due %v; want due by the end of its day", c.rule, p.ID, p.Earliest, p.Deadline)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: occurrences %v, want %v", c.rule, got, c.want)
		}
	}
	series := Task{ID: "1", Title: "stand-up notes", EstimateMin: 15, RRule: "FREQ=DAILY"}
	pt, _, err := PlanTasks([]Task{series, {ID: "2", Title: "after", EstimateMin: 5, After: []string{"1"}}}, horizon)
	if err != nil || len(pt[len(pt)-1].After) != 0 {
		t.Errorf("dependency on a series: %v, %+v; want it dropped", err, pt[len(pt)-1])
	}
	if _, _, err := PlanTasks([]Task{{ID: "1", Title: "x", EstimateMin: 5, RRule: "FREQ=SOMETIMES"}}, horizon); attnflow.ErrorCode(err) != attnflow.EINVALID {
		t.Errorf("bad rule: got %v, want EINVALID", err)
	}
}

func TestWorkHours(t *testing.T) {
	cases := []struct {
		raw     string
		day     time.Weekday
		want    plan.Window
		wantErr bool
	}{
		{"", time.Monday, plan.Window{Start: 9 * time.Hour, End: 17 * time.Hour}, false},
		{`{"days":[1,2,3,4,5],"start":"08:30","end":"17:30"}`, time.Friday, plan.Window{Start: 8*time.Hour + 30*time.Minute, End: 17*time.Hour + 30*time.Minute}, false},
		{`{"days":[1,2,3,4,5],"start":"08:30","end":"17:30"}`, time.Saturday, plan.Window{}, false},
		{`{"days":[6],"start":"10:00","end":"14:00"}`, time.Saturday, plan.Window{Start: 10 * time.Hour, End: 14 * time.Hour}, false},
		{`{"start":"18:00","end":"09:00"}`, 0, plan.Window{}, true},
		{`[1]`, 0, plan.Window{}, true},
	}
	for _, c := range cases {
		w, note, err := WorkHours([]byte(c.raw))
		if (err != nil) != c.wantErr {
			t.Errorf("%s: error %v, want error %v", c.raw, err, c.wantErr)
			continue
		}
		if !c.wantErr && (w[c.day] != c.want || note == "") {
			t.Errorf("%s: %v = %v (note %q), want %v", c.raw, c.day, w[c.day], note, c.want)
		}
	}
}
