package sqlite

import (
	"encoding/json"
	"math"
	"time"

	"github.com/attnflow/attnflow"
)

// Times are stored as int64 nanoseconds since the Unix epoch, which spans
// the years 1678 to 2262.
var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

func toNanos(t time.Time, what string) (int64, error) {
	if t.Before(minTime) || t.After(maxTime) {
		return 0, attnflow.Errorf(attnflow.EINVALID, "%s %s is outside the years 1678-2262 the store can hold", what, attnflow.FormatTime(t))
	}
	return t.UnixNano(), nil
}

// clampNanos converts a query bound, saturating instead of failing.
func clampNanos(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

func fromNanos(ns int64) time.Time { return time.Unix(0, ns).UTC() }

// storedEvent is an event in its stored form.
type storedEvent struct {
	id, start, dur int64
	json           []byte // canonical data
}

// encodeEvent validates e and converts it to its stored form.
func encodeEvent(e attnflow.Event) (storedEvent, error) {
	start, err := toNanos(e.Timestamp, "event timestamp")
	if err != nil {
		return storedEvent{}, err
	}
	if e.Duration < 0 {
		return storedEvent{}, attnflow.Errorf(attnflow.EINVALID, "event duration %v is negative", e.Duration)
	}
	if start > math.MaxInt64-int64(e.Duration) {
		return storedEvent{}, attnflow.Errorf(attnflow.EINVALID, "event at %s lasts past the year 2262", attnflow.FormatTime(e.Timestamp))
	}
	if e.ID < 0 {
		return storedEvent{}, attnflow.Errorf(attnflow.EINVALID, "event id %d is negative", e.ID)
	}
	js, err := canonical(e.Data)
	if err != nil {
		return storedEvent{}, err
	}
	return storedEvent{id: e.ID, start: start, dur: int64(e.Duration), json: js}, nil
}

// canonical returns the same bytes as attnflow.Data.Canonical, or an
// EINVALID error for data that JSON cannot represent.
func canonical(d attnflow.Data) ([]byte, error) {
	if len(d) == 0 {
		return []byte("{}"), nil
	}
	b, err := json.Marshal(map[string]any(d))
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "event data cannot be stored as JSON: %v", err)
	}
	return b, nil
}

// decodeEvent converts a stored row back into an event.
func decodeEvent(id, start, dur int64, js []byte) (attnflow.Event, error) {
	var d attnflow.Data
	if err := json.Unmarshal(js, &d); err != nil {
		return attnflow.Event{}, err
	}
	if d == nil {
		d = attnflow.Data{}
	}
	return attnflow.Event{ID: id, Timestamp: fromNanos(start), Duration: time.Duration(dur), Data: d}, nil
}

// rangeArgs returns the bounds of a range query: start <= hi, start >= lo,
// start+dur >= endMin, where lo uses the bucket's longest duration.
func rangeArgs(r attnflow.TimeRange, maxDur int64) (hi, lo, endMin int64) {
	hi, lo, endMin = math.MaxInt64, math.MinInt64, math.MinInt64
	if !r.End.IsZero() {
		hi = clampNanos(r.End)
	}
	if !r.Start.IsZero() {
		endMin = clampNanos(r.Start)
		if endMin > math.MinInt64+maxDur {
			lo = endMin - maxDur
		}
	}
	return hi, lo, endMin
}

// nextMaxDur is the bound stored when an event of duration d exceeds the
// bucket's current one: doubled, so that an event that keeps growing
// (a long AFK span) updates it only now and then.
func nextMaxDur(d int64) int64 {
	const minBound = int64(time.Minute)
	if d > math.MaxInt64/2 {
		return math.MaxInt64
	}
	return max(2*d, minBound)
}

// copyData deep-copies decoded JSON, so that events sharing a payload
// never share mutable values.
func copyData(d attnflow.Data) attnflow.Data {
	out := make(attnflow.Data, len(d))
	for k, v := range d {
		out[k] = copyJSON(v)
	}
	return out
}

func copyJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = copyJSON(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = copyJSON(x)
		}
		return out
	}
	return v
}
