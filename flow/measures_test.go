package flow

import (
	"testing"
	"time"
)

func TestSessions(t *testing.T) {
	cfg := DefaultConfig()
	tests := []struct {
		name string
		segs []Segment
		want [][2]float64 // start, end minutes
	}{
		// 30 min code, 3 min chat, 7 min code: one session 0–40 with focus
		// share 37/40 = 0.925 ≥ 0.8; the chat (3 min ≤ 5) does not end it.
		{"short interruption", []Segment{seg(0, 30, "code", 2), seg(30, 33, "chat", 0), seg(33, 40, "code", 2)}, [][2]float64{{0, 40}}},
		// 6 min away (> 5) ends the first block at 20 (< 25 min, dropped);
		// the second block 26–56 is 30 min: kept.
		{"away ends it", []Segment{seg(0, 20, "code", 2), seg(26, 56, "code", 2)}, [][2]float64{{26, 56}}},
		// 6 min of video ends the session at 30; the video is not part of it.
		{"long distraction", []Segment{seg(0, 30, "code", 2), seg(30, 36, "video", -2), seg(36, 40, "code", 2)}, [][2]float64{{0, 30}}},
		// 24 min is shorter than 25.
		{"too short", []Segment{seg(0, 24, "code", 2)}, nil},
		// 5-min chats every 10 min: focus share 25/40 < 0.8 → no session,
		// although it lasts 40 min.
		{"too fragmented", []Segment{seg(0, 5, "code", 2), seg(5, 10, "chat", 0), seg(10, 15, "code", 2), seg(15, 20, "chat", 0),
			seg(20, 25, "code", 2), seg(25, 30, "chat", 0), seg(30, 40, "code", 2)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sessions(tt.segs, cfg)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sessions %+v, want %v", len(got), got, tt.want)
			}
			for i, w := range tt.want {
				if !got[i].Start.Equal(at(w[0])) || !got[i].End.Equal(at(w[1])) {
					t.Errorf("session %d = %v–%v, want %v–%v", i, got[i].Start.Sub(t0).Minutes(), got[i].End.Sub(t0).Minutes(), w[0], w[1])
				}
			}
		})
	}
}

func TestRunsSwitchesSpanRecovery(t *testing.T) {
	cfg := DefaultConfig()
	// code 0–1, chat 1–1.5, code 1.5–3, away 3–10 (a break), code 10–11,
	// twitter 11–13, mail 13–14, code 14–20.
	segs := []Segment{seg(0, 1, "code", 2), seg(1, 1.5, "chat", 0), seg(1.5, 3, "code", 2),
		seg(10, 11, "code", 2), seg(11, 13, "twitter", -2), seg(13, 14, "mail", 0), seg(14, 20, "code", 2)}
	runs := Runs(segs, cfg)
	// Dwells (s): 60, 30, 90, 60, 120, 60, 360.
	wantDwell := []float64{60, 30, 90, 60, 120, 60, 360}
	if len(runs) != len(wantDwell) {
		t.Fatalf("got %d runs, want %d", len(runs), len(wantDwell))
	}
	for i, w := range wantDwell {
		if runs[i].Dwell().Seconds() != w {
			t.Errorf("run %d dwell = %v, want %v", i, runs[i].Dwell().Seconds(), w)
		}
	}
	// Switches: code→chat, chat→code, code→twitter, twitter→mail,
	// mail→code = 5; code→code across the break is neither.
	if sw := Switches(runs, cfg); len(sw) != 5 {
		t.Errorf("switches = %d, want 5", len(sw))
	}
	if b := Breaks(runs, cfg); len(b) != 1 || b[0].End.Sub(b[0].Start) != 7*time.Minute {
		t.Errorf("breaks = %+v, want one of 7 min", b)
	}
	// Recoveries: code→chat at 1 back at 1.5 (30 s); code→twitter at 11
	// back at 14 (180 s).
	rec, un := recoveries(runs, cfg)
	if len(rec) != 2 || rec[0] != 30 || rec[1] != 180 || un != 0 {
		t.Errorf("recoveries = %v, unrecovered %d; want [30 180], 0", rec, un)
	}
	g := TransitionGraph(runs, cfg)
	if len(g.Edges) != 5 || g.Nodes[0].Name != "code" || g.Nodes[0].Seconds != 570 {
		t.Errorf("graph = %+v", g)
	}
}

