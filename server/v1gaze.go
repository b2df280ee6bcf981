package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/chunk"
)

// gazeAPI is the live gaze ingest and its read endpoints.
type gazeAPI struct {
	s      *Server
	limit  *gazeLimiter
	engine *FlowEngine // computes the desktop flow that gaze is fused with
}

// routesGaze registers /api/v1/gaze: POST stream (NDJSON samples in
// chunks, stored compressed as gaze.chunk events), GET sessions, samples,
// labels and windows (gaze fused with the desktop's attention flow).
func (s *Server) routesGaze() {
	g := &gazeAPI{s: s, limit: newGazeLimiter(gazeMaxInFlight), engine: s.engine}
	s.mux.HandleFunc("POST /api/v1/gaze/stream", g.handleStream)
	s.mux.HandleFunc("GET /api/v1/gaze/sessions", g.handleSessions)
	s.mux.HandleFunc("GET /api/v1/gaze/samples", g.handleSamples)
	s.mux.HandleFunc("GET /api/v1/gaze/labels", g.handleLabels)
	s.mux.HandleFunc("GET /api/v1/gaze/windows", g.handleWindows)
}

// host is the ?host= parameter, else this server's hostname.
func (g *gazeAPI) host(r *http.Request) string {
	if h := r.URL.Query().Get("host"); h != "" {
		return h
	}
	return g.s.cfg.Hostname
}

func (g *gazeAPI) handleStream(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	session := q.Get("session")
	if session == "" || len(session) > 200 {
		g.s.writeError(w, r, attnflow.Errorf(attnflow.EINVALID, "query parameter session: give the gaze session's id (1-200 characters)"))
		return
	}
	geo, err := parseGazeGeometry(q.Get)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	status, release := g.limit.acquire(session)
	if status != 0 {
		w.Header().Set("Retry-After", gazeRetryAfter)
		msg := "gaze ingest is busy: retry after " + gazeRetryAfter + " s"
		if status == http.StatusTooManyRequests {
			msg = "session " + strconv.Quote(session) + " is already uploading: send its chunks one at a time, retry after " + gazeRetryAfter + " s"
		}
		writeMessage(w, status, msg)
		return
	}
	defer release()
	samples, err := readGazeNDJSON(r.Body)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	n, err := g.store(r.Context(), g.host(r), session, samples, geo)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session": session, "samples": len(samples), "chunks": n,
		"start": samples[0].at, "end": samples[len(samples)-1].at})
}

// store writes an upload as chunk events, creating the host's gaze
// bucket on first use.
func (g *gazeAPI) store(ctx context.Context, host, session string, ts []timedSample, geo gaze.Geometry) (int, error) {
	start := ts[0].at
	s := make([]gaze.Sample, len(ts))
	for i, t := range ts {
		s[i] = t.s
		s[i].T = t.at.Sub(start).Seconds()
	}
	evs, err := chunk.ToEvents(session, start, s, geo, gazeChunkSamples, gazeChunkSpan)
	if err != nil {
		return 0, err
	}
	bucket := chunk.BucketID(host)
	b := attnflow.Bucket{ID: bucket, Name: bucket, Type: chunk.BucketType, Client: "attnflow-gaze", Hostname: host}
	if err := g.s.store.CreateBucket(ctx, b); err != nil && attnflow.ErrorCode(err) != attnflow.ECONFLICT {
		return 0, fmt.Errorf("create gaze bucket: %w", err)
	}
	if _, err := g.s.store.InsertEvents(ctx, bucket, evs); err != nil {
		return 0, fmt.Errorf("store gaze chunks: %w", err)
	}
	return len(evs), nil
}

func (g *gazeAPI) handleSessions(w http.ResponseWriter, r *http.Request) {
	evs, err := g.events(r)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"host": g.host(r), "sessions": chunk.Sessions(evs)})
}

// events returns the gaze bucket's events in the request's start/end.
func (g *gazeAPI) events(r *http.Request) ([]attnflow.Event, error) {
	tr, err := rangeFromQuery(r)
	if err != nil {
		return nil, err
	}
	evs, err := g.s.store.Events(r.Context(), chunk.BucketID(g.host(r)), attnflow.EventFilter{Range: tr, Limit: -1})
	if attnflow.ErrorCode(err) == attnflow.ENOTFOUND {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "no gaze has been recorded for host %q", g.host(r))
	}
	return evs, err
}

