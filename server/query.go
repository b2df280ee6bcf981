package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
)

// Query bounds: one bad query must not stall the server.
const (
	queryTimeout   = 30 * time.Second
	queryMaxEvents = 5_000_000
	queryCacheSize = 128
)

// queryRequest is the body of POST /api/0/query/.
type queryRequest struct {
	TimePeriods []string `json:"timeperiods"`
	Query       []string `json:"query"`
}

// programCache keeps compiled programs by query text; the web UI sends the
// same few queries again and again.
type programCache struct {
	mu sync.Mutex
	m  map[string]*query.Program
}

func (c *programCache) compile(src string) (*query.Program, error) {
	c.mu.Lock()
	p, ok := c.m[src]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := query.Compile(src)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= queryCacheSize {
		c.m = make(map[string]*query.Program)
	}
	c.m[src] = p
	c.mu.Unlock()
	return p, nil
}

func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	var req queryRequest
	if err := decodeJSON(r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(req.Query) == 0 {
		writeQueryError(w, query.KindParse, `"query" is empty: send a list of statements, e.g. ["RETURN = query_bucket_names();"]`)
		return
	}
	periods := make([]attnflow.TimeRange, len(req.TimePeriods))
	for i, p := range req.TimePeriods {
		tr, err := attnflow.ParseTimeRange(p)
		if err != nil {
			writeQueryError(w, "QueryParamError", "timeperiods["+strconv.Itoa(i)+"]: "+attnflow.ErrorMessage(err))
			return
		}
		periods[i] = tr
	}
	prog, err := s.queries.compile(strings.Join(req.Query, "\n"))
	if err != nil {
		s.writeQueryFailure(w, r, err)
		return
	}
	results := make([]any, len(periods))
	for i, tr := range periods {
		res, err := prog.Run(r.Context(), querySource(s.store), tr, query.Options{Timeout: queryTimeout, MaxEvents: queryMaxEvents, Logger: s.logger})
		if err != nil {
			s.writeQueryFailure(w, r, err)
			return
		}
		results[i] = res
	}
	writeJSON(w, http.StatusOK, results)
}

// writeQueryFailure answers query errors with 400 {"type", "message"} and
// anything else (a failing store) as usual.
func (s *Server) writeQueryFailure(w http.ResponseWriter, r *http.Request, err error) {
	var qe *query.Error
	if errors.As(err, &qe) {
		writeQueryError(w, qe.Kind, qe.Message())
		return
	}
	s.writeError(w, r, err)
}

func writeQueryError(w http.ResponseWriter, kind, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"type": kind, "message": msg})
}
