package server

import (
	"net/http"

	"github.com/attnflow/attnflow"
)

// handleHealth answers 200 when the store answers, 503 otherwise.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if _, err := s.store.Buckets(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unhealthy", "message": "store does not answer"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": attnflow.Version})
}
