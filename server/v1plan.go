package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/plan"
	"github.com/attnflow/attnflow/plan/ics"
	"github.com/attnflow/attnflow/tasks"
)

// historyDays is how far back the capacity curve, focus sessions and
// actual task times are measured.
const historyDays = 28

// planSlot is the planner's granularity; plans start on a slot boundary.
const planSlot = 15 * time.Minute

// maxPlanDays bounds the plan horizon.
const maxPlanDays = 28

// PlanBlock is one block of a plan in the API.
type PlanBlock struct {
	TaskID string    `json:"task_id"`
	Title  string    `json:"title"`
	Kind   string    `json:"kind"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Pinned bool      `json:"pinned"`
	Reason string    `json:"reason"`
}

// PlanRisk is a task the plan cannot finish in time.
type PlanRisk struct {
	TaskID     string  `json:"task_id"`
	Title      string  `json:"title"`
	MissingMin float64 `json:"missing_min"`
	Reason     string  `json:"reason"`
}

// PlanResult is the answer of GET /api/v1/plan.
type PlanResult struct {
	From       time.Time   `json:"from"`
	To         time.Time   `json:"to"`
	Blocks     []PlanBlock `json:"blocks"`
	Busy       []PlanBlock `json:"busy"` // calendar events in the horizon
	AtRisk     []PlanRisk  `json:"at_risk"`
	Objective  float64     `json:"objective"`
	UpperBound float64     `json:"upper_bound"`
	Gap        float64     `json:"gap"` // (upper bound − objective) / upper bound
	Notes      []string    `json:"notes"`
	// Measured says what the plan learnt from the attention flow: the
	// capacity curve, focus sessions, planning-fallacy corrections.
	Measured []string `json:"measured"`
}

func (a *tasksAPI) handlePlan(w http.ResponseWriter, r *http.Request) {
	res, _, err := a.makePlan(r.Context(), r.URL.Query())
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (a *tasksAPI) handlePlanICS(w http.ResponseWriter, r *http.Request) {
	_, pl, err := a.makePlan(r.Context(), r.URL.Query())
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := ics.WritePlan(&buf, pl.Blocks, a.now()); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="attnflow-plan.ics"`)
	_, _ = w.Write(buf.Bytes())
}

// makePlan builds the planning problem and solves it.
func (a *tasksAPI) makePlan(ctx context.Context, q url.Values) (PlanResult, *plan.Plan, error) {
	p, measured, err := a.problem(ctx, q)
	if err != nil {
		return PlanResult{}, nil, err
	}
	pl, err := plan.Solve(p)
	if err != nil {
		return PlanResult{}, nil, err
	}
	return planResult(p, pl, measured), pl, nil
}

// problem builds the planning problem from the store and the measured
// attention flow; measured says what it learnt, in words.
func (a *tasksAPI) problem(ctx context.Context, q url.Values) (plan.Problem, []string, error) {
	cfg, err := ParseFlowConfig(q)
	if err != nil {
		return plan.Problem{}, nil, err
	}
	days := 1
	if s := q.Get("days"); s != "" {
		if days, err = strconv.Atoi(s); err != nil || days < 1 || days > maxPlanDays {
			return plan.Problem{}, nil, attnflow.Errorf(attnflow.EINVALID, "days %q: want a number from 1 to %d", s, maxPlanDays)
		}
	}
	now := a.now().In(cfg.Location)
	y, m, d := now.Date()
	from := now.Truncate(planSlot) // blocks start on the quarter hour
	if from.Before(now) {
		from = from.Add(planSlot)
	}
	p := plan.Problem{
		Now: now, From: from, To: time.Date(y, m, d+days, 0, 0, 0, 0, cfg.Location),
		Lunch:  plan.Window{Start: 12 * time.Hour, End: 13 * time.Hour},
		Logger: a.s.logger,
	}
	raw, err := a.s.store.Setting(ctx, tasks.WorkingHoursSetting)
	if err != nil && attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
		return plan.Problem{}, nil, err
	}
	work, hoursNote, err := tasks.WorkHours(raw)
	if err != nil {
		return plan.Problem{}, nil, attnflow.Errorf(attnflow.EINVALID, "%v; fix them in the dashboard's settings", err)
	}
	p.Work = work
	all, err := a.tasks.Tasks(ctx, tasks.Filter{Done: true})
	if err != nil {
		return plan.Problem{}, nil, err
	}
	if p.Tasks, p.Pinned, err = tasks.PlanTasks(all, attnflow.TimeRange{Start: p.From, End: p.To}); err != nil {
		return plan.Problem{}, nil, err
	}
	measured, err := a.measure(ctx, &p, all, q.Get("host"), cfg)
	if err != nil {
		return plan.Problem{}, nil, err
	}
	if p.Busy, err = a.busy(ctx, attnflow.TimeRange{Start: p.From, End: p.To}, cfg.Location); err != nil {
		return plan.Problem{}, nil, err
	}
	return p, append([]string{hoursNote}, measured...), nil
}

