package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/checkin"
	"github.com/attnflow/attnflow/flow"
)

// SaveCheckIn stores an answer in the host's check-in bucket, creating
// the bucket on first use.
func SaveCheckIn(ctx context.Context, store attnflow.Store, host string, a checkin.Answer) error {
	if err := a.Validate(); err != nil {
		return err
	}
	id := checkin.BucketID(host)
	err := store.CreateBucket(ctx, attnflow.Bucket{ID: id, Type: checkin.BucketType, Client: "attnflow", Hostname: host, Created: time.Now().UTC()})
	if err != nil && attnflow.ErrorCode(err) != attnflow.ECONFLICT {
		return fmt.Errorf("create check-in bucket: %w", err)
	}
	if _, err := store.InsertEvents(ctx, id, []attnflow.Event{a.Event()}); err != nil {
		return fmt.Errorf("store check-in: %w", err)
	}
	return nil
}

// LoadCheckIns reads the answers of every check-in bucket (or only the
// host's) within r, oldest first. Events that are not valid answers are
// skipped and counted.
func LoadCheckIns(ctx context.Context, store attnflow.Store, host string, r attnflow.TimeRange) ([]checkin.Answer, int, error) {
	bs, err := store.Buckets(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list buckets: %w", err)
	}
	var out []checkin.Answer
	bad := 0
	for _, b := range bs {
		if b.Type != checkin.BucketType || (host != "" && b.ID != checkin.BucketID(host)) {
			continue
		}
		evs, err := store.Events(ctx, b.ID, attnflow.EventFilter{Range: r, Limit: -1})
		if err != nil {
			return nil, 0, fmt.Errorf("read check-ins of %s: %w", b.ID, err)
		}
		for _, e := range evs {
			a, err := checkin.FromEvent(e)
			if err != nil {
				bad++
				continue
			}
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b checkin.Answer) int { return a.Covers.Start.Compare(b.Covers.Start) })
	return out, bad, nil
}

// checkinRequest is the body of POST /api/v1/checkins. Start and end
// default to the minutes (default 15) before now.
type checkinRequest struct {
	Focus       int       `json:"focus"`
	Demand      int       `json:"demand"`
	Interrupted *bool     `json:"interrupted"`
	State       string    `json:"state"`
	Reason      string    `json:"reason"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	Minutes     float64   `json:"minutes"`
	Host        string    `json:"host"`
}

func (a *modelAPI) handlePostCheckin(w http.ResponseWriter, r *http.Request) {
	var req checkinRequest
	if err := decodeJSON(r, &req); err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	ans := checkin.Answer{Focus: req.Focus, Demand: req.Demand, Interrupted: req.Interrupted, State: req.State, Reason: checkin.Reason(req.Reason)}
	end := req.End
	if end.IsZero() {
		end = a.v.now()
	}
	start := req.Start
	if start.IsZero() {
		mins := req.Minutes
		if mins <= 0 {
			mins = checkin.DefaultCovers.Minutes()
		}
		start = end.Add(-time.Duration(mins * float64(time.Minute)))
	}
	ans.Covers = attnflow.TimeRange{Start: start.UTC(), End: end.UTC()}
	host := strings.TrimSpace(req.Host)
	if host == "" {
		host = a.v.s.cfg.Hostname
	}
	if err := SaveCheckIn(r.Context(), a.v.s.store, host, ans); err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ans)
}

func (a *modelAPI) handleCheckins(w http.ResponseWriter, r *http.Request) {
	fq, err := parseFlowQuery(r.URL.Query(), a.v.now(), 7)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	rng, err := queryRange(fq)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	out, _, err := LoadCheckIns(r.Context(), a.v.s.store, fq.host, rng)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, nonNil(out))
}

// queryRange is the time range of a flow query.
func queryRange(fq flowQuery) (attnflow.TimeRange, error) {
	if fq.exact != nil {
		return *fq.exact, nil
	}
	first, err := flow.DayRange(fq.dates[0], fq.cfg)
	if err != nil {
		return attnflow.TimeRange{}, err
	}
	last, err := flow.DayRange(fq.dates[len(fq.dates)-1], fq.cfg)
	return attnflow.TimeRange{Start: first.Start, End: last.End}, err
}

// dueJSON answers GET /api/v1/checkins/due.
type dueJSON struct {
	Due    bool            `json:"due"`
	Prompt *checkin.Prompt `json:"prompt,omitempty"`
}

func (a *modelAPI) handleDue(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cfg, at, err := a.at(r)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	sched := checkin.Config{Location: cfg.Location}
	if s, e := q.Get("work_start"), q.Get("work_end"); s != "" || e != "" {
		ws, err1 := parseClockOrDuration(s)
		we, err2 := parseClockOrDuration(e)
		if err1 != nil || err2 != nil || we <= ws {
			a.v.s.writeError(w, r, attnflow.Errorf(attnflow.EINVALID, "work_start %q and work_end %q: give both as HH:MM, start before end", s, e))
			return
		}
		sched.WorkStart, sched.WorkEnd = ws, we
	}
	es, err := a.estimates(r.Context(), []string{flow.DateOf(at, cfg)}, q.Get("host"), cfg)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	for len(es) > 0 && es[len(es)-1].Start.Add(cfg.Window).After(at) {
		es = es[:len(es)-1]
	}
	day, _ := flow.DayRange(flow.DateOf(at, cfg), cfg)
	answers, _, err := LoadCheckIns(r.Context(), a.v.s.store, q.Get("host"), day)
	if err != nil {
		a.v.s.writeError(w, r, err)
		return
	}
	var asked []time.Time
	for _, ans := range answers {
		asked = append(asked, ans.Covers.End)
	}
	p, ok := checkin.Due(sched, at, es, asked)
	out := dueJSON{Due: ok}
	if ok {
		out.Prompt = &p
	}
	writeJSON(w, http.StatusOK, out)
}
