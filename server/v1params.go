package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
)

// maxFlowDays bounds the days one native-API request may compute.
const maxFlowDays = 1100

// flowQuery is a parsed native-API request: configuration, host and
// either whole local days or an exact range.
type flowQuery struct {
	cfg   flow.Config
	host  string
	dates []string            // whole days, when the request names days
	exact *attnflow.TimeRange // otherwise
}

// parseFlowQuery reads tz, day_start, window, host and the period: date,
// or start and end (dates for whole days, times for an exact range), or
// days (the last N days, default defaultDays, ending today).
func parseFlowQuery(q url.Values, now time.Time, defaultDays int) (flowQuery, error) {
	var fq flowQuery
	cfg, err := ParseFlowConfig(q)
	if err != nil {
		return fq, err
	}
	fq.cfg, fq.host = cfg, q.Get("host")
	start, end, date := q.Get("start"), q.Get("end"), q.Get("date")
	switch {
	case date != "":
		if _, err := flow.DayRange(date, cfg); err != nil {
			return fq, err
		}
		fq.dates = []string{date}
	case start != "" || end != "":
		if start == "" || end == "" {
			return fq, attnflow.Errorf(attnflow.EINVALID, "give both start and end (dates YYYY-MM-DD or RFC 3339 times)")
		}
		if isDate(start) && isDate(end) {
			return fq, fq.setDates(start, end)
		}
		r, err := attnflow.ParseTimeRange(start + "/" + end)
		if err != nil {
			return fq, err
		}
		if !r.End.After(r.Start) {
			return fq, attnflow.Errorf(attnflow.EINVALID, "end %s is not after start %s", end, start)
		}
		if r.End.Sub(r.Start) > maxFlowDays*24*time.Hour {
			return fq, attnflow.Errorf(attnflow.ETOOLARGE, "range is longer than %d days", maxFlowDays)
		}
		fq.exact = &r
	default:
		n := defaultDays
		if s := q.Get("days"); s != "" {
			if n, err = strconv.Atoi(s); err != nil || n < 1 || n > maxFlowDays {
				return fq, attnflow.Errorf(attnflow.EINVALID, "days %q is not a number of days between 1 and %d", s, maxFlowDays)
			}
		}
		today := flow.DateOf(now, cfg)
		fq.dates = append(flow.DatesBefore(today, n-1), today)
	}
	return fq, nil
}

func (fq *flowQuery) setDates(start, end string) error {
	s, _ := time.Parse(flow.DateLayout, start)
	e, _ := time.Parse(flow.DateLayout, end)
	if e.Before(s) {
		return attnflow.Errorf(attnflow.EINVALID, "end date %s is before start date %s", end, start)
	}
	n := int(e.Sub(s).Hours()/24) + 1
	if n > maxFlowDays {
		return attnflow.Errorf(attnflow.ETOOLARGE, "%d days requested, at most %d", n, maxFlowDays)
	}
	for d := s; !d.After(e); d = d.AddDate(0, 0, 1) {
		fq.dates = append(fq.dates, d.Format(flow.DateLayout))
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse(flow.DateLayout, s)
	return err == nil
}

// ParseFlowConfig reads the engine configuration of a native-API query:
// tz (IANA name), day_start ("04:00" or "4h") and
// window (a duration such as "60s" or "5m").
func ParseFlowConfig(q url.Values) (flow.Config, error) {
	cfg := flow.DefaultConfig()
	if tz := q.Get("tz"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil || strings.Contains(tz, "..") {
			return cfg, attnflow.Errorf(attnflow.EINVALID, "tz %q is not an IANA time zone such as Europe/Berlin", tz)
		}
		cfg.Location = loc
	}
	if ds := q.Get("day_start"); ds != "" {
		d, err := parseClockOrDuration(ds)
		if err != nil {
			return cfg, attnflow.Errorf(attnflow.EINVALID, "day_start %q is not HH:MM or a duration such as 4h", ds)
		}
		cfg.DayStart = d
	}
	if w := q.Get("window"); w != "" {
		d, err := time.ParseDuration(w)
		if err != nil {
			return cfg, attnflow.Errorf(attnflow.EINVALID, "window %q is not a duration such as 60s or 5m", w)
		}
		cfg.Window = d
	}
	return cfg, cfg.Validate()
}

func parseClockOrDuration(s string) (time.Duration, error) {
	if t, err := time.Parse("15:04", s); err == nil {
		return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
	}
	return time.ParseDuration(s)
}

// flowDays answers a query with days: cached whole days, or one computed
// exact range.
func (v *v1API) flowDays(r *http.Request, defaultDays int) ([]flow.Day, flowQuery, error) {
	fq, err := parseFlowQuery(r.URL.Query(), v.now(), defaultDays)
	if err != nil {
		return nil, fq, err
	}
	if fq.exact != nil {
		d, err := v.engine.Range(r.Context(), *fq.exact, fq.host, fq.cfg)
		return []flow.Day{d}, fq, err
	}
	days, err := v.engine.Days(r.Context(), fq.dates, fq.host, fq.cfg)
	return days, fq, err
}