func TestComputeDayMeasures(t *testing.T) {
	// A morning: 40 min GoLand, 2 min Slack, 30 min GoLand, then 10 min
	// YouTube, all active. Sessions: 0–72 (70 focus / 72 active).
	in := Input{Hosts: []Sources{{Host: "h",
		Window: eventsOf(win(0, 40, "GoLand", "a.go"), win(40, 42, "Slack", "dm"), win(42, 72, "GoLand", "a.go"), win(72, 82, "firefox", "YouTube - Firefox")),
		AFK:    eventsOf(afk(0, 82, "not-afk"))}},
		Input: eventsOf(ev(0, 1, "presses", 60.0, "clicks", 4.0, "deltaX", 300.0, "deltaY", 400.0))}
	d, err := ComputeDay(in, "2026-03-02", nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	m := d.Measures
	near(t, "active", m.ActiveSec, 82*60, 0)
	near(t, "focus", m.FocusSec, 70*60, 0)
	if m.Sessions != 1 || m.Switches != 3 {
		t.Errorf("sessions %d switches %d, want 1 and 3", m.Sessions, m.Switches)
	}
	near(t, "deep work ratio", m.DeepWorkRatio, 72.0/82, 1e-9)
	near(t, "switches/h", m.SwitchesPerHour, 3/(82.0/60), 1e-9)
	// Dwells 40, 2, 30, 10 min: median 20 min, mean 20.5 min.
	near(t, "span median", m.SpanMedianSec, 20*60, 1e-9)
	near(t, "span mean", m.SpanMeanSec, 20.5*60, 1e-9)
	// Pulse: (70·2 + 2·0 + 10·(−2))/82 = 1.4634; (1.4634+2)/4·100.
	near(t, "pulse", m.Pulse, (120.0/82+2)/4*100, 1e-9)
	w := d.Windows[9*60] // 09:00 UTC
	if w.Presses != 60 || w.KeysPerMin != 60 || w.PointerPx != 500 || w.DominantApp != "GoLand" || !w.Focus || !w.InSession {
		t.Errorf("window 09:00 = %+v", w)
	}
	if got := d.Windows[9*60+40]; got.Switches != 1 || got.DominantCategory != "Communication > Chat" {
		t.Errorf("window 09:41 = %+v, want the Slack switch", got)
	}
	// 09:50: continuous work since 09:00.
	near(t, "continuous work", d.Windows[9*60+50].ContinuousWorkSec, 51*60, 0)
}

func TestDayRange(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cfg := Config{Location: berlin, DayStart: 4 * time.Hour}
	// Clocks go forward at 02:00 on 2026-03-29 in Berlin: with days from
	// 04:00, the day of 03-28 (04:00 CET to 04:00 CEST) is 23 h long and
	// the day of 03-29 starts at 02:00 UTC.
	short, err := DayRange("2026-03-28", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := short.End.Sub(short.Start); got != 23*time.Hour {
		t.Errorf("DST day length = %v, want 23h", got)
	}
	r, _ := DayRange("2026-03-29", cfg)
	if want := time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC); !r.Start.Equal(want) || r.End.Sub(r.Start) != 24*time.Hour {
		t.Errorf("range = %v, want 24 h from %v (04:00 CEST)", r, want)
	}
	// 01:30 local belongs to the previous day with a 04:00 start.
	if got := DateOf(time.Date(2026, 3, 3, 0, 30, 0, 0, time.UTC), cfg); got != "2026-03-02" {
		t.Errorf("DateOf(01:30 CET) = %s, want 2026-03-02", got)
	}
	if ds := Dates(r, cfg); len(ds) != 1 || ds[0] != "2026-03-29" {
		t.Errorf("Dates = %v", ds)
	}
	if _, err := DayRange("03/29/2026", cfg); err == nil {
		t.Error("bad date accepted")
	}
}

func TestCapacityPooling(t *testing.T) {
	// Monday 10:00: 60 focus windows of 60; Monday 14:00: 0 of 60;
	// Tuesday 10:00 has no data and is pulled to the 10:00 mean.
	var d Day
	for i := 0; i < 60; i++ {
		d.Windows = append(d.Windows,
			Window{Weekday: 1, Hour: 10, ActiveSec: 60, Focus: true},
			Window{Weekday: 1, Hour: 14, ActiveSec: 60, Focus: false})
	}
	c := CapacityProfile([]Day{d}, Config{})
	hi, lo, tue := c.Week[24+10], c.Week[24+14], c.Week[48+10]
	// 60 windows are 12 five-minute blocks: 12 of 12 against a prior of 8
	// pseudo-observations at the overall mean 0.5 gives (12+4.5)/(12+9)
	// = 0.79 for 10:00, and Monday 10:00 is pulled toward that.
	near(t, "10:00 mean", c.Day[10].Mean, 16.5/21, 1e-9)
	if !(hi.Mean > 0.8 && lo.Mean < 0.2) {
		t.Errorf("means %v, %v; want > 0.8 and < 0.2", hi.Mean, lo.Mean)
	}
	for _, cell := range []CapacityCell{hi, lo, tue} {
		if !(cell.Lo <= cell.Mean && cell.Mean <= cell.Hi) {
			t.Errorf("cell %+v: interval does not contain the mean", cell)
		}
	}
	if tue.ActiveWindows != 0 || tue.Mean < 0.7 || tue.Hi-tue.Lo < hi.Hi-hi.Lo {
		t.Errorf("unobserved Tuesday 10:00 = %+v, want pooled toward 10:00 with a wider interval than %+v", tue, hi)
	}
	if len(c.PeakHours) == 0 || c.PeakHours[0] != 10 {
		t.Errorf("peak hours = %v, want 10 first", c.PeakHours)
	}
}

func TestDayCache(t *testing.T) {
	c := NewDayCache(0)
	c.Put("2026-03-02", "sig1", Day{Date: "2026-03-02"})
	if _, ok := c.Get("2026-03-02", "sig1"); !ok {
		t.Error("miss after put")
	}
	if _, ok := c.Get("2026-03-02", "sig2"); ok {
		t.Error("hit with another signature")
	}
	c.Invalidate(attnflow_range(at(60), at(61)), Config{})
	if _, ok := c.Get("2026-03-02", "sig1"); ok {
		t.Error("hit after invalidation")
	}
}

func TestSummarizeAndWeeks(t *testing.T) {
	mk := func(date string, dwells []float64, active float64, switches int) Day {
		return Day{Date: date, Measures: Measures{ActiveSec: active, Switches: switches}, samples: samples{Dwells: dwells}}
	}
	days := []Day{mk("2026-03-01", []float64{10, 20}, 3600, 2), mk("2026-03-02", []float64{30}, 3600, 4), mk("2026-03-03", []float64{40, 50}, 1800, 1)}
	s := Summarize(days)
	// All dwells 10..50: median 30; switches 7 over 2.5 h.
	if s.Measures.SpanMedianSec != 30 || s.Measures.Switches != 7 || s.Measures.SwitchesPerHour != 7/2.5 {
		t.Errorf("summary = %+v", s.Measures)
	}
	// 2026-03-01 is a Sunday: weeks are Mon–Sun, so two weeks.
	if w := Weeks(days); len(w) != 2 || w[0].Days != 1 || w[1].From != "2026-03-02" {
		t.Errorf("weeks = %+v", w)
	}
}
