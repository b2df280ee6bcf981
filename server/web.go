package server

import (
	"net/http"

	"github.com/attnflow/attnflow/web"
)

// mountWeb serves the embedded dashboard at the root. "/" is less specific
// than every API pattern, so the API keeps its routes and /api/ its 404s.
func (s *Server) mountWeb(m *http.ServeMux) { m.Handle("/", web.Handler()) }
