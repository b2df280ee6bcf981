package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sqlite"
)

// testServer is a real attnflow server on a loopback port over a real
// SQLite store in a temporary directory.
type testServer struct {
	t   *testing.T
	url string
	hc  *http.Client
}

func newTestServer(t *testing.T, cfg server.Config) *testServer {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "attnflow.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:5666"
	}
	cfg.Hostname = "testhost"
	cfg.DeviceID = "00000000-0000-4000-8000-000000000001"
	srv, err := server.New(cfg, db, nil, nil)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return &testServer{t: t, url: hs.URL, hc: hs.Client()}
}

// response is a finished HTTP exchange.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
}

// do sends a request; body may be a string (sent as is) or any value (JSON).
func (s *testServer) do(method, path string, body any, headers ...string) response {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.url+path, rd)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Host = "127.0.0.1:5666"
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

func (s *testServer) must(want int, method, path string, body any, headers ...string) response {
	s.t.Helper()
	r := s.do(method, path, body, headers...)
	if r.status != want {
		s.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, want, r.body)
	}
	return r
}

func (s *testServer) createBucket(id, typ string) {
	s.t.Helper()
	s.must(200, "POST", "/api/0/buckets/"+id, map[string]any{"client": "test", "type": typ, "hostname": "!local"})
}

// multipartImport wraps an export document as the web UI uploads it.
func multipartImport(t *testing.T, doc []byte) (body []byte, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("buckets.json", "aw-buckets-export.json")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(doc)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}
