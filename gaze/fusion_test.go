package gaze

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestWindowsAwayWhenGazeLeavesScreen(t *testing.T) {
	// 3 minutes at 50 Hz: reading (fixations on screen) for 60 s, gaze off
	// the screen (tracker loses it) for 60 s, then back on screen.
	const rate = 50
	g := testGeometry()
	g.Rate = rate
	var s []Sample
	var labels []Label
	for i := range 180 * rate {
		sec := i / rate
		smp := Sample{T: float64(i) / rate, X: 200 + float64(i%100), Y: 300, Pupil: 20}
		l := Fixation
		switch {
		case sec >= 60 && sec < 90:
			smp.X, smp.Y, l = math.NaN(), math.NaN(), Blink // lost
		case sec >= 90 && sec < 120:
			smp.X, l = 2000, Fixation // valid but beside the screen
		}
		s = append(s, smp)
		labels = append(labels, l)
	}
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	focus := func(time.Time) (AOI, bool) { return Rect("editor", 0, 0, 512, 768), true }
	pupil, _ := PupilBaseline(s, 1.0/rate, 1)
	w := Windows(s, labels, g, FusionOptions{Start: t0, Width: time.Minute, Focus: focus, Pupil: pupil})
	if len(w) != 3 {
		t.Fatalf("got %d windows, want 3", len(w))
	}
	wantAway := []bool{false, true, false}
	for i, f := range w {
		if f.Away != wantAway[i] {
			t.Errorf("window %d (%s): away = %v (on screen %.2f), want %v", i, f.Start.Format(time.TimeOnly), f.Away, f.OnScreen, wantAway[i])
		}
		if want := t0.Add(time.Duration(i) * time.Minute); !f.Start.Equal(want) {
			t.Errorf("window %d starts %v, want %v", i, f.Start, want)
		}
	}
	if w[0].OnScreen != 1 || w[0].OnFocus != 1 || w[0].FixationShare != 1 {
		t.Errorf("reading window = %+v, want all on screen, on the focused window, fixating", w[0])
	}
	if w[1].OnScreen != 0 {
		t.Errorf("away window on-screen share = %v, want 0", w[1].OnScreen)
	}
	if w[0].PupilLoad != 0 {
		t.Errorf("pupil load = %v, want 0 for a constant pupil", w[0].PupilLoad)
	}
}

func TestWindowFeaturesJSON(t *testing.T) {
	f := WindowFeatures{Samples: 3, OnScreen: 0.5, OnFocus: math.NaN(), PupilLoad: 0.25}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"on_focus":null`, `"pupil_load":0.25`, `"on_screen":0.5`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
}
