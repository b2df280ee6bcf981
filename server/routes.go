package server

import "net/http"

// routes registers the ActivityWatch API. Trailing slashes are stripped by
// the middleware before routing, so each path is registered once.
func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/0/info", s.handleInfo)
	m.HandleFunc("GET /api/0/buckets", s.handleBuckets)
	m.HandleFunc("GET /api/0/buckets/{bucket}", s.handleBucket)
	m.HandleFunc("POST /api/0/buckets/{bucket}", s.handleCreateBucket)
	m.HandleFunc("DELETE /api/0/buckets/{bucket}", s.handleDeleteBucket)
	m.HandleFunc("GET /api/0/buckets/{bucket}/events", s.handleEvents)
	m.HandleFunc("GET /api/0/buckets/{bucket}/events/count", s.handleCount)
	m.HandleFunc("GET /api/0/buckets/{bucket}/events/{event}", s.handleEvent)
	m.HandleFunc("POST /api/0/buckets/{bucket}/events", s.handleInsertEvents)
	m.HandleFunc("DELETE /api/0/buckets/{bucket}/events/{event}", s.handleDeleteEvent)
	m.HandleFunc("POST /api/0/buckets/{bucket}/heartbeat", s.handleHeartbeat)
	m.HandleFunc("GET /api/0/buckets/{bucket}/export", s.handleExportBucket)
	m.HandleFunc("GET /api/0/export", s.handleExport)
	m.HandleFunc("POST /api/0/import", s.handleImport)
	m.HandleFunc("POST /api/0/query", s.handleQuery)
	m.HandleFunc("GET /api/0/settings", s.handleSettings)
	m.HandleFunc("GET /api/0/settings/{key}", s.handleSetting)
	m.HandleFunc("POST /api/0/settings/{key}", s.handleSetSetting)
	m.HandleFunc("DELETE /api/0/settings/{key}", s.handleDeleteSetting)
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.HandleFunc("GET /api/v1/health", s.handleHealth)
	m.Handle("GET /metrics", s.metrics.handler())
	s.base, s.engine = s.store, NewFlowEngine(s.store)
	// Writes through the API tell the engine what counting cannot see.
	s.store = &watchedStore{Store: s.store, mark: s.engine.MarkChanged}
	s.routesV1()
	s.routesGaze()
	s.routesModel()
	s.routesTasks()
	m.HandleFunc("/api/", s.handleNotFound)
	s.mountWeb(m)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	writeMessage(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+" — see the ActivityWatch API (/api/0/...)")
}
