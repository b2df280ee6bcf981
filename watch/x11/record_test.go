package x11

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/x11/x11test"
	"github.com/jezek/xgb/xproto"
)

// classCounter is an InputRecorder that keeps per-class counts.
type classCounter struct {
	mu      sync.Mutex
	classes map[watch.KeyClass]int
	clicks  int
	scrollY int
	scrolls int
	moves   int
}

func (c *classCounter) Key(k watch.KeyClass, _ time.Duration) {
	c.mu.Lock()
	c.classes[k]++
	c.mu.Unlock()
}
func (c *classCounter) Click()           { c.mu.Lock(); c.clicks++; c.mu.Unlock() }
func (c *classCounter) Scroll(_, dy int) { c.mu.Lock(); c.scrollY += dy; c.scrolls++; c.mu.Unlock() }
func (c *classCounter) MoveTo(_, _ int)  { c.mu.Lock(); c.moves++; c.mu.Unlock() }
func (c *classCounter) scrollCount() int { c.mu.Lock(); defer c.mu.Unlock(); return c.scrolls }
func (c *classCounter) total() (n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range c.classes {
		n += v
	}
	return n
}

func TestRecordInputClassifiesXdotoolInput(t *testing.T) {
	display := x11test.StartXvfb(t)
	src := newSource(t, display)
	rec := &classCounter{classes: map[watch.KeyClass]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- src.RecordInput(ctx, rec) }()
	// Wait until recording runs: x11test.Xdotool keys until one is seen.
	for deadline := time.Now().Add(5 * time.Second); rec.total() == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("RECORD saw no key within 5 s")
		}
		x11test.Xdotool(t, display, "key", "Shift_L")
	}
	warmup := rec.total()
	x11test.Xdotool(t, display, "type", "--delay", "20", "hello world 42")
	x11test.Xdotool(t, display, "key", "BackSpace", "BackSpace", "Delete", "Left", "Home", "ctrl+s", "Return")
	x11test.Xdotool(t, display, "mousemove", "100", "100", "mousemove", "400", "300", "click", "1", "click", "3", "click", "5", "click", "5", "click", "4")
	// RECORD may lag behind xdotool: wait for the last events, three scrolls.
	for deadline := time.Now().Add(5 * time.Second); rec.scrollCount() < 3 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RecordInput: %v", err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	want := map[watch.KeyClass]int{
		watch.KeyAlnum:      12, // helloworld42
		watch.KeySpace:      2,
		watch.KeyCorrection: 3,
		watch.KeyNavigation: 2,
		watch.KeyShortcut:   1,          // the s of ctrl+s
		watch.KeyOther:      1,          // Return
		watch.KeyModifier:   1 + warmup, // Control_L, plus the warm-up Shift_L presses
	}
	for k, n := range want {
		if rec.classes[k] != n {
			t.Errorf("class %v: got %d presses, want %d", k, rec.classes[k], n)
		}
	}
	if rec.clicks != 2 || rec.scrollY != 1 || rec.moves == 0 {
		t.Errorf("clicks, scrollY, moves = %d, %d, %d; want 2, 1 (two down, one up), > 0", rec.clicks, rec.scrollY, rec.moves)
	}
}

// TestWatchersUnderXvfb runs the three watchers against a real X server
// with openbox and checks what they store: windows and titles, AFK
// transitions (idle past a 3 s threshold, then the screensaver), input
// counts by class, and no key identity anywhere.
func TestWatchersUnderXvfb(t *testing.T) {
	display := x11test.StartXvfb(t)
	x11test.StartWM(t, display)
	src := newSource(t, display)
	c := x11test.Dial(t, display)
	editor := x11test.NewWindow(t, c, "AttnEditor", "notes.md — 笔记", "")
	browser := x11test.NewWindow(t, c, "AttnBrowser", "Inbox (3) — ann@example.com", "")
	x11test.Activate(t, display, editor)
	expectWindow(t, src, watch.Window{App: "AttnEditor", Title: "notes.md — 笔记"})

	x11test.Xdotool(t, display, "mousemove", "5", "5") // input now: the watchers start not AFK
	sink := watch.NewMemorySink()
	cfg := watch.Config{Host: "testhost", Poll: 100 * time.Millisecond, Bin: 500 * time.Millisecond,
		AFK: watch.AFKConfig{Timeout: 3 * time.Second}}
	w := watch.New(cfg, sink, watch.DefaultPrivacy(), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, watch.Sources{Window: src, Idle: src, Input: src}) }()
	winID, afkID, inputID := w.BucketIDs()

	x11test.WaitFor(t, "the editor window", func() bool { return lastApp(sink.Events(winID)) == "AttnEditor" })
	time.Sleep(300 * time.Millisecond) // let the input recorder start
	x11test.Xdotool(t, display, "type", "--delay", "30", "secret words")
	x11test.Xdotool(t, display, "key", "BackSpace", "ctrl+z")
	x11test.Activate(t, display, browser)
	x11test.WaitFor(t, "the browser window", func() bool { return lastApp(sink.Events(winID)) == "AttnBrowser" })
	x11test.WaitFor(t, "afk after the idle threshold", func() bool { return lastStatus(sink.Events(afkID)) == watch.StatusAFK })
	x11test.Xdotool(t, display, "mousemove", "200", "200")
	x11test.WaitFor(t, "not-afk after input", func() bool { return lastStatus(sink.Events(afkID)) == watch.StatusNotAFK })
	x11test.Xdotool(t, display, "mousemove", "210", "220") // input, then the screensaver locks at once
	if err := xproto.ForceScreenSaverChecked(c, xproto.ScreenSaverActive).Check(); err != nil {
		t.Fatalf("activate the screensaver: %v", err)
	}
	x11test.WaitFor(t, "afk under the screensaver", func() bool { return lastStatus(sink.Events(afkID)) == watch.StatusAFK })
	time.Sleep(cfg.Bin + 200*time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	checkWindows(t, sink.Events(winID))
	checkAFK(t, sink.Events(afkID))
	checkInput(t, sink.Events(inputID))
	checkNoKeyIdentity(t, sink, winID, afkID, inputID)
}

