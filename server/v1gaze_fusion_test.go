package server_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/sim"
)

// readingNDJSON is minutes of 60 Hz webcam-like gaze from start: reading
// (fixations of about 400 ms along lines, 3 px noise) with the eyes off
// the screen (x, y null) from awayFrom to awayTo minutes.
func readingNDJSON(start time.Time, from, to, awayFrom, awayTo float64) string {
	const rate = 60.0
	var sb strings.Builder
	x, y := 200.0, 200.0
	for i := int(from * 60 * rate); i < int(to*60*rate); i++ {
		t := float64(i) / rate
		at := float64(start.UnixMicro())/1e6 + t
		if m := t / 60; m >= awayFrom && m < awayTo {
			fmt.Fprintf(&sb, `{"t": %.6f, "x": null, "y": null}`+"\n", at)
			continue
		}
		if i%24 == 0 {
			if x += 150; x > 1600 {
				x, y = 200, math.Mod(y+40, 800)+100
			}
		}
		fmt.Fprintf(&sb, `{"t": %.6f, "x": %.1f, "y": %.1f}`+"\n", at, x+3*math.Sin(t*91), y+3*math.Cos(t*77))
	}
	return sb.String()
}

// TestGazeWindowsFusion: gaze streamed during 30 active minutes of a
// simulated desktop week turns the look-away minutes into "away" windows
// in GET /api/v1/gaze/windows, while the desktop alone calls them active.
func TestGazeWindowsFusion(t *testing.T) {
	ts, ds := newFlowServer(t)
	h := ds.Persona.Host
	in := flow.Input{Hosts: []flow.Sources{{Host: h, Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}}, Input: ds.Events[sim.InputBucket(h)]}
	cfg := flow.DefaultConfig()
	loc, err := time.LoadLocation(ds.Persona.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Location = loc
	day, err := flow.ComputeDay(in, "2026-03-03", flow.DefaultCategories(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	first := -1
	for i, run := 0, 0; i < len(day.Windows) && first < 0; i++ {
		if run = run + 1; day.Windows[i].ActiveSec < 55 {
			run = 0
		}
		if run == 30 {
			first = i - 29
		}
	}
	if first < 0 {
		t.Fatal("no 30 active minutes on 2026-03-03")
	}
	start := day.Windows[first].Start
	geo := "&rate=60&screen_px=1920x1080&screen_mm=530x300&distance_mm=650"
	for _, part := range [][2]float64{{0, 10}, {10, 20}, {20, 30}} {
		ts.must(200, "POST", "/api/v1/gaze/stream?session=read&host="+h+geo, readingNDJSON(start, part[0], part[1], 12, 20))
	}
	var got struct {
		Windows []struct {
			Start        time.Time
			State        string
			AttentionSec float64 `json:"attention_sec"`
			ActiveSec    float64 `json:"active_sec"`
			Gaze         *struct {
				OnScreen float64 `json:"on_screen"`
			}
		}
	}
	ts.must(200, "GET", "/api/v1/gaze/windows?session=read&host="+h+"&tz="+ds.Persona.Timezone, nil).json(t, &got)
	if len(got.Windows) != 30 {
		t.Fatalf("%d windows, want 30 (the session's minutes)", len(got.Windows))
	}
	for k, w := range got.Windows {
		if w.Gaze == nil {
			t.Fatalf("window %d: no gaze", k)
		}
		away := k >= 12 && k < 20
		if (w.State == "away") != away {
			t.Errorf("window %d (%s): state %s, on screen %.2f, desktop active %.0f s; want away = %v", k, w.Start.Format(time.TimeOnly), w.State, w.Gaze.OnScreen, w.ActiveSec, away)
		}
		if away && (w.ActiveSec < 55 || w.AttentionSec > 1) {
			t.Errorf("window %d: active %.0f s, attention %.0f s; want the desktop active and no attention", k, w.ActiveSec, w.AttentionSec)
		}
	}
	r := ts.do("GET", "/api/v1/gaze/windows?session=read&host="+h+"&rate=0", nil)
	if r.status != 400 {
		t.Errorf("rate=0: status %d, want 400", r.status)
	}
}