// handlePlanLP writes the same problem as a mixed integer program in CPLEX
// LP format, for glpsol --lp or cbc to solve exactly.
func (a *tasksAPI) handlePlanLP(w http.ResponseWriter, r *http.Request) {
	p, _, err := a.problem(r.Context(), r.URL.Query())
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := plan.WriteLP(&buf, p); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// measure fills the problem's capacity and policy from the last weeks of
// the attention flow and returns what it found, in words.
func (a *tasksAPI) measure(ctx context.Context, p *plan.Problem, all []tasks.Task, host string, cfg flow.Config) ([]string, error) {
	dates := make([]string, 0, historyDays)
	for i := historyDays; i >= 1; i-- {
		dates = append(dates, flow.DateOf(p.Now.AddDate(0, 0, -i), cfg))
	}
	days, err := a.engine.Days(ctx, dates, host, cfg)
	if attnflow.ErrorCode(err) == attnflow.ENOTFOUND {
		days, err = nil, nil // no watcher buckets yet
	}
	if err != nil {
		return nil, fmt.Errorf("measure attention flow: %w", err)
	}
	fc := flow.CapacityProfile(days, cfg)
	p.Capacity = tasks.Capacity(fc)
	var out []string
	active, sessions, sessionSec := 0, 0, 0.0
	var segs []flow.Segment
	for _, d := range days {
		sessions += d.Measures.Sessions
		sessionSec += d.Measures.SessionSec
		segs = append(segs, d.Segments...)
	}
	for _, c := range fc.Week {
		active += c.ActiveWindows
	}
	if active == 0 {
		out = append(out, "no tracked activity in the last 4 weeks: every working hour counts the same until attnflow has measured you")
	} else {
		out = append(out, fmt.Sprintf("focus capacity measured over %.0f active hours of the last %d days; peak hours %v", float64(active)*fc.WindowSec/3600, historyDays, fc.PeakHours))
	}
	if sessions >= 3 {
		mean := time.Duration(sessionSec/float64(sessions)) * time.Second
		p.Policy.FocusSessions = mean
		span := min(max(mean.Round(15*time.Minute), 30*time.Minute), 3*time.Hour)
		p.Policy.FocusSpan = span
		out = append(out, fmt.Sprintf("your %d focus sessions averaged %s: a break follows %s of deep work", sessions, mean.Round(time.Minute), span))
	}
	actual := tasks.Actual(all, segs)
	ratios, notes := tasks.Ratios(all, actual)
	p.Policy.Ratio = ratios
	return append(append(out, notes...), workDone(p, all, actual)...), nil
}

// workDone counts the tracked time on open tasks as work already done, so
// the plan places only what is left.
func workDone(p *plan.Problem, all []tasks.Task, actual map[string]time.Duration) []string {
	var out []string
	p.Done = map[string]time.Duration{}
	for _, t := range all {
		if d := actual[t.ID]; !t.Done && d >= time.Minute {
			p.Done[t.ID] = d
			out = append(out, fmt.Sprintf("%q: %s already tracked by its rules; planning the rest", t.Title, d.Round(time.Minute)))
		}
	}
	return out
}

func planResult(p plan.Problem, pl *plan.Plan, measured []string) PlanResult {
	res := PlanResult{From: p.From, To: p.To, Blocks: []PlanBlock{}, Busy: []PlanBlock{}, AtRisk: []PlanRisk{},
		Objective: pl.Objective, UpperBound: pl.UpperBound, Gap: pl.Gap, Notes: nonNil(pl.Notes), Measured: nonNil(measured)}
	for _, b := range pl.Blocks {
		res.Blocks = append(res.Blocks, PlanBlock{TaskID: b.TaskID, Title: b.Title, Kind: string(b.Kind), Start: b.Start, End: b.End, Pinned: b.Pinned, Reason: b.Reason})
	}
	for _, b := range p.Busy {
		res.Busy = append(res.Busy, PlanBlock{Title: b.Title, Start: b.Start, End: b.End, Reason: "in your calendar"})
	}
	for _, rk := range pl.AtRisk {
		res.AtRisk = append(res.AtRisk, PlanRisk{TaskID: rk.TaskID, Title: rk.Title, MissingMin: rk.Missing.Minutes(), Reason: rk.Reason})
	}
	return res
}
