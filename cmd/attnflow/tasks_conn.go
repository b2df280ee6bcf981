package main

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/attnflow/attnflow/server"
)

// plannerConn reaches the task API: a running server (--server URL) or the
// embedded store in the data directory, served in-process so that both
// take the same path through the API.
type plannerConn struct {
	client *server.Client
	close  func() error
}

// dialPlanner opens the connection the flags ask for.
func dialPlanner(ctx context.Context, g *globalFlags, serverURL string) (*plannerConn, error) {
	cfg, err := g.load()
	if err != nil {
		return nil, err
	}
	key := ""
	if len(cfg.Server.APIKeys) > 0 {
		key = cfg.Server.APIKeys[0]
	}
	if serverURL != "" {
		return &plannerConn{client: server.NewClient(serverURL, key, nil), close: func() error { return nil }}, nil
	}
	if err := prepareDataDir(cfg.DataDir); err != nil {
		return nil, err
	}
	db, err := openStore(ctx, cfg.DataDir, nil)
	if err != nil {
		return nil, err
	}
	srv, err := server.New(server.Config{Addr: "127.0.0.1:0"}, db, nil, nil)
	if err != nil {
		db.Close()
		return nil, err
	}
	hc := &http.Client{Transport: handlerTransport{srv.Handler()}}
	return &plannerConn{client: server.NewClient("http://127.0.0.1", "", hc), close: db.Close}, nil
}

// handlerTransport answers requests with an in-process handler.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	t.h.ServeHTTP(rec, r)
	return &http.Response{StatusCode: rec.status, Header: rec.header, Body: io.NopCloser(&rec.body), Request: r,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, ContentLength: int64(rec.body.Len())}, nil
}

// recorder is the http.ResponseWriter of an in-process request.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}