func checkWindows(t *testing.T, evs []attnflow.Event) {
	t.Helper()
	var seq []string
	for _, e := range evs {
		s := e.Data["app"].(string) + "|" + e.Data["title"].(string)
		if len(seq) == 0 || seq[len(seq)-1] != s {
			seq = append(seq, s)
		}
	}
	want := []string{"AttnEditor|notes.md — 笔记", "AttnBrowser|Inbox (3) — [redacted]"}
	if !slices.Equal(seq, want) {
		t.Errorf("window sequence = %q, want %q", seq, want)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Timestamp.Before(evs[i-1].End()) {
			t.Errorf("window event %d overlaps the previous one", i)
		}
	}
}

func checkAFK(t *testing.T, evs []attnflow.Event) {
	t.Helper()
	var seq []string
	for i, e := range evs {
		s := e.Data["status"].(string)
		if len(seq) == 0 || seq[len(seq)-1] != s {
			seq = append(seq, s)
		}
		if i > 0 && e.Timestamp.Before(evs[i-1].End()) {
			t.Errorf("afk event %d %v overlaps %v", i, e, evs[i-1])
		}
	}
	want := []string{"not-afk", "afk", "not-afk", "afk"}
	if !slices.Equal(seq, want) {
		t.Errorf("afk sequence = %q, want %q", seq, want)
	}
}

func checkInput(t *testing.T, evs []attnflow.Event) {
	t.Helper()
	sum := map[string]float64{}
	for _, e := range evs {
		b, _ := json.Marshal(e) // as stored: numbers only
		var back attnflow.Event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		for k, v := range back.Data {
			f, _ := v.(float64)
			sum[k] += f
		}
	}
	want := map[string]float64{"keysAlnum": 11, "keysSpace": 1, "keysCorrection": 1, "keysShortcut": 1, "keysModifier": 1}
	for k, n := range want {
		if sum[k] != n {
			t.Errorf("%s = %v, want %v (sums %v)", k, sum[k], n, sum)
		}
	}
	if sum["presses"] != 15 || sum["deltaX"] == 0 || sum["ikiCount"] < 9 {
		t.Errorf("presses, deltaX, ikiCount = %v, %v, %v; want 15, > 0, >= 9", sum["presses"], sum["deltaX"], sum["ikiCount"])
	}
}

// checkNoKeyIdentity proves that nothing of which key was pressed reaches
// the sink: input data has only the documented numeric keys, and the text
// typed appears nowhere in any stored event.
func checkNoKeyIdentity(t *testing.T, sink *watch.MemorySink, buckets ...string) {
	t.Helper()
	allowed := map[string]bool{}
	for _, k := range watch.InputDataKeys() {
		allowed[k] = true
	}
	for _, e := range sink.Events(buckets[2]) {
		for k, v := range e.Data {
			if _, isNum := v.(int); !allowed[k] || !(isNum || isFloat(v)) {
				t.Errorf("input event has %q = %#v: only numeric counts are allowed", k, v)
			}
		}
	}
	var all strings.Builder
	for _, id := range buckets {
		b, _ := json.Marshal(sink.Events(id))
		all.Write(b)
	}
	for _, leak := range []string{"secret", "words", "BackSpace", "Control", "ctrl", "keycode", "keysym", "\"z\"", "\"s\""} {
		if strings.Contains(all.String(), leak) {
			t.Errorf("stored events contain %q", leak)
		}
	}
}

func isFloat(v any) bool { _, ok := v.(float64); return ok }

func lastApp(evs []attnflow.Event) string {
	if len(evs) == 0 {
		return ""
	}
	s, _ := evs[len(evs)-1].Data["app"].(string)
	return s
}

func lastStatus(evs []attnflow.Event) string {
	if len(evs) == 0 {
		return ""
	}
	s, _ := evs[len(evs)-1].Data["status"].(string)
	return s
}
