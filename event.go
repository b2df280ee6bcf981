package attnflow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// Data is an event's payload: any JSON object. Numbers decode as float64.
type Data map[string]any

// Canonical returns the canonical JSON form of d: keys sorted, numbers in
// their shortest form, so that 1 and 1.0 encode alike. Two Data values are
// equal exactly when their canonical forms are.
func (d Data) Canonical() []byte {
	if len(d) == 0 {
		return []byte("{}")
	}
	if b, ok := appendJSONObject(make([]byte, 0, 96), d); ok {
		return b
	}
	b, err := json.Marshal(map[string]any(d))
	if err != nil {
		// Data decoded from JSON always marshals; other values are a bug.
		return []byte(fmt.Sprintf("%#v", d))
	}
	return b
}

// Equal reports whether d and o are deeply equal as JSON, comparing numbers
// numerically and ignoring key order.
func (d Data) Equal(o Data) bool {
	return bytes.Equal(d.Canonical(), o.Canonical())
}

// Event is one span of attention data in a bucket: when it started, how long
// it lasted and what it was (app and title, AFK status, URL, file...).
type Event struct {
	ID        int64         // 0 until stored
	Timestamp time.Time     // start, UTC
	Duration  time.Duration // never negative
	Data      Data
}

// End is the instant the event ends.
func (e Event) End() time.Time { return e.Timestamp.Add(e.Duration) }

// eventJSON is the ActivityWatch wire form of an event.
type eventJSON struct {
	ID        *int64           `json:"id,omitempty"`
	Timestamp string           `json:"timestamp"`
	Duration  json.RawMessage  `json:"duration,omitempty"`
	Data      *json.RawMessage `json:"data"`
}

// MarshalJSON encodes the event as ActivityWatch does: an RFC 3339 UTC
// timestamp and the duration in (fractional) seconds.
func (e Event) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(96)
	buf.WriteByte('{')
	if e.ID != 0 {
		fmt.Fprintf(&buf, `"id":%d,`, e.ID)
	}
	buf.WriteString(`"timestamp":"`)
	buf.WriteString(FormatTime(e.Timestamp))
	buf.WriteString(`","duration":`)
	buf.WriteString(FormatSeconds(e.Duration))
	buf.WriteString(`,"data":`)
	buf.Write(e.Data.Canonical())
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON decodes an ActivityWatch event. It accepts timestamps with
// an offset, naive timestamps (taken as UTC), a missing duration (0) and
// rejects a missing or non-object data field, a negative or non-finite
// duration, with an *Error of code EINVALID.
func (e *Event) UnmarshalJSON(b []byte) error {
	var w eventJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return Errorf(EINVALID, "event is not a JSON object with timestamp, duration and data: %v", err)
	}
	if w.Timestamp == "" {
		return Errorf(EINVALID, "event has no timestamp: send an RFC 3339 time such as 2026-01-02T15:04:05Z")
	}
	ts, err := ParseTime(w.Timestamp)
	if err != nil {
		return err
	}
	var d time.Duration
	if len(w.Duration) > 0 && string(w.Duration) != "null" {
		var secs float64
		if err := json.Unmarshal(w.Duration, &secs); err != nil {
			return Errorf(EINVALID, "event duration %s is not a number of seconds", w.Duration)
		}
		if d, err = SecondsToDuration(secs); err != nil {
			return err
		}
	}
	if w.Data == nil || string(*w.Data) == "null" {
		return Errorf(EINVALID, "event has no data: send a JSON object, e.g. \"data\": {\"app\": \"firefox\"}")
	}
	var data Data
	if err := json.Unmarshal(*w.Data, &data); err != nil {
		return Errorf(EINVALID, "event data is not a JSON object: %s", truncate(string(*w.Data), 60))
	}
	if data == nil {
		data = Data{}
	}
	*e = Event{Timestamp: ts, Duration: d, Data: data}
	if w.ID != nil {
		e.ID = *w.ID
	}
	return nil
}

// SecondsToDuration converts ActivityWatch's float seconds to a Duration,
// refusing negative, NaN and absurdly large values.
func SecondsToDuration(secs float64) (time.Duration, error) {
	if math.IsNaN(secs) || math.IsInf(secs, 0) || secs < 0 || secs > 1e9 {
		return 0, Errorf(EINVALID, "duration %v is not a number of seconds between 0 and 1e9", secs)
	}
	return time.Duration(math.Round(secs * 1e9)), nil
}

// FormatSeconds writes d as a JSON number of seconds (shortest form).
func FormatSeconds(d time.Duration) string {
	b, _ := json.Marshal(d.Seconds())
	return string(b)
}

// FormatTime formats t in UTC as RFC 3339 with up to nanosecond precision
// and a "+00:00" offset, the form both reference servers parse.
func FormatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999999") + "+00:00"
}

// ParseTime parses an RFC 3339 timestamp. It also accepts a naive timestamp
// (no offset, taken as UTC), a date alone, and an offset whose "+" arrived
// as a space in a query string.
func ParseTime(s string) (time.Time, error) {
	orig := s
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, ' '); i > 10 {
		// "2026-01-02T15:04:05 01:00": the '+' became a space in a URL.
		s = s[:i] + "+" + s[i+1:]
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "cannot parse time %q: use RFC 3339, e.g. 2026-01-02T15:04:05Z or 2026-01-02T15:04:05+01:00", truncate(orig, 60))
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02",
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// MergeHeartbeat applies the ActivityWatch heartbeat rule to the bucket's
// last event and a new heartbeat. It returns the merged event (keeping
// last's id and start) and true when hb extends last; otherwise it returns
// hb unchanged and false, and hb must be stored as a new event.
//
// hb merges into last when their data are equal, hb does not start before
// last, and hb starts no later than last's end plus pulsetime.
func MergeHeartbeat(last, hb Event, pulsetime time.Duration) (Event, bool) {
	if !last.Data.Equal(hb.Data) ||
		hb.Timestamp.Before(last.Timestamp) ||
		hb.Timestamp.After(last.End().Add(pulsetime)) {
		return hb, false
	}
	end := last.End()
	if hbEnd := hb.End(); hbEnd.After(end) {
		end = hbEnd
	}
	merged := last
	merged.Duration = end.Sub(last.Timestamp)
	return merged, true
}
