package awimport

import (
	"strings"
	"testing"
	"time"
)

func TestRenderProgress(t *testing.T) {
	tests := []struct {
		name        string
		done, total int
		elapsed     time.Duration
		final       bool
		want        string
	}{
		{"unknown total", 12345, 0, 2 * time.Second, false, "checking 12,345 events, 6,172/s"},
		{"half way", 500000, 1000000, 5 * time.Second, false,
			"checking [============            ]  50% 500,000/1,000,000 events, 100,000/s, 5s left"},
		{"done", 1000000, 1000000, 12500 * time.Millisecond, true,
			"checking [========================] 100% 1,000,000/1,000,000 events, 80,000/s, done in 13s"},
		{"nothing yet", 0, 10, 0, false, "checking [                        ]   0% 0/10 events"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderProgress("checking", "events", tc.done, tc.total, tc.elapsed, tc.final)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// fakeClock advances by step on every reading.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time { c.t = c.t.Add(c.step); return c.t }

func TestBarTerminalRedrawsOneLine(t *testing.T) {
	var out strings.Builder
	clk := &fakeClock{t: time.Unix(0, 0), step: time.Second}
	b := NewBar(&out, true, "events", clk.now)
	b.Start("importing", 3)
	b.Add(1)
	b.Add(1)
	b.Finish()
	got := out.String()
	if strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\x1b[K\n") {
		t.Errorf("terminal output %q: want lines redrawn with \\r and one final newline", got)
	}
	if n := strings.Count(got, "\r"); n != 3 {
		t.Errorf("terminal output has %d redraws, want 3: %q", n, got)
	}
}

func TestBarPlainWritesLinesNotTooOften(t *testing.T) {
	var out strings.Builder
	clk := &fakeClock{t: time.Unix(0, 0), step: 500 * time.Millisecond}
	b := NewBar(&out, false, "events", clk.now)
	b.Start("importing", 100)
	for i := 0; i < 10; i++ {
		b.Add(10) // 5 s in all: a line every 2 s
	}
	b.Finish()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 2 progress lines and a final one:\n%s", len(lines), out.String())
	}
	if strings.ContainsAny(out.String(), "\r\x1b") {
		t.Errorf("plain output has terminal controls: %q", out.String())
	}
	if !strings.Contains(lines[2], "100/100 events") || !strings.Contains(lines[2], "done in") {
		t.Errorf("final line = %q", lines[2])
	}
}
