package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// GazeStream uploads a recording to POST /api/v1/gaze/stream as session
// of host, perRequest samples per request (default 10,000), waiting and
// retrying when the server answers 429 or 503 (its Retry-After, up to 30
// times per request). Sample T is seconds from start (NaN: from the
// geometry's rate); geometry fields that are zero are not sent. It
// returns how many samples the server stored.
func (c *Client) GazeStream(ctx context.Context, host, session string, g gaze.Geometry, start time.Time, samples []gaze.Sample, perRequest int) (int, error) {
	if perRequest <= 0 {
		perRequest = 10_000
	}
	q := gazeQuery(host, session, g)
	stored := 0
	for a := 0; a < len(samples); a += perRequest {
		part := samples[a:min(a+perRequest, len(samples))]
		body := gazeNDJSON(part, a, g.Rate, start)
		if err := c.postGaze(ctx, q, body); err != nil {
			return stored, fmt.Errorf("gaze samples %d..%d: %w", a, a+len(part)-1, err)
		}
		stored += len(part)
	}
	return stored, nil
}

func gazeQuery(host, session string, g gaze.Geometry) url.Values {
	q := url.Values{"session": {session}}
	if host != "" {
		q.Set("host", host)
	}
	if g.Rate > 0 {
		q.Set("rate", strconv.FormatFloat(g.Rate, 'g', -1, 64))
	}
	if g.ScreenWpx > 0 && g.ScreenHpx > 0 {
		q.Set("screen_px", fmt.Sprintf("%gx%g", g.ScreenWpx, g.ScreenHpx))
	}
	if g.ScreenWmm > 0 && g.ScreenHmm > 0 {
		q.Set("screen_mm", fmt.Sprintf("%gx%g", g.ScreenWmm, g.ScreenHmm))
	}
	if g.DistanceMM > 0 {
		q.Set("distance_mm", strconv.FormatFloat(g.DistanceMM, 'g', -1, 64))
	}
	return q
}

// gazeNDJSON writes samples (the first being sample index first) as the
// stream's NDJSON lines.
func gazeNDJSON(part []gaze.Sample, first int, rate float64, start time.Time) []byte {
	var b bytes.Buffer
	t0 := float64(start.UnixMicro()) / 1e6
	for i, s := range part {
		t := s.T
		if math.IsNaN(t) && rate > 0 {
			t = float64(first+i) / rate
		}
		b.WriteString(`{"t":`)
		b.WriteString(strconv.FormatFloat(t0+t, 'f', 6, 64))
		if s.Valid() {
			fmt.Fprintf(&b, `,"x":%s,"y":%s`, strconv.FormatFloat(s.X, 'f', 2, 64), strconv.FormatFloat(s.Y, 'f', 2, 64))
		} else {
			b.WriteString(`,"x":null,"y":null`)
		}
		if s.Pupil > 0 && !math.IsInf(s.Pupil, 0) {
			fmt.Fprintf(&b, `,"pupil":%s`, strconv.FormatFloat(s.Pupil, 'f', 4, 64))
		}
		b.WriteString("}\n")
	}
	return b.Bytes()
}

// postGaze sends one upload, retrying on 429 and 503.
func (c *Client) postGaze(ctx context.Context, q url.Values, body []byte) error {
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/api/v1/gaze/stream?"+q.Encode(), bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("build request: %w", err)
		}
		req.Header.Set("Content-Type", "application/x-ndjson")
		if c.apiKey != "" {
			req.Header.Set("Authorization", "Bearer "+c.apiKey)
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			return fmt.Errorf("POST /api/v1/gaze/stream: %w", err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode < 400:
			return nil
		case (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) && attempt < 30:
			wait := time.Second
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
				wait = time.Duration(s) * time.Second
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
		default:
			err := errorFromResponse(resp.StatusCode, data)
			if attnflow.ErrorCode(err) == "" {
				return fmt.Errorf("POST /api/v1/gaze/stream: status %d", resp.StatusCode)
			}
			return err
		}
	}
}
