package watch

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// afkStep is one poll: seconds on the wall and monotonic clocks since t0,
// the idle seconds the source reports, whether the screen is locked, and
// the heartbeats expected as "status@start+duration" in seconds since t0.
type afkStep struct {
	wall, mono, idle float64
	locked           bool
	want             string
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func fmtEvents(evs []attnflow.Event) string {
	parts := make([]string, len(evs))
	for i, e := range evs {
		parts[i] = fmt.Sprintf("%s@%g+%g", e.Data["status"], e.Timestamp.Sub(t0).Seconds(), e.Duration.Seconds())
	}
	return strings.Join(parts, " ")
}

func TestAFKStateMachine(t *testing.T) {
	tests := []struct {
		name      string
		notBefore time.Duration
		steps     []afkStep
	}{
		{"active typing extends not-afk to the last input", 0, []afkStep{
			{10, 10, 0, false, "not-afk@10+0"},
			{11, 11, 0.5, false, "not-afk@10.5+0"},
			{12, 12, 2, false, "not-afk@10.5+0"},
		}},
		{"idle past the timeout becomes afk from the last input", 0, []afkStep{
			{10, 10, 0, false, "not-afk@10+0"},
			{69, 69, 59, false, "not-afk@10+0"},
			{70, 70, 60, false, "not-afk@10+0 afk@10.001+59.999"},
			{75, 75, 65, false, "afk@10.001+64.999"},
		}},
		{"input after afk closes afk at the input and resumes", 0, []afkStep{
			{0, 0, 0, false, "not-afk@0+0"},
			{61, 61, 61, false, "not-afk@0+0 afk@0.001+60.999"},
			{100, 100, 2, false, "afk@0.001+97.999 not-afk@98.001+0"},
			{101, 101, 0, false, "not-afk@101+0"},
		}},
		{"locked screen is afk at once, even with input", 0, []afkStep{
			{5, 5, 1, false, "not-afk@4+0"},
			{6, 6, 0, true, "not-afk@6+0 afk@6.001+0"},
			{8, 8, 0.5, true, "afk@6.001+1.999"},
			{9, 9, 0.2, false, "afk@6.001+2.799 not-afk@8.801+0"},
		}},
		{"suspend counts as afk until input after the wake", 0, []afkStep{
			{10, 10, 1, false, "not-afk@9+0"},
			// Slept for 3600 s; the X idle counter did not count the sleep.
			{3611, 11, 2, false, "not-afk@9+0 afk@9.001+3601.999"},
			{3612, 12, 3, false, "afk@9.001+3602.999"},
			{3615, 15, 0.5, false, "afk@9.001+3605.499 not-afk@3614.501+0"},
		}},
		{"wall clock going back never moves events back", 0, []afkStep{
			{100, 100, 0, false, "not-afk@100+0"},
			{50, 101, 0, false, "not-afk@100+0"},
			{51, 102, 70, false, "not-afk@100+0"},
		}},
		{"after a pause nothing starts before its end", 100 * time.Second, []afkStep{
			{100, 100, 90, false, "not-afk@100+0 afk@100+0"},
			{105, 105, 95, false, "afk@100+5"},
			{106, 106, 0.5, false, "afk@100+5.5 not-afk@105.501+0"},
		}},
		{"short suspend is still afk", 0, []afkStep{
			{10, 10, 0, false, "not-afk@10+0"},
			{41, 11, 1, false, "not-afk@10+0 afk@10.001+30.999"},
			{42, 12, 0, false, "afk@10.001+31.999 not-afk@42.001+0"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewAFK(AFKConfig{Timeout: time.Minute})
			m.NotBefore(t0.Add(tt.notBefore))
			for i, s := range tt.steps {
				r := ClockReading{Wall: t0.Add(secs(s.wall)), Mono: secs(s.mono)}
				got := fmtEvents(m.Step(r, IdleInfo{Idle: secs(s.idle), Locked: s.locked}))
				if got != s.want {
					t.Errorf("step %d: got %q, want %q", i, got, s.want)
				}
			}
		})
	}
}

// TestAFKNeverOverlaps feeds random-ish readings with clock jumps and
// checks the events, merged by the heartbeat rule, never overlap and
// never have negative durations.
func TestAFKNeverOverlaps(t *testing.T) {
	m := NewAFK(AFKConfig{Timeout: 20 * time.Second})
	var stored []attnflow.Event
	wall, mono := t0, time.Duration(0)
	idle := time.Duration(0)
	for i := range 2000 {
		step := time.Second
		mono += step
		switch {
		case i%97 == 0:
			wall = wall.Add(-30 * time.Second) // NTP step back
		case i%131 == 0:
			wall = wall.Add(time.Hour) // suspend
		default:
			wall = wall.Add(step)
		}
		if i%7 < 3 {
			idle = time.Duration(i%3) * 100 * time.Millisecond
		} else {
			idle += step
		}
		for _, hb := range m.Step(ClockReading{Wall: wall, Mono: mono}, IdleInfo{Idle: idle, Locked: i%211 < 5}) {
			if hb.Duration < 0 {
				t.Fatalf("step %d: negative duration %v", i, hb.Duration)
			}
			stored = applyHeartbeat(stored, hb, m.Pulsetime(time.Second))
		}
	}
	for i := 1; i < len(stored); i++ {
		if stored[i].Timestamp.Before(stored[i-1].End()) {
			t.Fatalf("event %d %v overlaps event %d %v", i, stored[i], i-1, stored[i-1])
		}
	}
	if len(stored) < 10 {
		t.Fatalf("got %d events, want many transitions", len(stored))
	}
}

// applyHeartbeat is the server's heartbeat rule over an in-memory bucket.
func applyHeartbeat(evs []attnflow.Event, hb attnflow.Event, pulse time.Duration) []attnflow.Event {
	if n := len(evs); n > 0 {
		if merged, ok := attnflow.MergeHeartbeat(evs[n-1], hb, pulse); ok {
			evs[n-1] = merged
			return evs
		}
	}
	return append(evs, hb)
}

func fmtWindows(evs []attnflow.Event) string {
	parts := make([]string, len(evs))
	for i, e := range evs {
		parts[i] = fmt.Sprintf("%s|%s@%g+%g", e.Data["app"], e.Data["title"], e.Timestamp.Sub(t0).Seconds(), e.Duration.Seconds())
	}
	return strings.Join(parts, " ")
}
