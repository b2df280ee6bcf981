package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	h := Handler()
	index := get(t, h, "/", "")
	if index.Code != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", index.Code)
	}
	body := index.Body.String()
	for _, want := range []string{`<div id="app"`, `type="module"`} {
		if !strings.Contains(body, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	if got := index.Header().Get("Content-Security-Policy"); !strings.Contains(got, "connect-src 'self'") {
		t.Errorf("CSP = %q, want connect-src 'self'", got)
	}
	if got := index.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("index Cache-Control = %q", got)
	}

	// Every asset the page names is served, compressed on request.
	refs := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(refs) < 2 {
		t.Fatalf("index names %d assets, want the script and the stylesheet", len(refs))
	}
	for _, r := range refs {
		plain := get(t, h, r[1], "")
		if plain.Code != http.StatusOK || plain.Body.Len() == 0 {
			t.Errorf("GET %s = %d (%d bytes)", r[1], plain.Code, plain.Body.Len())
			continue
		}
		gz := get(t, h, r[1], "gzip, br")
		if gz.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: no gzip encoding", r[1])
			continue
		}
		zr, err := gzip.NewReader(gz.Body)
		if err != nil {
			t.Fatalf("%s: %v", r[1], err)
		}
		un, err := io.ReadAll(zr)
		if err != nil || string(un) != plain.Body.String() {
			t.Errorf("%s: gzip body does not decompress to the plain body (err %v)", r[1], err)
		}
	}
}

func TestHandlerRejects(t *testing.T) {
	h := Handler()
	tests := []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/nope.js", http.StatusNotFound},
		{http.MethodGet, "/assets/", http.StatusNotFound},
		{http.MethodPost, "/", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/index.html", http.StatusMethodNotAllowed},
		{http.MethodHead, "/", http.StatusOK},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if rec.Code != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.want)
		}
	}
}

// TestNoExternalURLs guards the offline promise: the built files reference
// no other origin (license texts aside).
func TestNoExternalURLs(t *testing.T) {
	h, err := newHandler(distFS)
	if err != nil {
		t.Fatal(err)
	}
	ext := regexp.MustCompile(`(?:src|href)\s*=\s*["']https?://|@import\s+url\(["']?https?://|fetch\(["']https?://`)
	for name, a := range h.assets {
		if strings.HasSuffix(name, ".txt") {
			continue
		}
		if m := ext.Find(a.body); m != nil {
			t.Errorf("%s loads from another origin: %q", name, m)
		}
	}
}

func get(t *testing.T, h http.Handler, path, enc string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
