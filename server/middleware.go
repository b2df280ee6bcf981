package server

import (
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

// chromeExtensionOrigin is aw-watcher-web's id in the Chrome Web Store.
const chromeExtensionOrigin = "chrome-extension://nglaklhklhcoonedhgnpgddginnjdadi"

// middleware wraps the mux with, outermost first: panic recovery and
// metrics, trailing-slash normalisation, the Host check, CORS, the API-key
// check and the body size limit.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				s.logger.Error("panic in handler", slog.String("path", r.URL.Path), slog.Any("panic", p))
				if !rec.wrote {
					writeMessage(rec, http.StatusInternalServerError, "internal error")
				}
			}
			s.metrics.observe(r, rec.status, time.Since(start))
		}()
		if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
			r.URL.Path = strings.TrimRight(p, "/")
			r.URL.RawPath = ""
		}
		if !s.hostAllowed(r.Host) {
			writeMessage(rec, http.StatusBadRequest, fmt.Sprintf("host header %q is not allowed: attnflow answers only localhost or 127.0.0.1 (DNS-rebinding protection)", r.Host))
			return
		}
		if !s.cors(rec, r) {
			return
		}
		if !s.authorized(r) {
			rec.Header().Set("WWW-Authenticate", `Bearer realm="attnflow"`)
			writeMessage(rec, http.StatusUnauthorized, "missing or wrong API key: send Authorization: Bearer <key>")
			return
		}
		limit := s.cfg.MaxBodyBytes
		if r.URL.Path == "/api/0/import" {
			limit = s.cfg.MaxImportBytes
		}
		r.Body = http.MaxBytesReader(rec, r.Body, limit)
		next.ServeHTTP(rec, r)
	})
}

// hostAllowed implements the DNS-rebinding defence: when bound to loopback,
// only requests addressed to localhost or a loopback IP are served.
func (s *Server) hostAllowed(hostHeader string) bool {
	bindHost, _, _ := net.SplitHostPort(s.cfg.Addr)
	if !isLoopbackHost(bindHost) {
		return true
	}
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// originAllowed reports whether a browser origin may use the API.
func (s *Server) originAllowed(origin string) bool {
	if strings.HasPrefix(origin, "moz-extension://") || origin == chromeExtensionOrigin {
		return true
	}
	_, port, _ := net.SplitHostPort(s.cfg.Addr)
	if origin == "http://127.0.0.1:"+port || origin == "http://localhost:"+port {
		return true
	}
	for _, o := range s.cfg.CORSOrigins {
		if o == origin {
			return true
		}
	}
	return false
}

// cors sets the CORS headers and answers preflights. It returns false when
// the request has been answered: a preflight, or a state-changing request
// from a foreign web page (which a browser would otherwise send blindly).
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	allowed := origin != "" && s.originAllowed(origin)
	if allowed {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		} else {
			h.Set("Access-Control-Allow-Headers", "*")
		}
		h.Set("Access-Control-Max-Age", "600")
		h.Add("Vary", "Origin")
	}
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusOK)
		return false
	}
	if origin != "" && !allowed && r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeMessage(w, http.StatusForbidden, fmt.Sprintf("origin %q may not change data; add it to cors_origins in the config if it is yours", origin))
		return false
	}
	return true
}

// authorized checks the Bearer key when keys are configured.
func (s *Server) authorized(r *http.Request) bool {
	if len(s.cfg.APIKeys) == 0 || r.URL.Path == "/api/0/info" || r.URL.Path == "/healthz" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	for _, k := range s.cfg.APIKeys {
		if subtle.ConstantTimeCompare([]byte(got), []byte(k)) == 1 {
			return true
		}
	}
	return false
}

// statusRecorder remembers the status written, for metrics and recovery.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
