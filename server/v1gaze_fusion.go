package server

import (
	"net/http"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/chunk"
)

// gazeMaxWindowSamples bounds the samples one windows request classifies
// at once (about 2 h of 1000 Hz gaze); longer sessions are asked for in
// start/end parts.
const gazeMaxWindowSamples = 8_000_000

// gazeWindowJSON is one fused window.
type gazeWindowJSON struct {
	Start        time.Time            `json:"start"`
	State        string               `json:"state"`
	AttentionSec float64              `json:"attention_sec"`
	ActiveSec    float64              `json:"active_sec"`
	Focus        bool                 `json:"focus"`
	App          string               `json:"dominant_app,omitempty"`
	Gaze         *gaze.WindowFeatures `json:"gaze"` // null: no gaze in the window
}

// handleWindows fuses a gaze session with the desktop activity of the
// same host over the session's time: GET /api/v1/gaze/windows?session=ID
// with the flow's tz, day_start and window parameters.
func (g *gazeAPI) handleWindows(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cfg, err := ParseFlowConfig(q)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	det, geo, chunks, err := g.classifyRequest(r)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	samples, geo, err := joinChunks(chunks, geo)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	start := chunks[0].Start
	last := chunks[len(chunks)-1]
	end := last.Start.Add(time.Duration(last.Samples[len(last.Samples)-1].T * float64(time.Second)))
	span := attnflow.TimeRange{Start: start.Truncate(cfg.Window), End: end.Truncate(cfg.Window).Add(cfg.Window)}
	day, err := g.engine.Range(r.Context(), span, g.host(r), cfg)
	if err != nil {
		g.s.writeError(w, r, err)
		return
	}
	labels := det.Classify(samples, geo)
	fused := flow.FuseGaze(day.Windows, flow.GazeFeatures(samples, labels, geo, start, cfg, nil), cfg, flow.GazeOptions{})
	out := make([]gazeWindowJSON, len(fused))
	for i, fw := range fused {
		out[i] = gazeWindowJSON{Start: fw.Start, State: string(fw.State), AttentionSec: fw.AttentionSec,
			ActiveSec: fw.ActiveSec, Focus: fw.Focus, App: fw.DominantApp, Gaze: fw.Gaze}
	}
	writeJSON(w, http.StatusOK, map[string]any{"session": q.Get("session"), "host": g.host(r), "windows": out})
}

// joinChunks puts a session's chunks into one recording timed from its
// first chunk, and completes the geometry from the stored one.
func joinChunks(chunks []chunk.Stored, geo gaze.Geometry) ([]gaze.Sample, gaze.Geometry, error) {
	geo, err := sessionGeometry(chunks, geo)
	if err != nil {
		return nil, geo, err
	}
	n := 0
	for _, c := range chunks {
		n += len(c.Samples)
	}
	if n > gazeMaxWindowSamples {
		return nil, geo, attnflow.Errorf(attnflow.ETOOLARGE, "session has %d samples in that period, at most %d per request: ask for a shorter start/end", n, gazeMaxWindowSamples)
	}
	out := make([]gaze.Sample, 0, n)
	for _, c := range chunks {
		off := c.Start.Sub(chunks[0].Start).Seconds()
		for _, s := range c.Samples {
			s.T += off
			out = append(out, s)
		}
	}
	return out, geo, nil
}

// sessionGeometry completes geo from the chunks' stored geometry and
// checks it.
func sessionGeometry(chunks []chunk.Stored, geo gaze.Geometry) (gaze.Geometry, error) {
	for _, c := range chunks {
		geo = chunk.Merge(geo, c.Geometry)
	}
	if err := geo.Validate(); err != nil {
		return geo, attnflow.Errorf(attnflow.EINVALID, "%s: give it as a query parameter (rate, screen_px=WxH, screen_mm=WxH, distance_mm) or when streaming", attnflow.ErrorMessage(err))
	}
	return geo, nil
}
