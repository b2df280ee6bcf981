package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
)

// v1API is the native API over the attention-flow engine.
type v1API struct {
	s      *Server
	engine *FlowEngine
	now    func() time.Time
}

// routesV1 registers the native attention-flow API under /api/v1/flow.
// All answers are JSON; errors are {"message"} with 400 (bad parameter),
// 404 (unknown host or endpoint) or 413 (range too large).
//
// Common parameters: tz (IANA zone, default UTC), day_start ("04:00"),
// window (feature window, default 60s), host (one host's buckets), and the
// period: date=YYYY-MM-DD; or start and end (two dates: whole days; two
// RFC 3339 times: that exact range); or days=N (the last N days to today).
//
//	GET /api/v1/flow/days        per day: measures, sessions, breaks, notes (default 7 days)
//	GET /api/v1/flow/summary     measures, app and category graphs, sessions over the period
//	GET /api/v1/flow/measures    measures only
//	GET /api/v1/flow/weeks       weekly rollups, Monday to Sunday (default 28 days)
//	GET /api/v1/flow/windows     feature windows (default today; all=1 keeps idle ones; ≤ 31 days)
//	GET /api/v1/flow/sessions    focus sessions
//	GET /api/v1/flow/activity    canonical activity segments (≤ 31 days)
//	GET /api/v1/flow/graph       transition graph; by=app|category, min_count=N
//	GET /api/v1/flow/capacity    focus capacity by hour of week and of day (default 28 days)
//	GET /api/v1/flow/report      period=day|week, date: the report with its 28-day baseline
//	GET /api/v1/flow/categories  the categories in use (the "classes" setting or the defaults)
func (s *Server) routesV1() {
	v := &v1API{s: s, engine: s.engine, now: time.Now}
	m := s.mux
	m.HandleFunc("GET /api/v1/flow/days", v.handleDays)
	m.HandleFunc("GET /api/v1/flow/summary", v.handleSummary)
	m.HandleFunc("GET /api/v1/flow/measures", v.handleMeasures)
	m.HandleFunc("GET /api/v1/flow/weeks", v.handleWeeks)
	m.HandleFunc("GET /api/v1/flow/windows", v.handleWindows)
	m.HandleFunc("GET /api/v1/flow/sessions", v.handleSessions)
	m.HandleFunc("GET /api/v1/flow/activity", v.handleActivity)
	m.HandleFunc("GET /api/v1/flow/graph", v.handleGraph)
	m.HandleFunc("GET /api/v1/flow/capacity", v.handleCapacity)
	m.HandleFunc("GET /api/v1/flow/report", v.handleReport)
	m.HandleFunc("GET /api/v1/flow/categories", v.handleCategories)
}

// dayJSON is one day in the native API.
type dayJSON struct {
	Date     string         `json:"date"`
	Start    time.Time      `json:"start"`
	End      time.Time      `json:"end"`
	Measures flow.Measures  `json:"measures"`
	Sessions []flow.Session `json:"sessions"`
	Breaks   []flow.Break   `json:"breaks"`
	Notes    []string       `json:"notes,omitempty"`
}

func (v *v1API) handleDays(w http.ResponseWriter, r *http.Request) {
	days, _, err := v.flowDays(r, 7)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	out := make([]dayJSON, len(days))
	for i, d := range days {
		out[i] = dayJSON{Date: d.Date, Start: d.Range.Start, End: d.Range.End, Measures: d.Measures,
			Sessions: nonNil(d.Sessions), Breaks: nonNil(d.Breaks), Notes: d.Notes}
	}
	writeJSON(w, http.StatusOK, out)
}

func (v *v1API) handleSummary(w http.ResponseWriter, r *http.Request) {
	days, _, err := v.flowDays(r, 7)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	s := flow.Summarize(days)
	s.Sessions = nonNil(s.Sessions)
	writeJSON(w, http.StatusOK, s)
}

