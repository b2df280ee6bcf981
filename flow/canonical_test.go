package flow

import (
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

type segWant struct {
	a, b     float64
	app, cat string
}

func checkSegs(t *testing.T, got []Segment, want []segWant) {
	t.Helper()
	if len(got) != len(want) {
		for _, s := range got {
			t.Logf("  %v–%v %s %q %s", s.Start.Sub(t0).Minutes(), s.End.Sub(t0).Minutes(), s.App, s.Title, s.Category)
		}
		t.Fatalf("got %d segments, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if !g.Start.Equal(at(w.a)) || !g.End.Equal(at(w.b)) || g.App != w.app || (w.cat != "" && g.Category != w.cat) {
			t.Errorf("segment %d = %v–%v %s %s, want %v–%v %s %s", i,
				g.Start.Sub(t0).Minutes(), g.End.Sub(t0).Minutes(), g.App, g.Category, w.a, w.b, w.app, w.cat)
		}
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		name  string
		hosts []Sources
		want  []segWant
		note  string
	}{{
		// AFK from minute 15 cuts the terminal window at 15; the 2 s gap at
		// minute 10 is flooded (midpoint: 1 s each side).
		name: "not-afk intersect and flood",
		hosts: []Sources{{Host: "h",
			Window: []attnflow.Event{win(0, 10-1.0/60, "GoLand", "main.go"), win(10+1.0/60, 20, "Slack", "general")},
			AFK:    []attnflow.Event{afk(0, 15, "not-afk"), afk(15, 20, "afk")}}},
		want: []segWant{{0, 10, "GoLand", "Work > Programming"}, {10, 15, "Slack", "Communication > Chat"}},
	}, {
		// The browser window takes its tab's title and URL where the tab
		// event covers it (minutes 2–8); elsewhere it keeps the window title.
		name: "browser tabs merged",
		hosts: []Sources{{Host: "h",
			Window: []attnflow.Event{win(0, 10, "firefox", "Mozilla Firefox")},
			AFK:    []attnflow.Event{afk(0, 10, "not-afk")},
			Web:    []attnflow.Event{ev(2, 8, "url", "https://www.reddit.com/r/golang", "title", "r/golang", "audible", false)}}},
		want: []segWant{{0, 2, "firefox", "Uncategorized"}, {2, 8, "firefox", "Social media"}, {8, 10, "firefox", "Uncategorized"}},
	}, {
		// Video stays active while AFK (always-active rule); the editor
		// does not.
		name: "always active video",
		hosts: []Sources{{Host: "h",
			Window: []attnflow.Event{win(0, 5, "code", "x.go"), win(5, 30, "mpv", "film.mkv")},
			AFK:    []attnflow.Event{afk(0, 3, "not-afk"), afk(3, 30, "afk")}}},
		want: []segWant{{0, 3, "code", "Work > Programming"}, {5, 30, "mpv", "Entertainment > Video"}},
	}, {
		// A second host's activity inside the first's wins while it lasts
		// (it started later); the first resumes after it.
		name: "two hosts",
		hosts: []Sources{
			{Host: "desk", Window: []attnflow.Event{win(0, 30, "GoLand", "a.go")}, AFK: []attnflow.Event{afk(0, 30, "not-afk")}},
			{Host: "laptop", Window: []attnflow.Event{win(10, 12, "Thunderbird", "Inbox")}, AFK: []attnflow.Event{afk(10, 12, "not-afk")}}},
		want: []segWant{{0, 10, "GoLand", ""}, {10, 12, "Thunderbird", "Communication > Email"}, {12, 30, "GoLand", ""}},
	}, {
		name:  "missing AFK bucket is explained",
		hosts: []Sources{{Host: "h", Window: []attnflow.Event{win(0, 5, "GoLand", "a.go")}}},
		want:  []segWant{{0, 5, "GoLand", ""}},
		note:  "no AFK events",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act, err := Canonical(tt.hosts, dayRange(), DefaultCategories(), Config{})
			if err != nil {
				t.Fatal(err)
			}
			checkSegs(t, act.Segments, tt.want)
			if tt.note != "" && !strings.Contains(strings.Join(act.Notes, "\n"), tt.note) {
				t.Errorf("notes = %q, want one containing %q", act.Notes, tt.note)
			}
		})
	}
}

func TestCanonicalBadInput(t *testing.T) {
	// Out of order, overlapping, negative and future events: no panic, no
	// negative duration, nothing outside the range.
	r := attnflow.TimeRange{Start: at(0), End: at(60)}
	events := []attnflow.Event{win(30, 40, "b", ""), win(0, 35, "a", ""), win(50, 500, "c", ""),
		{Timestamp: at(5), Duration: -time.Minute, Data: attnflow.Data{"app": "neg"}}}
	act, err := Canonical([]Sources{{Host: "h", Window: events, AFK: []attnflow.Event{afk(0, 600, "not-afk")}}}, r, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range act.Segments {
		if s.End.Before(s.Start) || s.Start.Before(r.Start) || s.End.After(r.End) {
			t.Errorf("segment %d %v–%v is invalid", i, s.Start, s.End)
		}
		if i > 0 && s.Start.Before(act.Segments[i-1].End) {
			t.Errorf("segments %d and %d overlap", i-1, i)
		}
	}
	if !strings.Contains(strings.Join(act.Notes, ";"), "bad duration") {
		t.Errorf("notes = %q, want the negative event explained", act.Notes)
	}
}

func TestCategories(t *testing.T) {
	c := DefaultCategories()
	segs := []Segment{{App: "GoLand"}, {App: "firefox", URL: "https://www.youtube.com/watch"}, {App: "Slack"}, {App: "xyz"}}
	c.categorize(segs)
	want := []struct {
		cat   string
		score float64
	}{{"Work > Programming", 2}, {"Entertainment > Video", -2}, {"Communication > Chat", 0}, {Uncategorized, 0}}
	for i, w := range want {
		if segs[i].Category != w.cat || segs[i].Score != w.score {
			t.Errorf("%s: got %s %v, want %s %v", segs[i].App, segs[i].Category, segs[i].Score, w.cat, w.score)
		}
	}
	// A child without a score inherits its parent's.
	c2, err := ParseClasses([]byte(`[{"name":["Work"],"rule":{"type":"none"},"data":{"score":1.5}},{"name":["Work","Code"],"rule":{"type":"regex","regex":"vim"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	if got := c2.Score("Work > Code"); got != 1.5 {
		t.Errorf("inherited score = %v, want 1.5", got)
	}
	for _, bad := range []string{`{}`, `[{"name":[],"rule":{"type":"none"}}]`, `[{"name":["X"],"rule":{"type":"regex","regex":"("}}]`, `[{"name":["X"],"data":{"score":3}}]`} {
		if _, err := ParseClasses([]byte(bad)); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("ParseClasses(%s) error = %v, want EINVALID", bad, err)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tt := range []struct {
		cfg   Config
		field string
	}{
		{Config{Window: time.Millisecond}, "window"},
		{Config{Session: SessionConfig{MinFocusShare: 1.5}}, "session.min_focus_share"},
		{Config{DayStart: 30 * time.Hour}, "day_start"},
		{Config{AlwaysActive: "("}, "always_active"},
	} {
		err := tt.cfg.Validate()
		if attnflow.ErrorCode(err) != attnflow.EINVALID || !strings.Contains(err.Error(), tt.field) {
			t.Errorf("Validate() = %v, want EINVALID naming %s", err, tt.field)
		}
	}
}
