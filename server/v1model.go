package server

import (
	"context"
	"net/http"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/model"
)

// modelAPI serves the attention-state model: states for a range, the
// state now and interruptibility.
type modelAPI struct {
	v   *v1API
	hmm model.HMM
	// trained, if set, returns the person's trained model ("attnflow model
	// train"); ok false means none yet, and the day-one model is used.
	trained func() (t model.Trained, ok bool)
}

// routesModel registers /api/v1/states, /api/v1/state/now,
// /api/v1/interruptibility, /api/v1/fatigue and the check-ins (/api/v1/checkins: list and
// answer; /api/v1/checkins/due: the prompt due now, if any). They take the flow API's tz, day_start,
// window and host parameters; states takes a period like the flow API,
// the others an optional at (RFC 3339, default now).
func (s *Server) routesModel() {
	v := &v1API{s: s, engine: s.engine, now: time.Now}
	a := &modelAPI{v: v, hmm: model.PriorHMM(), trained: s.cfg.Model}
	s.mux.HandleFunc("GET /api/v1/states", a.handleStates)
	s.mux.HandleFunc("GET /api/v1/state/now", a.handleNow)
	s.mux.HandleFunc("GET /api/v1/interruptibility", a.handleInterruptibility)
	s.mux.HandleFunc("GET /api/v1/fatigue", a.handleFatigue)
	s.mux.HandleFunc("GET /api/v1/checkins", a.handleCheckins)
	s.mux.HandleFunc("POST /api/v1/checkins", a.handlePostCheckin)
	s.mux.HandleFunc("GET /api/v1/checkins/due", a.handleDue)
}

// baselineDays is how many days before a request the person's rhythm is
// measured over.
const baselineDays = 7

// estimates runs the model over whole days (so that the filter has the
// day's history) and returns every window's estimate.
func (a *modelAPI) estimates(ctx context.Context, dates []string, host string, cfg flow.Config) ([]model.Estimate, error) {
	if len(dates) == 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "the range holds no day")
	}
	if len(dates) > maxWindowDays {
		return nil, attnflow.Errorf(attnflow.ETOOLARGE, "states of %d days requested, at most %d: narrow the range", len(dates), maxWindowDays)
	}
	hist := flow.DatesBefore(dates[0], baselineDays)
	days, err := a.v.engine.Days(ctx, append(hist, dates...), host, cfg)
	if err != nil {
		return nil, err
	}
	var all []flow.Window
	for _, d := range days {
		all = append(all, d.Windows...)
	}
	var out []model.Estimate
	if a.trained != nil {
		if t, ok := a.trained(); ok {
			for _, d := range days[len(hist):] {
				out = append(out, t.Estimates(d.Windows, cfg.Window)...)
			}
			return out, nil
		}
	}
	b := model.FitBaseline(all)
	for _, d := range days[len(hist):] {
		out = append(out, model.Estimates(a.hmm, b, d.Windows, cfg.Window)...)
	}
	return out, nil
}

func (a *modelAPI) handleStates(w http.ResponseWriter, r *http.Request) {
	fq, err := parseFlowQuery(r.URL.Query(), a.v.now(), 1)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	dates := fq.dates
	if fq.exact != nil {
		dates = flow.Dates(*fq.exact, fq.cfg)
	}
	es, err := a.estimates(r.Context(), dates, fq.host, fq.cfg)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	all := r.URL.Query().Get("all") != ""
	out := []model.Estimate{}
	for _, e := range es {
		if (all || e.Obs.Vector.X[model.FActive] > 0) && inExact(fq, e.Start) {
			out = append(out, e)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// at reads the flow configuration and the request's time (at, default
// now).
func (a *modelAPI) at(r *http.Request) (flow.Config, time.Time, error) {
	q := r.URL.Query()
	cfg, err := ParseFlowConfig(q)
	if err != nil {
		return cfg, time.Time{}, err
	}
	at := a.v.now()
	if s := q.Get("at"); s != "" {
		if at, err = time.Parse(time.RFC3339, s); err != nil {
			return cfg, at, attnflow.Errorf(attnflow.EINVALID, "at %q is not an RFC 3339 time", s)
		}
	}
	return cfg, at, nil
}

// current returns the estimate of the last window that ended by the
// request's time.
func (a *modelAPI) current(r *http.Request) (model.Estimate, error) {
	cfg, at, err := a.at(r)
	if err != nil {
		return model.Estimate{}, err
	}
	q := r.URL.Query()
	date := flow.DateOf(at, cfg)
	es, err := a.estimates(r.Context(), []string{date}, q.Get("host"), cfg)
	if err != nil {
		return model.Estimate{}, err
	}
	var last *model.Estimate
	for i := range es {
		if !es[i].Start.Add(cfg.Window).After(at) {
			last = &es[i]
		}
	}
	if last == nil {
		return model.Estimate{}, attnflow.Errorf(attnflow.ENOTFOUND, "no complete window yet on %s before %s", date, at.Format(time.RFC3339))
	}
	return *last, nil
}

func (a *modelAPI) handleNow(w http.ResponseWriter, r *http.Request) {
	e, err := a.current(r)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (a *modelAPI) handleInterruptibility(w http.ResponseWriter, r *http.Request) {
	e, err := a.current(r)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a.hmm.Interruptible(e))
}

// handleFatigue answers with the fatigue estimate of the last window that
// ended by the request's time.
func (a *modelAPI) handleFatigue(w http.ResponseWriter, r *http.Request) {
	cfg, at, err := a.at(r)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	date := flow.DateOf(at, cfg)
	days, err := a.v.engine.Days(r.Context(), []string{date}, r.URL.Query().Get("host"), cfg)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	var ws []flow.Window
	for _, win := range days[0].Windows {
		if !win.Start.Add(cfg.Window).After(at) {
			ws = append(ws, win)
		}
	}
	if len(ws) == 0 {
		a.v.s.writeError(w, r, attnflow.Errorf(attnflow.ENOTFOUND, "no complete window yet on %s before %s", date, at.Format(time.RFC3339)))
		return
	}
	fs := model.FatigueDay(ws, model.FatigueConfig{})
	writeJSON(w, http.StatusOK, fs[len(fs)-1])
}