func (v *v1API) handleMeasures(w http.ResponseWriter, r *http.Request) {
	days, _, err := v.flowDays(r, 7)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	s := flow.Summarize(days)
	writeJSON(w, http.StatusOK, map[string]any{"from": s.From, "to": s.To, "days": s.Days, "measures": s.Measures})
}

func (v *v1API) handleWeeks(w http.ResponseWriter, r *http.Request) {
	days, _, err := v.flowDays(r, 28)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, nonNil(flow.Weeks(days)))
}

// maxWindowDays bounds the days of windows one request returns.
const maxWindowDays = 31

func (v *v1API) handleWindows(w http.ResponseWriter, r *http.Request) {
	days, fq, err := v.flowDays(r, 1)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	if len(days) > maxWindowDays {
		v.s.writeError(w, r, attnflow.Errorf(attnflow.ETOOLARGE, "windows of %d days requested, at most %d: narrow the range", len(days), maxWindowDays))
		return
	}
	all := r.URL.Query().Get("all") != ""
	out := []flow.Window{}
	for _, d := range days {
		for _, win := range d.Windows {
			if (all || win.ActiveSec > 0) && inExact(fq, win.Start) {
				out = append(out, win)
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func inExact(fq flowQuery, t time.Time) bool {
	return fq.exact == nil || (!t.Before(fq.exact.Start.Truncate(fq.cfg.Window)) && t.Before(fq.exact.End))
}

func (v *v1API) handleSessions(w http.ResponseWriter, r *http.Request) {
	days, _, err := v.flowDays(r, 7)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	out := []flow.Session{}
	for _, d := range days {
		out = append(out, d.Sessions...)
	}
	writeJSON(w, http.StatusOK, out)
}

func (v *v1API) handleActivity(w http.ResponseWriter, r *http.Request) {
	days, _, err := v.flowDays(r, 1)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	if len(days) > maxWindowDays {
		v.s.writeError(w, r, attnflow.Errorf(attnflow.ETOOLARGE, "activity of %d days requested, at most %d: narrow the range", len(days), maxWindowDays))
		return
	}
	out := []flow.Segment{}
	for _, d := range days {
		out = append(out, d.Segments...)
	}
	writeJSON(w, http.StatusOK, out)
}

func (v *v1API) handleGraph(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	by := q.Get("by")
	if by == "" {
		by = "app"
	}
	if by != "app" && by != "category" {
		v.s.writeError(w, r, attnflow.Errorf(attnflow.EINVALID, "by %q is not app or category", by))
		return
	}
	minCount := 1
	if s := q.Get("min_count"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			v.s.writeError(w, r, attnflow.Errorf(attnflow.EINVALID, "min_count %q is not a positive integer", s))
			return
		}
		minCount = n
	}
	days, _, err := v.flowDays(r, 7)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	s := flow.Summarize(days)
	g := s.Apps
	if by == "category" {
		g = s.Cats
	}
	edges := []flow.Edge{}
	for _, e := range g.Edges {
		if e.Count >= minCount {
			edges = append(edges, e)
		}
	}
	g.Edges, g.Nodes = edges, nonNil(g.Nodes)
	writeJSON(w, http.StatusOK, g)
}

func (v *v1API) handleCapacity(w http.ResponseWriter, r *http.Request) {
	days, fq, err := v.flowDays(r, 28)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, flow.CapacityProfile(days, fq.cfg))
}

func (v *v1API) handleReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cfg, err := ParseFlowConfig(q)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	period := q.Get("period")
	if period == "" {
		period = "day"
	}
	date := q.Get("date")
	if date == "" {
		date = flow.DateOf(v.now(), cfg)
	}
	rep, err := v.engine.Report(r.Context(), period, date, q.Get("host"), cfg)
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (v *v1API) handleCategories(w http.ResponseWriter, r *http.Request) {
	cats, _, err := v.engine.Categories(r.Context())
	if err != nil {
		v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cats.Classes())
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
