package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan/quickadd"
	"github.com/attnflow/attnflow/tasks"
)

// tasksAPI is the task list, the planner and calendar imports under
// /api/v1. It needs a store that also implements tasks.Store and
// tasks.CalendarStore (the SQLite store does); otherwise every endpoint
// answers 404 saying so.
type tasksAPI struct {
	s      *Server
	tasks  tasks.Store
	cals   tasks.CalendarStore
	engine *FlowEngine
	now    func() time.Time
}

// routesTasks registers the task and plan API:
//
//	GET    /api/v1/tasks               open tasks (all=1: finished too)
//	POST   /api/v1/tasks               create a task from its JSON form
//	POST   /api/v1/tasks/parse         {"text"}: what a quick-add means, without saving
//	POST   /api/v1/tasks/quick         {"text"}: parse a quick-add and save it
//	GET    /api/v1/tasks/{id}          one task
//	PUT    /api/v1/tasks/{id}          replace a task
//	POST   /api/v1/tasks/{id}/done     mark a task done
//	DELETE /api/v1/tasks/{id}          delete a task
//	GET    /api/v1/plan                days=N (1–28, default 1), tz: the plan with reasons
//	GET    /api/v1/plan.ics            the same plan as an iCalendar file
//	GET    /api/v1/plan.lp             the same problem as a MIP in CPLEX LP format
//	GET    /api/v1/calendars           imported calendars
//	POST   /api/v1/calendars/{name}    body: an .ics file, stored as busy time
//	DELETE /api/v1/calendars/{name}    forget a calendar
func (s *Server) routesTasks() {
	a := &tasksAPI{s: s, engine: s.engine, now: time.Now}
	a.tasks, _ = s.base.(tasks.Store)
	a.cals, _ = s.base.(tasks.CalendarStore)
	m := s.mux
	m.HandleFunc("GET /api/v1/tasks", a.need(a.handleList))
	m.HandleFunc("POST /api/v1/tasks", a.need(a.handleCreate))
	m.HandleFunc("POST /api/v1/tasks/parse", a.need(a.handleParse))
	m.HandleFunc("POST /api/v1/tasks/quick", a.need(a.handleQuick))
	m.HandleFunc("GET /api/v1/tasks/{id}", a.need(a.handleGet))
	m.HandleFunc("PUT /api/v1/tasks/{id}", a.need(a.handleUpdate))
	m.HandleFunc("POST /api/v1/tasks/{id}/done", a.need(a.handleDone))
	m.HandleFunc("DELETE /api/v1/tasks/{id}", a.need(a.handleDelete))
	m.HandleFunc("GET /api/v1/plan", a.need(a.handlePlan))
	m.HandleFunc("GET /api/v1/plan.ics", a.need(a.handlePlanICS))
	m.HandleFunc("GET /api/v1/plan.lp", a.need(a.handlePlanLP))
	m.HandleFunc("GET /api/v1/calendars", a.need(a.handleCalendars))
	m.HandleFunc("POST /api/v1/calendars/{name}", a.need(a.handleImportCalendar))
	m.HandleFunc("DELETE /api/v1/calendars/{name}", a.need(a.handleDeleteCalendar))
}

// need answers 404 when the store keeps no tasks.
func (a *tasksAPI) need(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if a.tasks == nil || a.cals == nil {
			writeMessage(w, http.StatusNotFound, "this store keeps no tasks: the planner needs the SQLite store")
			return
		}
		h(w, r)
	}
}

func (a *tasksAPI) handleList(w http.ResponseWriter, r *http.Request) {
	ts, err := a.tasks.Tasks(r.Context(), tasks.Filter{Done: r.URL.Query().Get("all") == "1"})
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ts)
}

func (a *tasksAPI) handleCreate(w http.ResponseWriter, r *http.Request) {
	var t tasks.Task
	if err := decodeJSON(r, &t); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	t, err := a.tasks.CreateTask(r.Context(), t)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, t)
}

// QuickAdd is a quick-add line and what it means: the task it would
// create, and what was understood and assumed.
type QuickAdd struct {
	Text       string     `json:"text"`
	TZ         string     `json:"tz,omitempty"`
	Task       tasks.Task `json:"task"`
	Understood []string   `json:"understood"`
	Assumed    []string   `json:"assumed"`
	Lang       string     `json:"lang"`
}

func (a *tasksAPI) parseQuick(r *http.Request) (QuickAdd, error) {
	var in QuickAdd
	if err := decodeJSON(r, &in); err != nil {
		return in, err
	}
	loc := time.Local
	if in.TZ != "" {
		l, err := time.LoadLocation(in.TZ)
		if err != nil || strings.Contains(in.TZ, "..") {
			return in, attnflow.Errorf(attnflow.EINVALID, "tz %q is not an IANA time zone such as Europe/Berlin", in.TZ)
		}
		loc = l
	}
	res, err := quickadd.Parse(in.Text, a.now().In(loc))
	if err != nil {
		return in, err
	}
	in.Task = tasks.FromQuickAdd(res)
	in.Understood = nonNil(res.Understood)
	in.Assumed = nonNil(tasks.Assumed(res))
	in.Lang = res.Lang
	return in, nil
}

func (a *tasksAPI) handleParse(w http.ResponseWriter, r *http.Request) {
	q, err := a.parseQuick(r)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, q)
}

func (a *tasksAPI) handleQuick(w http.ResponseWriter, r *http.Request) {
	q, err := a.parseQuick(r)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	if q.Task, err = a.tasks.CreateTask(r.Context(), q.Task); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, q)
}

func (a *tasksAPI) handleGet(w http.ResponseWriter, r *http.Request) {
	t, err := a.tasks.Task(r.Context(), r.PathValue("id"))
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (a *tasksAPI) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var t tasks.Task
	if err := decodeJSON(r, &t); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	t.ID = r.PathValue("id")
	if _, err := a.tasks.Task(r.Context(), t.ID); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	t, err := a.tasks.UpdateTask(r.Context(), t)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (a *tasksAPI) handleDone(w http.ResponseWriter, r *http.Request) {
	t, err := a.tasks.Task(r.Context(), r.PathValue("id"))
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	if !t.Done {
		t.Done, t.DoneAt = true, a.now().UTC()
		if t, err = a.tasks.UpdateTask(r.Context(), t); err != nil {
			a.s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, t)
}

func (a *tasksAPI) handleDelete(w http.ResponseWriter, r *http.Request) {
	if err := a.tasks.DeleteTask(r.Context(), r.PathValue("id")); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
