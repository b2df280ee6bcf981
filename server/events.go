package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
)

// rangeFromQuery reads the optional start/end query parameters.
func rangeFromQuery(r *http.Request) (attnflow.TimeRange, error) {
	var tr attnflow.TimeRange
	q := r.URL.Query()
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"start", &tr.Start}, {"end", &tr.End}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		t, err := attnflow.ParseTime(v)
		if err != nil {
			return tr, attnflow.Errorf(attnflow.EINVALID, "query parameter %s: %s", p.name, attnflow.ErrorMessage(err))
		}
		*p.dst = t
	}
	return tr, nil
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	tr, err := rangeFromQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit := -1
	if v := r.URL.Query().Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil {
			writeMessage(w, http.StatusBadRequest, "query parameter limit must be an integer (negative or absent for all events)")
			return
		}
	}
	// Only encoded: the events may share their data maps with the store.
	events, err := querySource(s.store).Events(r.Context(), r.PathValue("bucket"), attnflow.EventFilter{Range: tr, Limit: limit})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for i := range events {
		events[i] = tr.Clip(events[i])
	}
	writeEvents(w, events)
}

// writeEvent answers one event without a second encoding pass.
func writeEvent(w http.ResponseWriter, e attnflow.Event) {
	b, _ := e.MarshalJSON()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(b, '\n'))
}

// writeEvents streams a JSON array of events.
func writeEvents(w http.ResponseWriter, events []attnflow.Event) {
	w.Header().Set("Content-Type", "application/json")
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, e := range events {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, _ := e.MarshalJSON()
		buf.Write(b)
		if buf.Len() > 64<<10 {
			_, _ = w.Write(buf.Bytes())
			buf.Reset()
		}
	}
	buf.WriteString("]\n")
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) handleCount(w http.ResponseWriter, r *http.Request) {
	tr, err := rangeFromQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n, err := s.store.CountEvents(r.Context(), r.PathValue("bucket"), tr)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// eventID parses the {event} path value.
func eventID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("event"), 10, 64)
	if err != nil {
		return 0, attnflow.Errorf(attnflow.ENOTFOUND, "no event %q: event ids are integers", r.PathValue("event"))
	}
	return id, nil
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	id, err := eventID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.store.Event(r.Context(), r.PathValue("bucket"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) handleDeleteEvent(w http.ResponseWriter, r *http.Request) {
	id, err := eventID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.store.DeleteEvent(r.Context(), r.PathValue("bucket"), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

// unmarshalDomain decodes JSON, keeping attnflow errors and wrapping others.
func unmarshalDomain(b []byte, v any) error {
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	if attnflow.ErrorCode(err) == attnflow.EINVALID {
		return err
	}
	return attnflow.Errorf(attnflow.EINVALID, "body is not an event or a list of events: %v", err)
}

func (s *Server) handleInsertEvents(w http.ResponseWriter, r *http.Request) {
	events, err := decodeEvents(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	stored, err := s.store.InsertEvents(r.Context(), r.PathValue("bucket"), events)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.metrics.ingested.WithLabelValues("insert").Add(float64(len(stored)))
	writeEvents(w, stored)
}

func (s *Server) handleHeartbeat(w http.ResponseWriter, r *http.Request) {
	pt := r.URL.Query().Get("pulsetime")
	if pt == "" {
		writeMessage(w, http.StatusBadRequest, "heartbeat needs ?pulsetime=SECONDS (how far apart two heartbeats may be and still merge)")
		return
	}
	secs, err := strconv.ParseFloat(pt, 64)
	if err != nil {
		writeMessage(w, http.StatusBadRequest, "pulsetime must be a number of seconds, got "+strconv.Quote(pt))
		return
	}
	pulsetime, err := attnflow.SecondsToDuration(secs)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	hb, err := decodeEvent(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.store.Heartbeat(r.Context(), r.PathValue("bucket"), hb, pulsetime)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.metrics.heartbeats.Inc()
	writeEvent(w, e)
}
