package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// Limits of the live gaze ingest.
const (
	// gazeMaxInFlight is how many gaze uploads are parsed and stored at
	// once; more are refused with 503 and Retry-After.
	gazeMaxInFlight = 4
	// gazeMaxRequestSamples bounds one upload (about 3 minutes of 1000 Hz
	// gaze), so the in-flight memory is bounded: gazeMaxInFlight ×
	// gazeMaxRequestSamples samples of 32 bytes, about 25 MiB.
	gazeMaxRequestSamples = 200_000
	// gazeChunkSamples and gazeChunkSpan bound one stored chunk.
	gazeChunkSamples = 10_000
	gazeChunkSpan    = 10 * time.Second
	// gazeRetryAfter is the Retry-After (seconds) sent with 429 and 503.
	gazeRetryAfter = "1"
)

// gazeLimiter is the ingest's back-pressure: a fixed number of uploads in
// flight, and one at a time per session (a session's chunks are stored
// in order).
type gazeLimiter struct {
	slots  chan struct{}
	mu     sync.Mutex
	active map[string]bool
}

func newGazeLimiter(n int) *gazeLimiter {
	return &gazeLimiter{slots: make(chan struct{}, n), active: map[string]bool{}}
}

// acquire takes a slot for session without waiting. It returns the HTTP
// status to refuse with (429: the session is already uploading; 503: the
// server is busy), or 0 and a release function.
func (l *gazeLimiter) acquire(session string) (int, func()) {
	l.mu.Lock()
	if l.active[session] {
		l.mu.Unlock()
		return http.StatusTooManyRequests, nil
	}
	select {
	case l.slots <- struct{}{}:
	default:
		l.mu.Unlock()
		return http.StatusServiceUnavailable, nil
	}
	l.active[session] = true
	l.mu.Unlock()
	return 0, func() {
		l.mu.Lock()
		delete(l.active, session)
		l.mu.Unlock()
		<-l.slots
	}
}

// gazeLine is one NDJSON sample: t (Unix seconds) or t_ms (Unix
// milliseconds); x and y in screen pixels, null when the tracker lost
// the eye; pupil optional.
type gazeLine struct {
	T     *float64 `json:"t"`
	TMs   *float64 `json:"t_ms"`
	X     *float64 `json:"x"`
	Y     *float64 `json:"y"`
	Pupil *float64 `json:"pupil"`
}

// timedSample is a sample with its wall-clock time.
type timedSample struct {
	at time.Time
	s  gaze.Sample // T unused until stored
}

// readGazeNDJSON parses an upload: one JSON object per line, blank lines
// skipped, in time order. Errors are EINVALID naming the line, or
// ETOOLARGE.
func readGazeNDJSON(r io.Reader) ([]timedSample, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	var out []timedSample
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if len(out) == gazeMaxRequestSamples {
			return nil, attnflow.Errorf(attnflow.ETOOLARGE, "more than %d gaze samples in one request: send smaller chunks (a few seconds each)", gazeMaxRequestSamples)
		}
		ts, err := parseGazeLine(text)
		if err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze sample on line %d: %s", line, attnflow.ErrorMessage(err))
		}
		if n := len(out); n > 0 && ts.at.Before(out[n-1].at) {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze sample on line %d: time %s is before the previous sample's %s: send samples in time order",
				line, ts.at.Format(time.RFC3339Nano), out[n-1].at.Format(time.RFC3339Nano))
		}
		out = append(out, ts)
	}
	if err := sc.Err(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, attnflow.Errorf(attnflow.ETOOLARGE, "request body is larger than %d bytes: send smaller chunks", tooBig.Limit)
		}
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, attnflow.Errorf(attnflow.EINVALID, "gaze sample on line %d is longer than 64 KiB: send one sample per line", len(out)+1)
		}
		return nil, attnflow.Errorf(attnflow.EINVALID, "read gaze samples: %v", err)
	}
	if len(out) == 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, `no gaze samples: send NDJSON lines like {"t": 1732838400.125, "x": 512, "y": 384}`)
	}
	return out, nil
}

// parseGazeLine decodes and checks one sample.
func parseGazeLine(text string) (timedSample, error) {
	var gl gazeLine
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&gl); err != nil {
		return timedSample{}, attnflow.Errorf(attnflow.EINVALID, "not a JSON sample object (fields t or t_ms, x, y, pupil): %v", err)
	}
	var at time.Time
	switch {
	case gl.T != nil && gl.TMs != nil:
		return timedSample{}, attnflow.Errorf(attnflow.EINVALID, "give t (Unix seconds) or t_ms (Unix milliseconds), not both")
	case gl.T != nil && finite(*gl.T) && *gl.T > 0:
		at = time.Unix(0, int64(math.Round(*gl.T*1e6))*1e3).UTC()
	case gl.TMs != nil && finite(*gl.TMs) && *gl.TMs > 0:
		at = time.Unix(0, int64(math.Round(*gl.TMs*1e3))*1e3).UTC()
	default:
		return timedSample{}, attnflow.Errorf(attnflow.EINVALID, "missing or invalid time: give t (Unix seconds) or t_ms (Unix milliseconds), a positive number")
	}
	s := gaze.Sample{X: math.NaN(), Y: math.NaN(), Pupil: math.NaN()}
	if (gl.X == nil) != (gl.Y == nil) {
		return timedSample{}, attnflow.Errorf(attnflow.EINVALID, "give both x and y, or null for both when the eye was lost")
	}
	if gl.X != nil {
		if !finite(*gl.X) || !finite(*gl.Y) || math.Abs(*gl.X) > 1e6 || math.Abs(*gl.Y) > 1e6 {
			return timedSample{}, attnflow.Errorf(attnflow.EINVALID, "x and y must be finite screen pixels")
		}
		s.X, s.Y = *gl.X, *gl.Y
	}
	if gl.Pupil != nil {
		if !finite(*gl.Pupil) || *gl.Pupil < 0 {
			return timedSample{}, attnflow.Errorf(attnflow.EINVALID, "pupil must be a non-negative number")
		}
		s.Pupil = *gl.Pupil
	}
	return timedSample{at: at, s: s}, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// parseGazeGeometry reads rate, screen_px=WxH, screen_mm=WxH and
// distance_mm from a query; missing ones stay zero (unknown).
func parseGazeGeometry(get func(string) string) (gaze.Geometry, error) {
	var g gaze.Geometry
	var err error
	num := func(name string, dst *float64) {
		if v := get(name); v != "" && err == nil {
			f, perr := strconv.ParseFloat(v, 64)
			if perr != nil || !(f > 0) || math.IsInf(f, 0) {
				err = attnflow.Errorf(attnflow.EINVALID, "%s=%q: want a positive number", name, v)
			}
			*dst = f
		}
	}
	pair := func(name string, w, h *float64) {
		if v := get(name); v != "" && err == nil {
			a, b, ok := strings.Cut(strings.ToLower(v), "x")
			fw, e1 := strconv.ParseFloat(a, 64)
			fh, e2 := strconv.ParseFloat(b, 64)
			if !ok || e1 != nil || e2 != nil || !(fw > 0) || !(fh > 0) {
				err = attnflow.Errorf(attnflow.EINVALID, "%s=%q: want WIDTHxHEIGHT, e.g. 1920x1080", name, v)
			}
			*w, *h = fw, fh
		}
	}
	num("rate", &g.Rate)
	pair("screen_px", &g.ScreenWpx, &g.ScreenHpx)
	pair("screen_mm", &g.ScreenWmm, &g.ScreenHmm)
	num("distance_mm", &g.DistanceMM)
	return g, err
}
