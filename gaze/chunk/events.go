package chunk

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// Gaze streams are stored as events of one bucket per host: each event
// covers a run of samples of one session, its data holding the session
// id, the sample count, the recording geometry where known and the
// compressed chunk (base64). Events keep gaze in the same store, export
// and backup as the desktop activity it is fused with, and time-range
// queries find a session's chunks.
const (
	BucketPrefix = "attnflow-gaze_" // + hostname
	BucketType   = "gaze.chunk"
)

// BucketID is the gaze bucket of host.
func BucketID(host string) string { return BucketPrefix + host }

// Stored is one decoded chunk event.
type Stored struct {
	Session  string
	Start    time.Time     // wall-clock time of sample T = 0
	Samples  []gaze.Sample // T in seconds from Start
	Geometry gaze.Geometry // zero fields when unknown
}

// ToEvents cuts a session's samples (T in seconds from start, required
// and non-decreasing) into chunk events of at most maxSamples samples and
// maxSpan of time each.
func ToEvents(session string, start time.Time, s []gaze.Sample, g gaze.Geometry, maxSamples int, maxSpan time.Duration) ([]attnflow.Event, error) {
	if session == "" {
		return nil, attnflow.Errorf(attnflow.EINVALID, "gaze session id is empty")
	}
	maxSamples = min(max(maxSamples, 1), MaxSamples)
	var out []attnflow.Event
	for a := 0; a < len(s); {
		b := a + 1
		for b < len(s) && b-a < maxSamples && s[b].T-s[a].T < maxSpan.Seconds() {
			b++
		}
		ev, err := chunkEvent(session, start, s[a:b], g)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
		a = b
	}
	return out, nil
}

// chunkEvent encodes one run of samples, re-based to its first sample.
func chunkEvent(session string, start time.Time, run []gaze.Sample, g gaze.Geometry) (attnflow.Event, error) {
	t0 := run[0].T
	if math.IsNaN(t0) {
		return attnflow.Event{}, attnflow.Errorf(attnflow.EINVALID, "gaze sample without a time")
	}
	rel := make([]gaze.Sample, len(run))
	for i, s := range run {
		rel[i] = s
		rel[i].T = s.T - t0
	}
	var buf bytes.Buffer
	if err := Encode(&buf, rel); err != nil {
		return attnflow.Event{}, err
	}
	at := start.Add(time.Duration(math.Round(t0 * 1e9)))
	data := attnflow.Data{"session": session, "samples": float64(len(run)), "chunk": base64.StdEncoding.EncodeToString(buf.Bytes())}
	if geo := geometryData(g); len(geo) > 0 {
		data["geometry"] = geo
	}
	span := time.Duration(math.Round((run[len(run)-1].T - t0) * 1e9))
	return attnflow.Event{Timestamp: at.UTC(), Duration: span, Data: data}, nil
}

// geometryData keeps the known geometry fields.
func geometryData(g gaze.Geometry) map[string]any {
	m := map[string]any{}
	for k, v := range map[string]float64{"rate": g.Rate, "screen_w_px": g.ScreenWpx, "screen_h_px": g.ScreenHpx,
		"screen_w_mm": g.ScreenWmm, "screen_h_mm": g.ScreenHmm, "distance_mm": g.DistanceMM} {
		if v > 0 {
			m[k] = v
		}
	}
	return m
}

// FromEvent decodes a chunk event.
func FromEvent(ev attnflow.Event) (Stored, error) {
	session, _ := ev.Data["session"].(string)
	enc, _ := ev.Data["chunk"].(string)
	if session == "" || enc == "" {
		return Stored{}, attnflow.Errorf(attnflow.EINVALID, "gaze event %d: no session or chunk in its data", ev.ID)
	}
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return Stored{}, attnflow.Errorf(attnflow.EINVALID, "gaze event %d: chunk is not base64: %v", ev.ID, err)
	}
	s, err := Decode(bytes.NewReader(raw))
	if err != nil {
		return Stored{}, fmt.Errorf("gaze event %d: %w", ev.ID, err)
	}
	st := Stored{Session: session, Start: ev.Timestamp, Samples: s}
	if geo, ok := ev.Data["geometry"].(map[string]any); ok {
		f := func(k string) float64 { v, _ := geo[k].(float64); return v }
		st.Geometry = gaze.Geometry{Rate: f("rate"), ScreenWpx: f("screen_w_px"), ScreenHpx: f("screen_h_px"),
			ScreenWmm: f("screen_w_mm"), ScreenHmm: f("screen_h_mm"), DistanceMM: f("distance_mm")}
	}
	return st, nil
}

// SessionEvents returns the events of one session in time order.
func SessionEvents(evs []attnflow.Event, session string) []attnflow.Event {
	var out []attnflow.Event
	for _, ev := range evs {
		if s, _ := ev.Data["session"].(string); s == session {
			out = append(out, ev)
		}
	}
	slices.SortStableFunc(out, func(a, b attnflow.Event) int {
		if c := a.Timestamp.Compare(b.Timestamp); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out
}

// Sessions returns the distinct session ids of evs, sorted.
func Sessions(evs []attnflow.Event) []string {
	seen := map[string]bool{}
	for _, ev := range evs {
		if s, _ := ev.Data["session"].(string); s != "" {
			seen[s] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Merge fills the zero fields of g from o.
func Merge(g, o gaze.Geometry) gaze.Geometry {
	pick := func(a, b float64) float64 {
		if a > 0 {
			return a
		}
		return b
	}
	return gaze.Geometry{Rate: pick(g.Rate, o.Rate), ScreenWpx: pick(g.ScreenWpx, o.ScreenWpx), ScreenHpx: pick(g.ScreenHpx, o.ScreenHpx),
		ScreenWmm: pick(g.ScreenWmm, o.ScreenWmm), ScreenHmm: pick(g.ScreenHmm, o.ScreenHmm), DistanceMM: pick(g.DistanceMM, o.DistanceMM)}
}