// session loads one session's chunks (the request's session, host,
// start and end) in time order.
func (g *gazeAPI) session(r *http.Request) ([]chunk.Stored, error) {
	id := r.URL.Query().Get("session")
	if id == "" {
		return nil, attnflow.Errorf(attnflow.EINVALID, "query parameter session: give the gaze session's id")
	}
	evs, err := g.events(r)
	if err != nil {
		return nil, err
	}
	evs = chunk.SessionEvents(evs, id)
	if len(evs) == 0 {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "no gaze samples for session %q on host %q in that period", id, g.host(r))
	}
	out := make([]chunk.Stored, 0, len(evs))
	for _, ev := range evs {
		c, err := chunk.FromEvent(ev)
		if err != nil {
			return nil, err
		}
		if len(c.Samples) > 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "no gaze samples for session %q on host %q in that period", id, g.host(r))
	}
	return out, nil
}

// sampleJSON is a sample as NDJSON, with its label when classified.
type sampleJSON struct {
	T     float64  `json:"t"` // Unix seconds
	X     *float64 `json:"x"`
	Y     *float64 `json:"y"`
	Pupil *float64 `json:"pupil,omitempty"`
	Label string   `json:"label,omitempty"`
}

func toSampleJSON(start time.Time, s gaze.Sample) sampleJSON {
	at := start.Add(time.Duration(math.Round(s.T * 1e9)))
	out := sampleJSON{T: float64(at.UnixMicro()) / 1e6}
	if s.Valid() {
		x, y := s.X, s.Y
		out.X, out.Y = &x, &y
	}
	if p := s.Pupil; !math.IsNaN(p) && p > 0 {
		out.Pupil = &p
	}
	return out
}

func (g *gazeAPI) handleSamples(w http.ResponseWriter, r *http.Request) {
	chunks, err := g.session(r)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, c := range chunks {
		for _, s := range c.Samples {
			_ = enc.Encode(toSampleJSON(c.Start, s))
		}
	}
	_ = bw.Flush()
}

func (g *gazeAPI) handleLabels(w http.ResponseWriter, r *http.Request) {
	det, geo, chunks, err := g.classifyRequest(r)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	if geo, err = sessionGeometry(chunks, geo); err != nil {
		g.s.writeError(w, r, err)
		return
	}
	g.writeLabels(w, chunks, det, geo)
}

// classifyRequest reads what classifying a stored session needs: the
// detector (?method=), geometry overrides from the query and the
// session's chunks.
func (g *gazeAPI) classifyRequest(r *http.Request) (gaze.Detector, gaze.Geometry, []chunk.Stored, error) {
	q := r.URL.Query()
	det, err := gaze.NewDetector(q.Get("method"))
	if err != nil {
		return nil, gaze.Geometry{}, nil, err
	}
	geo, err := parseGazeGeometry(q.Get)
	if err != nil {
		return nil, geo, nil, err
	}
	chunks, err := g.session(r)
	return det, geo, chunks, err
}

// writeLabels classifies the session as one stream (times relative to
// its first chunk) and writes each sample with its label as NDJSON.
func (g *gazeAPI) writeLabels(w http.ResponseWriter, chunks []chunk.Stored, det gaze.Detector, geo gaze.Geometry) {
	base := chunks[0].Start
	var ci, si int // next sample to classify
	next := func() (gaze.Sample, bool) {
		for ci < len(chunks) && si == len(chunks[ci].Samples) {
			ci, si = ci+1, 0
		}
		if ci == len(chunks) {
			return gaze.Sample{}, false
		}
		s := chunks[ci].Samples[si]
		s.T += chunks[ci].Start.Sub(base).Seconds()
		si++
		return s, true
	}
	var ei, ej int // next sample to emit
	w.Header().Set("Content-Type", "application/x-ndjson")
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	emit := func(l gaze.Label) error {
		for ej == len(chunks[ei].Samples) {
			ei, ej = ei+1, 0
		}
		sj := toSampleJSON(chunks[ei].Start, chunks[ei].Samples[ej])
		sj.Label = l.String()
		ej++
		return enc.Encode(sj)
	}
	if err := gaze.ClassifyStream(next, det, geo, gaze.ChunkOptions{}, emit); err != nil {
		g.s.logger.Error("gaze labels", "err", err)
	}
	_ = bw.Flush()
}
