// Package web serves attnflow's dashboard: a single-page app whose built
// files (web/dist, produced from web/ui by `npm run build`) are embedded in
// the binary, so the dashboard works offline and needs no Node at build time.
//
// The page talks only to the server it came from: the ActivityWatch API under
// /api/0 today and the native attention-flow API under /api/v1 as it appears.
// A Content-Security-Policy keeps every request on the same origin.
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed dist
var distFS embed.FS

// csp allows nothing but the page's own origin. ECharts sets inline styles on
// its tooltips, hence 'unsafe-inline' for styles only.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
	"base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// asset is one embedded file, kept both plain and gzip-compressed.
type asset struct {
	body  []byte
	gz    []byte
	ctype string
}

// handler serves the embedded assets.
type handler struct {
	assets map[string]asset
}

// Handler returns the dashboard's handler, to be mounted at the server root.
// "/" serves the app shell; other paths serve embedded files or 404. Only GET
// and HEAD are answered. Files are compressed once, here.
func Handler() http.Handler {
	h, err := newHandler(distFS)
	if err != nil {
		// The embedded files are part of the binary: failing here is a
		// build defect, not a runtime condition.
		panic(fmt.Sprintf("web: load embedded dashboard: %v", err))
	}
	return h
}

func newHandler(fsys fs.FS) (*handler, error) {
	sub, err := fs.Sub(fsys, "dist")
	if err != nil {
		return nil, fmt.Errorf("open dist: %w", err)
	}
	h := &handler{assets: map[string]asset{}}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		a, err := newAsset(p, b)
		if err != nil {
			return err
		}
		h.assets["/"+p] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := h.assets["/index.html"]; !ok {
		return nil, fmt.Errorf("dist has no index.html: run `npm run build` in web/ui")
	}
	return h, nil
}

func newAsset(name string, b []byte) (asset, error) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(b)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return asset{}, fmt.Errorf("gzip %s: %w", name, err)
	}
	if _, err := zw.Write(b); err != nil {
		return asset{}, fmt.Errorf("gzip %s: %w", name, err)
	}
	if err := zw.Close(); err != nil {
		return asset{}, fmt.Errorf("gzip %s: %w", name, err)
	}
	return asset{body: b, gz: buf.Bytes(), ctype: ctype}, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p == "/" || p == "" {
		p = "/index.html"
	}
	a, ok := h.assets[p]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.ctype)
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Add("Vary", "Accept-Encoding")
	if p == "/index.html" {
		hd.Set("Cache-Control", "no-cache")
	} else {
		hd.Set("Cache-Control", "public, max-age=3600")
	}
	body := a.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		hd.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	hd.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}
