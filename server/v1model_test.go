package server_test

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow/model"
	"github.com/attnflow/attnflow/server"
)

// estimateJSON is the part of a state estimate the tests read.
type estimateJSON struct {
	Start   time.Time `json:"start"`
	State   string    `json:"state"`
	Score   float64   `json:"score"`
	Probs   []float64 `json:"probs"`
	Reasons []struct {
		Feature string  `json:"feature"`
		Text    string  `json:"text"`
		Effect  float64 `json:"effect"`
	} `json:"reasons"`
}

func TestV1States(t *testing.T) {
	s, _ := newFlowServer(t)
	var got []estimateJSON
	s.must(200, "GET", "/api/v1/states?start=2026-03-03T08:00:00Z&end=2026-03-03T16:00:00Z&tz=Europe/Berlin", nil).json(t, &got)
	if len(got) < 60 {
		t.Fatalf("got %d states for a working day, want at least 60", len(got))
	}
	seen := map[string]int{}
	for _, e := range got {
		if _, err := model.ParseState(e.State); err != nil {
			t.Fatalf("window %s: %v", e.Start, err)
		}
		seen[e.State]++
		if e.Score < 0 || e.Score > 100 || len(e.Probs) != model.NumStates {
			t.Errorf("window %s: score %v, %d probabilities", e.Start, e.Score, len(e.Probs))
		}
		if e.Start.Before(time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)) || !e.Start.Before(time.Date(2026, 3, 3, 16, 0, 0, 0, time.UTC)) {
			t.Errorf("window %s outside the range", e.Start)
		}
	}
	for _, want := range []string{"deep_focus", "focus", "shallow"} {
		if seen[want] == 0 {
			t.Errorf("no %s window in a developer's working day (seen %v)", want, seen)
		}
	}
}

func TestV1StateNowAndInterruptibility(t *testing.T) {
	s, _ := newFlowServer(t)
	const q = "?tz=Europe/Berlin&at=2026-03-03T14:30:00Z"
	var now estimateJSON
	s.must(200, "GET", "/api/v1/state/now"+q, nil).json(t, &now)
	if want := time.Date(2026, 3, 3, 14, 29, 0, 0, time.UTC); !now.Start.Equal(want) {
		t.Errorf("now: window %s, want %s (the last complete one)", now.Start, want)
	}
	if now.State != "away" && len(now.Reasons) == 0 {
		t.Errorf("now: %s without reasons", now.State)
	}
	var in struct {
		Score      float64 `json:"score"`
		State      string  `json:"state"`
		Breakpoint float64 `json:"breakpoint_in_min"`
		Reason     string  `json:"reason"`
	}
	s.must(200, "GET", "/api/v1/interruptibility"+q, nil).json(t, &in)
	if in.State != now.State || in.Reason == "" || in.Score < 0 || in.Score > 100 {
		t.Errorf("interruptibility %+v, state now %s", in, now.State)
	}
}

func TestV1Fatigue(t *testing.T) {
	s, _ := newFlowServer(t)
	var morning, afternoon struct {
		Level   float64 `json:"level"`
		TOT     float64 `json:"time_on_task_min"`
		Markers []struct {
			Name string `json:"name"`
			Text string `json:"text"`
		} `json:"markers"`
	}
	s.must(200, "GET", "/api/v1/fatigue?tz=Europe/Berlin&at=2026-03-03T08:30:00Z", nil).json(t, &morning)
	s.must(200, "GET", "/api/v1/fatigue?tz=Europe/Berlin&at=2026-03-03T15:30:00Z", nil).json(t, &afternoon)
	if morning.Level < 0 || morning.Level > 100 || afternoon.Level < 0 || afternoon.Level > 100 {
		t.Errorf("levels %v and %v outside 0..100", morning.Level, afternoon.Level)
	}
	if len(afternoon.Markers) == 0 {
		t.Errorf("no fatigue markers by the afternoon: %+v", afternoon)
	}
	s.must(404, "GET", "/api/v1/fatigue?tz=UTC&at=2026-03-02T00:00:30Z", nil)
}

func TestV1StatesBadInput(t *testing.T) {
	s, _ := newFlowServer(t)
	tests := []struct {
		path string
		want int
	}{
		{"/api/v1/states?start=2026-01-01&end=2026-03-08", 413},
		{"/api/v1/states?start=yesterday&end=today", 400},
		{"/api/v1/state/now?at=noon", 400},
		{"/api/v1/state/now?at=2020-01-01T00:00:30Z", 404},
		{"/api/v1/interruptibility?tz=Mars/Olympus", 400},
	}
	for _, tt := range tests {
		s.must(tt.want, "GET", tt.path, nil)
	}
}

// TestV1StatesUseTheTrainedModel checks that the server answers with the
// person's trained model when there is one, and the day-one model before.
func TestV1StatesUseTheTrainedModel(t *testing.T) {
	const q = "/api/v1/states?start=2026-03-03T08:00:00Z&end=2026-03-03T16:00:00Z&tz=Europe/Berlin"
	day1, _ := newFlowServer(t)
	var want []estimateJSON
	day1.must(200, "GET", q, nil).json(t, &want)

	// A "trained" model whose transitions never leave the away state
	// gives different answers than the day-one model.
	trained := model.DayOne(model.Baseline{})
	for i := range trained.HMM.Trans {
		for j := range trained.HMM.Trans[i] {
			trained.HMM.Trans[i][j] = 0
		}
		trained.HMM.Trans[i][model.NumStates-1] = 1
	}
	calls := 0
	s, _ := newFlowServerWith(t, server.Config{Model: func() (model.Trained, bool) { calls++; return trained, true }})
	var got []estimateJSON
	s.must(200, "GET", q, nil).json(t, &got)
	if calls == 0 {
		t.Fatal("the server never asked for the trained model")
	}
	differ := 0
	for i := range got {
		if i < len(want) && got[i].State != want[i].State {
			differ++
		}
	}
	if differ == 0 {
		t.Errorf("states with the trained model are identical to the day-one model's")
	}
}
