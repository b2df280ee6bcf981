// Package watchtest provides test doubles for the watchers: an
// ActivityWatch-compatible HTTP server over a watch.MemorySink that can be
// taken down and brought back.
package watchtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/watch"
)

// Server answers the part of the ActivityWatch API the watchers use:
// POST /api/0/buckets/ID (200, or 304 when it exists), .../heartbeat,
// .../events and GET and POST /api/0/settings/KEY. While down it drops every connection without an answer.
type Server struct {
	mu       sync.Mutex
	down     bool
	apiKey   string
	sink     *watch.MemorySink
	settings map[string]json.RawMessage
}

// NewServer returns a server that is up and empty.
func NewServer() *Server {
	return &Server{sink: watch.NewMemorySink(), settings: map[string]json.RawMessage{}}
}

// RequireAPIKey makes the server answer 401 to requests without
// "Authorization: Bearer key".
func (s *Server) RequireAPIKey(key string) {
	s.mu.Lock()
	s.apiKey = key
	s.mu.Unlock()
}

// SetSetting stores a setting, as POST /api/0/settings/KEY would.
func (s *Server) SetSetting(key string, value any) error {
	b, err := json.Marshal(value)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.settings[key] = b
	s.mu.Unlock()
	return nil
}

// SetDown takes the server down (true) or brings it back (false).
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

// Reset forgets every bucket and event, as a server with a new database.
func (s *Server) Reset() {
	s.mu.Lock()
	s.sink = watch.NewMemorySink()
	s.mu.Unlock()
}

// Events returns a bucket's stored events, oldest first.
func (s *Server) Events(id string) []attnflow.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sink.Events(id)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		panic(http.ErrAbortHandler)
	}
	if s.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.apiKey {
		http.Error(w, `{"message":"missing or wrong API key"}`, http.StatusUnauthorized)
		return
	}
	if key, ok := strings.CutPrefix(r.URL.Path, "/api/0/settings/"); ok {
		s.setting(w, r, key)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/0/buckets/")
	if !ok || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	id, action, _ := strings.Cut(rest, "/")
	if action == "" {
		s.createBucket(w, r, id)
		return
	}
	if !s.sink.Has(id) {
		http.Error(w, `{"message":"no such bucket"}`, http.StatusNotFound)
		return
	}
	var err error
	switch action {
	case "heartbeat":
		err = s.heartbeat(r, id)
	case "events":
		err = s.insert(r, id)
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, `{"message":"bad request"}`, http.StatusBadRequest)
	}
}

// setting answers GET (the value or null) and POST (store any JSON).
func (s *Server) setting(w http.ResponseWriter, r *http.Request, key string) {
	switch r.Method {
	case http.MethodGet:
		v, ok := s.settings[key]
		if !ok {
			v = json.RawMessage("null")
		}
		w.Write(v)
	case http.MethodPost:
		var v json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			http.Error(w, `{"message":"bad JSON"}`, http.StatusBadRequest)
			return
		}
		s.settings[key] = v
	default:
		http.Error(w, `{"message":"method not allowed"}`, http.StatusMethodNotAllowed)
	}
}

func (s *Server) createBucket(w http.ResponseWriter, r *http.Request, id string) {
	if s.sink.Has(id) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	var b struct{ Client, Type, Hostname string }
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil || b.Type == "" {
		http.Error(w, `{"message":"bad bucket"}`, http.StatusBadRequest)
		return
	}
	s.sink.EnsureBucket(r.Context(), attnflow.Bucket{ID: id, Type: b.Type, Client: b.Client, Hostname: b.Hostname})
}

func (s *Server) heartbeat(r *http.Request, id string) error {
	var hb attnflow.Event
	if err := json.NewDecoder(r.Body).Decode(&hb); err != nil {
		return err
	}
	p, err := strconv.ParseFloat(r.URL.Query().Get("pulsetime"), 64)
	if err != nil {
		return err
	}
	return s.sink.Heartbeat(r.Context(), id, hb, time.Duration(p*float64(time.Second)))
}

func (s *Server) insert(r *http.Request, id string) error {
	var evs []attnflow.Event
	if err := json.NewDecoder(r.Body).Decode(&evs); err != nil {
		return err
	}
	return s.sink.Insert(r.Context(), id, evs)
}
