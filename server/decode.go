package server

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/attnflow/attnflow"
)

// wireEvent is an event as sent, decoded in the same pass as the body
// around it. Its fields match attnflow.Event's JSON form field for field.
type wireEvent struct {
	ID        *int64          `json:"id,omitempty"`
	Timestamp string          `json:"timestamp"`
	Duration  *float64        `json:"duration,omitempty"`
	Data      json.RawMessage `json:"data"`
}

// event converts w as attnflow.Event.UnmarshalJSON would; ok is false for
// anything that method would refuse, whose error the caller then gets
// from the method itself.
func (w *wireEvent) event() (e attnflow.Event, ok bool) {
	if w.Timestamp == "" || len(w.Data) == 0 || w.Data[0] != '{' {
		return e, false
	}
	ts, err := attnflow.ParseTime(w.Timestamp)
	if err != nil {
		return e, false
	}
	if w.Duration != nil {
		if e.Duration, err = attnflow.SecondsToDuration(*w.Duration); err != nil {
			return e, false
		}
	}
	var data attnflow.Data
	if err := json.Unmarshal(w.Data, &data); err != nil {
		return e, false
	}
	if data == nil {
		data = attnflow.Data{}
	}
	e.Timestamp, e.Data = ts, data
	if w.ID != nil {
		e.ID = *w.ID
	}
	return e, true
}

// fastEvents decodes a body holding one event or a list of them in one
// pass of encoding/json over the body (attnflow.Event.UnmarshalJSON makes
// several). ok is false when the body is not well-formed events; the
// caller then decodes it the slow way for the exact error.
func fastEvents(body []byte) (events []attnflow.Event, ok bool) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false
	}
	if body[0] != '[' {
		e, ok := fastEvent(body)
		return []attnflow.Event{e}, ok
	}
	var ws []wireEvent
	if err := json.Unmarshal(body, &ws); err != nil || ws == nil {
		return nil, false
	}
	events = make([]attnflow.Event, len(ws))
	for i := range ws {
		if events[i], ok = ws[i].event(); !ok {
			return nil, false
		}
	}
	return events, true
}

// fastEvent decodes one event object like fastEvents.
func fastEvent(body []byte) (attnflow.Event, bool) {
	var w wireEvent
	if len(body) == 0 || body[0] != '{' || json.Unmarshal(body, &w) != nil {
		return attnflow.Event{}, false
	}
	return w.event()
}

// decodeEvents accepts one event object or a list of them.
func decodeEvents(r *http.Request) ([]attnflow.Event, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if events, ok := fastEvents(body); ok {
		return events, nil
	}
	var raw json.RawMessage
	if err := unmarshalBody(body, &raw); err != nil {
		return nil, err
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var events []attnflow.Event
		if err := unmarshalDomain(raw, &events); err != nil {
			return nil, err
		}
		return events, nil
	}
	var e attnflow.Event
	if err := unmarshalDomain(raw, &e); err != nil {
		return nil, err
	}
	return []attnflow.Event{e}, nil
}

// decodeEvent reads a body holding one event, as decodeJSON would.
func decodeEvent(r *http.Request) (attnflow.Event, error) {
	body, err := readBody(r)
	if err != nil {
		return attnflow.Event{}, err
	}
	if e, ok := fastEvent(bytes.TrimSpace(body)); ok {
		return e, nil
	}
	var e attnflow.Event
	err = unmarshalBody(body, &e)
	return e, err
}
