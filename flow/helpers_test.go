package flow

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// t0 is 2026-03-02 09:00 UTC, a Monday.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// at returns t0 plus m minutes.
func at(m float64) time.Time { return t0.Add(time.Duration(m * float64(time.Minute))) }

// ev is an event from minute a to minute b with key/value pairs.
func ev(a, b float64, kv ...any) attnflow.Event {
	d := attnflow.Data{}
	for i := 0; i+1 < len(kv); i += 2 {
		d[kv[i].(string)] = kv[i+1]
	}
	return attnflow.Event{Timestamp: at(a), Duration: at(b).Sub(at(a)), Data: d}
}

func win(a, b float64, app, title string) attnflow.Event {
	return ev(a, b, "app", app, "title", title)
}

func afk(a, b float64, status string) attnflow.Event { return ev(a, b, "status", status) }

// seg is a categorised segment from minute a to b.
func seg(a, b float64, app string, score float64) Segment {
	return Segment{Start: at(a), End: at(b), App: app, Category: app, Score: score}
}

// dayRange is t0's whole UTC day.
func dayRange() attnflow.TimeRange {
	return attnflow.TimeRange{Start: t0.Truncate(24 * time.Hour), End: t0.Truncate(24 * time.Hour).Add(24 * time.Hour)}
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if got < want-tol || got > want+tol {
		t.Errorf("%s = %v, want %v ± %v", what, got, want, tol)
	}
}

func eventsOf(e ...attnflow.Event) []attnflow.Event { return e }

func attnflow_range(a, b time.Time) attnflow.TimeRange { return attnflow.TimeRange{Start: a, End: b} }
