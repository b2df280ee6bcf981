package server_test

import (
	"testing"
	"time"
)

type answerJSON struct {
	Covers struct {
		Start time.Time `json:"start"`
		End   time.Time `json:"end"`
	} `json:"covers"`
	Focus  int `json:"focus"`
	Demand int `json:"demand"`
}

func TestV1Checkins(t *testing.T) {
	s, _ := newFlowServer(t)
	var got answerJSON
	s.must(201, "POST", "/api/v1/checkins", map[string]any{"focus": 4, "demand": 2, "end": "2026-03-03T14:20:00Z"}).json(t, &got)
	if got.Focus != 4 || got.Covers.End.Sub(got.Covers.Start) != 15*time.Minute {
		t.Errorf("stored %+v, want focus 4 over the 15 min before 14:20", got)
	}
	s.must(201, "POST", "/api/v1/checkins", map[string]any{"focus": 2, "start": "2026-03-03T09:00:00Z", "end": "2026-03-03T09:30:00Z", "state": "distracted"})
	var list []answerJSON
	s.must(200, "GET", "/api/v1/checkins?date=2026-03-03&tz=UTC", nil).json(t, &list)
	if len(list) != 2 || list[0].Focus != 2 || list[1].Focus != 4 {
		t.Errorf("listed %+v, want the two check-ins oldest first", list)
	}
	s.must(200, "GET", "/api/v1/checkins?date=2026-03-04&tz=UTC", nil).json(t, &list)
	if len(list) != 0 {
		t.Errorf("listed %d check-ins on a day without any", len(list))
	}

	var due struct {
		Due    bool `json:"due"`
		Prompt *struct {
			Reason string `json:"reason"`
		} `json:"prompt"`
	}
	// Ten minutes after a check-in nothing is due (minimum gap 45 min).
	s.must(200, "GET", "/api/v1/checkins/due?tz=UTC&work_start=00:00&work_end=23:59&at=2026-03-03T14:30:00Z", nil).json(t, &due)
	if due.Due {
		t.Errorf("due %+v ten minutes after a check-in", due.Prompt)
	}
	// Outside working hours nothing is due.
	s.must(200, "GET", "/api/v1/checkins/due?tz=UTC&work_start=06:00&work_end=07:00&at=2026-03-03T16:30:00Z", nil).json(t, &due)
	if due.Due {
		t.Errorf("due %+v outside working hours", due.Prompt)
	}
}

func TestV1CheckinsBadInput(t *testing.T) {
	s, _ := newFlowServer(t)
	tests := []struct {
		method, path string
		body         any
	}{
		{"POST", "/api/v1/checkins", map[string]any{"focus": 9}},
		{"POST", "/api/v1/checkins", map[string]any{"focus": 3, "state": "sleepy"}},
		{"POST", "/api/v1/checkins", map[string]any{"focus": 3, "start": "2026-03-03T10:00:00Z", "end": "2026-03-03T09:00:00Z"}},
		{"POST", "/api/v1/checkins", "not json"},
		{"GET", "/api/v1/checkins/due?work_start=18:00&work_end=09:00", nil},
	}
	for _, tt := range tests {
		s.must(400, tt.method, tt.path, tt.body)
	}
}

// TestV1CheckinsDueDuringTheDay: over a working day without check-ins,
// some prompt falls due, for one of the schedule's reasons.
func TestV1CheckinsDueDuringTheDay(t *testing.T) {
	s, _ := newFlowServer(t)
	reasons := map[string]bool{}
	for at := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC); at.Hour() < 16; at = at.Add(10 * time.Minute) {
		var due struct {
			Due    bool `json:"due"`
			Prompt *struct {
				Reason    string `json:"reason"`
				Questions []any  `json:"questions"`
			} `json:"prompt"`
		}
		s.must(200, "GET", "/api/v1/checkins/due?tz=Europe/Berlin&at="+at.Format(time.RFC3339), nil).json(t, &due)
		if due.Due {
			if due.Prompt == nil || len(due.Prompt.Questions) == 0 {
				t.Fatalf("due without a prompt at %s", at)
			}
			reasons[due.Prompt.Reason] = true
		}
	}
	if len(reasons) == 0 {
		t.Fatal("no prompt due in a whole working day")
	}
	for r := range reasons {
		if r != "session_end" && r != "afk_return" && r != "uncertain" && r != "random" {
			t.Errorf("unknown reason %q", r)
		}
	}
	t.Logf("reasons seen: %v", reasons)
}
