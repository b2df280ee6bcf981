package watch

import (
	"context"
	"regexp"
	"sync"
	"testing"
	"time"
)

// scriptedWindows is a WindowSource driven step by step: each change
// signal is answered with the window the test hands over.
type scriptedWindows struct {
	changes chan struct{}
	answers chan Window
}

func (s *scriptedWindows) ActiveWindow(ctx context.Context) (Window, error) {
	select {
	case w := <-s.answers:
		return w, nil
	case <-ctx.Done():
		return Window{}, ctx.Err()
	}
}

func (s *scriptedWindows) WindowChanges() <-chan struct{} { return s.changes }

// set signals a change and answers the watcher's read with w.
func (s *scriptedWindows) set(w Window) {
	s.changes <- struct{}{}
	s.answers <- w
}

// steppedClock advances by a fixed step at every reading.
type steppedClock struct {
	mu     sync.Mutex
	now    time.Time
	mono   time.Duration
	step   time.Duration
	jumpAt time.Duration // after this much wall time, jump
	jump   time.Duration
}

func (c *steppedClock) Read() ClockReading {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.step)
	if c.jumpAt > 0 && c.now.Sub(t0) == c.jumpAt {
		c.now = c.now.Add(c.jump) // the wall clock is set back or forward
	}
	c.mono += c.step
	return ClockReading{Wall: c.now, Mono: c.mono}
}

func TestRunWindowSwitchesExcludesAndPauses(t *testing.T) {
	src := &scriptedWindows{changes: make(chan struct{}), answers: make(chan Window)}
	sink := NewMemorySink()
	p := DefaultPrivacy()
	p.ExcludeApps = []*regexp.Regexp{regexp.MustCompile(`^Signal$`)}
	clock := &steppedClock{now: t0, step: time.Second}
	// Polls only on change; the pulsetime (poll + 1 s) merges everything.
	w := New(Config{Host: "h", Poll: time.Hour}, sink, p, clock, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.RunWindow(ctx, src) }()

	// Each step is one clock reading, a second after the previous one.
	src.set(Window{"Code", "a.go"})           // 1 s
	src.set(Window{"Code", "a.go"})           // 2 s extends Code
	src.set(Window{"Firefox", "mail a@b.io"}) // 3 s closes Code, opens Firefox
	src.set(Window{"Signal", "Alice"})        // 4 s excluded: closes Firefox
	src.set(Window{"Firefox", "mail a@b.io"}) // 5 s Firefox again
	paused := p
	paused.PausedUntil = t0.Add(time.Hour)
	w.SetPrivacy(paused)
	src.changes <- struct{}{} // 6 s paused: closes Firefox, reads nothing
	src.changes <- struct{}{} // 7 s: received once 6 s is handled
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RunWindow: %v", err)
	}
	got := fmtWindows(sink.Events("aw-watcher-window_h"))
	want := "Code|a.go@1+2 Firefox|mail [redacted]@3+3"
	if got != want {
		t.Errorf("events = %q\nwant       %q", got, want)
	}
}

func TestRunWindowClockGoingBackNeverOverlaps(t *testing.T) {
	src := &scriptedWindows{changes: make(chan struct{}), answers: make(chan Window)}
	sink := NewMemorySink()
	clock := &steppedClock{now: t0, step: time.Second, jumpAt: 3 * time.Second, jump: -time.Hour}
	w := New(Config{Host: "h", Poll: time.Hour}, sink, Privacy{}, clock, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.RunWindow(ctx, src) }()
	src.set(Window{"A", "1"}) // 1 s
	src.set(Window{"A", "1"}) // 2 s
	src.set(Window{"B", "2"}) // 3 s, then the clock goes back an hour
	src.set(Window{"A", "1"}) // "-56 min"
	src.set(Window{"A", "1"})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RunWindow: %v", err)
	}
	evs := sink.Events("aw-watcher-window_h")
	for i := 1; i < len(evs); i++ {
		if evs[i].Timestamp.Before(evs[i-1].End()) {
			t.Errorf("event %d %s overlaps the previous one; all: %s", i, fmtWindows(evs[i:i+1]), fmtWindows(evs))
		}
	}
}

// scriptedInput records a fixed burst of input, then waits for the end.
type scriptedInput struct{ keys int }

func (s scriptedInput) RecordInput(ctx context.Context, rec InputRecorder) error {
	for i := range s.keys {
		rec.Key(KeyAlnum, time.Duration(i)*100*time.Millisecond)
	}
	rec.Click()
	<-ctx.Done()
	return nil
}

func TestRunInputInsertsBinsAndHonoursPause(t *testing.T) {
	tests := []struct {
		name    string
		paused  bool
		presses int
	}{
		{"recording", false, 7},
		{"paused", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := NewMemorySink()
			p := Privacy{}
			if tt.paused {
				p.PausedUntil = time.Now().Add(time.Hour)
			}
			w := New(Config{Host: "h", Bin: 20 * time.Millisecond}, sink, p, nil, nil)
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			if err := w.RunInput(ctx, scriptedInput{keys: 7}); err != nil {
				t.Fatalf("RunInput: %v", err)
			}
			presses, clicks := 0, 0
			for _, e := range sink.Events("aw-watcher-input_h") {
				presses += e.Data["presses"].(int)
				clicks += e.Data["clicks"].(int)
				if e.Duration <= 0 {
					t.Errorf("bin %v has no duration", e)
				}
			}
			wantClicks := 1
			if tt.paused {
				wantClicks = 0
			}
			if presses != tt.presses || clicks != wantClicks {
				t.Errorf("presses, clicks = %d, %d; want %d, %d", presses, clicks, tt.presses, wantClicks)
			}
		})
	}
}
