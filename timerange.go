package attnflow

import (
	"strings"
	"time"
)

// TimeRange is a closed interval of time. A zero Start or End is unbounded.
type TimeRange struct {
	Start time.Time
	End   time.Time
}

// ParseTimeRange parses ActivityWatch's "start/end" period form.
func ParseTimeRange(s string) (TimeRange, error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return TimeRange{}, Errorf(EINVALID, "time period %q is not of the form START/END", truncate(s, 80))
	}
	start, err := ParseTime(a)
	if err != nil {
		return TimeRange{}, err
	}
	end, err := ParseTime(b)
	if err != nil {
		return TimeRange{}, err
	}
	if end.Before(start) {
		return TimeRange{}, Errorf(EINVALID, "time period %q ends before it starts", truncate(s, 80))
	}
	return TimeRange{Start: start, End: end}, nil
}

// String formats the range as ActivityWatch's "start/end".
func (r TimeRange) String() string { return FormatTime(r.Start) + "/" + FormatTime(r.End) }

// Overlaps reports whether e touches the range, inclusively at both ends:
// e.End >= r.Start and e.Start <= r.End, as the reference servers select.
func (r TimeRange) Overlaps(e Event) bool {
	if !r.Start.IsZero() && e.End().Before(r.Start) {
		return false
	}
	if !r.End.IsZero() && e.Timestamp.After(r.End) {
		return false
	}
	return true
}

// Clip cuts e to the range. An event that starts exactly at r.End comes
// back with zero duration.
func (r TimeRange) Clip(e Event) Event {
	start, end := e.Timestamp, e.End()
	if !r.Start.IsZero() && start.Before(r.Start) {
		start = r.Start
	}
	if !r.End.IsZero() && end.After(r.End) {
		end = r.End
	}
	if end.Before(start) {
		end = start
	}
	e.Timestamp, e.Duration = start, end.Sub(start)
	return e
}
