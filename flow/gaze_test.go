package flow_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/formats"
	"github.com/attnflow/attnflow/sim"
)

// tobiiHeader is the header of a Tobii Pro Lab data export.
const tobiiHeader = "Recording timestamp [μs]\tComputer timestamp [μs]\tSensor\tParticipant name\tRecording name\tRecording resolution height\tRecording resolution width\tEvent\tEvent value\tGaze point X\tGaze point Y\tGaze point left X\tGaze point left Y\tGaze point right X\tGaze point right Y\tPupil diameter left [mm]\tPupil diameter right [mm]\tValidity left\tValidity right\tEye movement type\n"

// readingTobii writes a Tobii export of minutes of 120 Hz gaze: reading
// (250 ms fixations along lines of text, short saccades, line returns)
// except during [awayFrom, awayTo) minutes, when the eyes are off the
// screen and the tracker reports no valid gaze.
func readingTobii(minutes, awayFrom, awayTo float64) string {
	const rate = 120.0
	rng := rand.New(rand.NewPCG(7, 7))
	var sb strings.Builder
	sb.WriteString(tobiiHeader)
	x, y, fixLeft := 200.0, 200.0, 30
	n := int(minutes * 60 * rate)
	for i := range n {
		t := float64(i) / rate
		us := int64(math.Round(t * 1e6))
		if m := t / 60; m >= awayFrom && m < awayTo {
			fmt.Fprintf(&sb, "%d\t\tEye Tracker\tP01\tRec1\t1080\t1920\t\t\t\t\t\t\t\t\t\t\tInvalid\tInvalid\t\n", us)
			continue
		}
		if fixLeft--; fixLeft < 0 { // a saccade to the next word, or the next line
			x += 120
			if x > 1600 {
				x, y = 200, y+40
				if y > 900 {
					y = 200
				}
			}
			fixLeft = 25 + rng.IntN(10)
		}
		gx, gy := x+rng.NormFloat64()*2, y+rng.NormFloat64()*2
		p := 3.2 + 0.05*rng.NormFloat64()
		fmt.Fprintf(&sb, "%d\t\tEye Tracker\tP01\tRec1\t1080\t1920\t\t\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\tValid\tValid\tFixation\n",
			us, gx, gy, gx, gy, gx, gy, p, p)
	}
	return sb.String()
}

// TestGazeFusionEndToEnd: a simulated desktop day plus a gaze file
// recorded during 30 active minutes give windows that turn "away" while
// the gaze is off the screen and are attention again when it is back.
func TestGazeFusionEndToEnd(t *testing.T) {
	p, err := sim.BuiltIn("developer")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := sim.Generate(p, sim.Options{Start: "2026-03-03", Days: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := ds.Persona.Host
	in := flow.Input{Hosts: []flow.Sources{{Host: h, Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}}, Input: ds.Events[sim.InputBucket(h)]}
	cfg := flow.DefaultConfig()
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Location = loc
	day, err := flow.ComputeDay(in, "2026-03-03", flow.DefaultCategories(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	first := activeStretch(t, day.Windows, 30, cfg)

	// The gaze file starts 20 s into the stretch's first window; the
	// person looks away from minute 12 to minute 20 of it.
	start := day.Windows[first].Start.Add(20 * time.Second)
	rec, err := formats.Read(strings.NewReader(readingTobii(29, 12, 20)), formats.Options{})
	if err != nil {
		t.Fatalf("read gaze file: %v", err)
	}
	if rec.Format != formats.FormatTobii {
		t.Fatalf("detected %q, want %q", rec.Format, formats.FormatTobii)
	}
	g := rec.Geometry
	g.ScreenWmm, g.ScreenHmm, g.DistanceMM = 530, 300, 650
	det, _ := gaze.NewDetector(gaze.DefaultMethod)
	labels := det.Classify(rec.Samples, g)
	gf := flow.GazeFeatures(rec.Samples, labels, g, start, cfg, nil)
	fused := flow.FuseGaze(day.Windows, gf, cfg, flow.GazeOptions{})

	for k := 1; k < 29; k++ { // whole windows of the recording
		w := fused[first+k]
		if w.Gaze == nil {
			t.Fatalf("window %d (%s): no gaze features", k, w.Start.Format(time.TimeOnly))
		}
		// Minute k of the stretch covers gaze minutes k-1/3 .. k+2/3.
		awayWindow := k >= 13 && k <= 19
		switch {
		case awayWindow && w.State != flow.StateAway:
			t.Errorf("window %d: state %s (on screen %.2f, desktop active %.0f s), want away", k, w.State, w.Gaze.OnScreen, w.ActiveSec)
		case awayWindow && w.AttentionSec > 20:
			t.Errorf("window %d: attention %.0f s while looking away, want ≤ 20", k, w.AttentionSec)
		case !awayWindow && k != 12 && k != 20 && w.State == flow.StateAway:
			t.Errorf("window %d: away while reading (on screen %.2f, steady %.2f)", k, w.Gaze.OnScreen, w.Gaze.FixationShare)
		}
		if !awayWindow && k < 11 && w.Gaze.FixationShare < 0.7 {
			t.Errorf("window %d: fixation share %.2f while reading, want ≥ .7", k, w.Gaze.FixationShare)
		}
	}
	// The desktop alone saw no break: the windows were active throughout.
	for k := 13; k <= 19; k++ {
		if w := fused[first+k]; w.ActiveSec < cfg.ActiveWindowShare*cfg.Window.Seconds() {
			t.Errorf("window %d: desktop active only %.0f s; the test needs an active stretch", k, w.ActiveSec)
		}
	}
}

// activeStretch returns the index of the first of n consecutive windows
// that are all active on the desktop.
func activeStretch(t *testing.T, ws []flow.Window, n int, cfg flow.Config) int {
	t.Helper()
	run := 0
	for i, w := range ws {
		if w.ActiveSec >= 0.9*cfg.Window.Seconds() {
			if run++; run == n {
				return i - n + 1
			}
		} else {
			run = 0
		}
	}
	t.Fatalf("no %d active minutes in the simulated day", n)
	return 0
}

func TestFuseGazeStates(t *testing.T) {
	cfg := flow.DefaultConfig()
	at := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	feat := func(on, steady float64) []gaze.WindowFeatures {
		return []gaze.WindowFeatures{{Start: at, Samples: 100, OnScreen: on, FixationShare: steady, OnFocus: math.NaN(), PupilLoad: math.NaN()}}
	}
	tests := []struct {
		name       string
		active     float64
		focus      bool
		gaze       []gaze.WindowFeatures
		want       flow.AttentionState
		wantAttend float64
	}{
		{"desktop only, focus", 60, true, nil, flow.StateFocus, 60},
		{"desktop only, idle", 10, false, nil, flow.StateIdle, 10},
		{"reading without input", 0, false, feat(0.9, 0.8), flow.StateReading, 54},
		{"looking away while active", 60, true, feat(0.1, 0.9), flow.StateAway, 6},
		{"active, eyes on screen", 60, false, feat(0.95, 0.3), flow.StateActive, 60},
		{"idle, restless gaze", 0, false, feat(0.9, 0.2), flow.StateIdle, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := []flow.Window{{Start: at, ActiveSec: tt.active, Focus: tt.focus}}
			got := flow.FuseGaze(ws, tt.gaze, cfg, flow.GazeOptions{})[0]
			if got.State != tt.want || math.Abs(got.AttentionSec-tt.wantAttend) > 1e-9 {
				t.Errorf("state %s, attention %.1f s; want %s, %.1f s", got.State, got.AttentionSec, tt.want, tt.wantAttend)
			}
		})
	}
}
