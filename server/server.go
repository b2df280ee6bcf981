// Package server is attnflow's HTTP face: the ActivityWatch-compatible API
// under /api/0, a health check and Prometheus metrics. It depends on the
// domain package and takes every collaborator (store, logger, registry) from
// its caller.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/model"
	"github.com/prometheus/client_golang/prometheus"
)

// Default ports, as the ActivityWatch clients expect them.
const (
	DefaultPort        = 5600
	DefaultTestingPort = 5666
)

// Config is what the server needs to know about itself.
type Config struct {
	// Addr is host:port to listen on; "127.0.0.1:5600" by default.
	Addr string
	// Testing marks a testing instance (reported by /api/0/info).
	Testing bool
	// Hostname is this machine's name, used for "!local" buckets.
	Hostname string
	// DeviceID is the stable id reported by /api/0/info.
	DeviceID string
	// APIKeys, when non-empty, are required as "Authorization: Bearer KEY"
	// on everything except /api/0/info and the health check.
	APIKeys []string
	// CORSOrigins are allowed in addition to the contract's origins.
	CORSOrigins []string
	// MaxBodyBytes limits request bodies (default 32 MiB); imports may be
	// up to MaxImportBytes (default 1 GiB).
	MaxBodyBytes   int64
	MaxImportBytes int64
	// Model, if set, returns the person's trained attention-state model
	// for /api/v1/states and friends; ok false means the day-one model.
	Model func() (t model.Trained, ok bool)
}

func (c *Config) setDefaults() {
	if c.Addr == "" {
		c.Addr = fmt.Sprintf("127.0.0.1:%d", DefaultPort)
	}
	if c.Hostname == "" {
		c.Hostname, _ = os.Hostname()
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = 32 << 20
	}
	if c.MaxImportBytes == 0 {
		c.MaxImportBytes = 1 << 30
	}
}

// Server serves the attnflow HTTP API over a Store.
type Server struct {
	cfg     Config
	store   attnflow.Store
	logger  *slog.Logger
	metrics *metrics
	handler http.Handler
	queries programCache
	// base is the store as given; store wraps it once the routes are
	// registered, so that writes through the API reach engine.
	base attnflow.Store
	// engine is the attention-flow engine every native API shares: one
	// day cache per server.
	engine *FlowEngine
	// extra holds routes added by other capabilities (query, native API).
	mux *http.ServeMux
}

// New builds a server. A nil logger discards logs; a nil registerer skips
// metrics registration (metrics are still served from a private registry).
func New(cfg Config, store attnflow.Store, logger *slog.Logger, reg prometheus.Registerer) (*Server, error) {
	cfg.setDefaults()
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := checkExposure(cfg); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: store, logger: logger, mux: http.NewServeMux()}
	m, err := newMetrics(reg, store)
	if err != nil {
		return nil, fmt.Errorf("register metrics: %w", err)
	}
	s.metrics = m
	s.routes()
	s.handler = s.middleware(s.mux)
	return s, nil
}

// checkExposure refuses to listen beyond loopback without an API key.
func checkExposure(cfg Config) error {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "listen address %q is not host:port", cfg.Addr)
	}
	if !isLoopbackHost(host) && len(cfg.APIKeys) == 0 {
		return attnflow.Errorf(attnflow.EINVALID,
			"refusing to listen on %s without an API key: anyone on the network could read your attention data; set api_keys in the config (or ATTNFLOW_API_KEY) or bind 127.0.0.1", cfg.Addr)
	}
	return nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Handle adds a route to the server's mux (e.g. the query endpoint or the
// native API). The pattern uses net/http's ServeMux syntax.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Handler returns the server's root handler with all middleware applied.
func (s *Server) Handler() http.Handler { return s.handler }

// Listen opens the listening socket. A port already in use gets an error
// that says so and what to do.
func (s *Server) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, attnflow.Errorf(attnflow.ECONFLICT,
			"%s is already in use — is another attnflow or ActivityWatch server running? Stop it, or choose another port with --port", s.cfg.Addr)
	} else if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	return ln, nil
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully,
// letting in-flight requests finish (up to 10 s).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.logger.Info("serving", "addr", ln.Addr().String(), "testing", s.cfg.Testing)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// localHostname resolves the "!local" hostname alias.
func (s *Server) localHostname(h string) string {
	if strings.TrimSpace(h) == "!local" {
		return s.cfg.Hostname
	}
	return h
}
