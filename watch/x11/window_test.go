package x11

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/x11/x11test"
)

func TestActiveWindowWithWindowManager(t *testing.T) {
	display := x11test.StartXvfb(t)
	x11test.StartWM(t, display)
	src := newSource(t, display)
	c := x11test.Dial(t, display)
	ctx := context.Background()

	a := x11test.NewWindow(t, c, "AttnTestA", "Résumé — 季度报告.txt", "")
	b := x11test.NewWindow(t, c, "AttnTestB", "", "café crème") // WM_NAME only, Latin-1
	n := x11test.NewWindow(t, c, "", "", "")                    // no class, no name
	xt := x11test.NewWindow(t, c, "XTerm", "", "")
	xt.SetProperty(t, "WM_NAME", "COMPOUND_TEXT", []byte("vim \x1b%G\xe2\x80\x94 \xe7\xac\x94\xe8\xae\xb0\x1b%@ caf\xe9"))
	tests := []struct {
		name string
		win  x11test.Window
		want watch.Window
	}{
		{"UTF-8 _NET_WM_NAME", a, watch.Window{App: "AttnTestA", Title: "Résumé — 季度报告.txt"}},
		{"Latin-1 WM_NAME fallback", b, watch.Window{App: "AttnTestB", Title: "café crème"}},
		{"no class and no name", n, watch.Window{}},
		{"COMPOUND_TEXT WM_NAME (xterm)", xt, watch.Window{App: "XTerm", Title: "vim — 笔记 café"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x11test.Activate(t, display, tt.win)
			expectWindow(t, src, tt.want)
		})
	}

	t.Run("title change is signalled", func(t *testing.T) {
		x11test.Activate(t, display, a)
		if _, err := src.ActiveWindow(ctx); err != nil { // follow a's properties
			t.Fatal(err)
		}
		drain(src.WindowChanges())
		a.SetTitle(t, "second title")
		select {
		case <-src.WindowChanges():
		case <-time.After(5 * time.Second):
			t.Fatalf("no change signalled within 5 s")
		}
		expectWindow(t, src, watch.Window{App: "AttnTestA", Title: "second title"})
	})

	t.Run("invalid UTF-8 and a 100 KB title are read bounded", func(t *testing.T) {
		huge := x11test.NewWindow(t, c, "Huge", "", "")
		huge.SetTitle(t, "ok \xff\xfe "+strings.Repeat("长", 35_000)) // ~100 KB
		x11test.Activate(t, display, huge)
		var got watch.Window
		for deadline := time.Now().Add(5 * time.Second); got.App != "Huge" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			got, _ = src.ActiveWindow(ctx)
		}
		if got.App != "Huge" || len(got.Title) > 4*maxPropertyWords || !strings.HasPrefix(got.Title, "ok \xff") {
			t.Fatalf("ActiveWindow() = app %q, title of %d bytes; want app Huge, the raw title cut at %d bytes", got.App, len(got.Title), 4*maxPropertyWords)
		}
		clean, _ := watch.DefaultPrivacy().Window(got)
		if !utf8.ValidString(clean.Title) || !strings.HasPrefix(clean.Title, "ok \uFFFD 长长") {
			t.Errorf("sanitised title starts %q, want valid UTF-8 with one U+FFFD for the bad bytes", []rune(clean.Title)[:8])
		}
	})

	t.Run("closed active window is no crash", func(t *testing.T) {
		x11test.Activate(t, display, b)
		b.Destroy(t)
		for range 20 { // the WM moves the focus; until then reads may fail
			if _, err := src.ActiveWindow(ctx); err != nil && errors.Is(err, watch.ErrUnsupported) {
				t.Fatalf("ActiveWindow: %v", err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

func TestActiveWindowFallsBackToInputFocus(t *testing.T) {
	display := x11test.StartXvfb(t) // no window manager: no _NET_ACTIVE_WINDOW
	src := newSource(t, display)
	c := x11test.Dial(t, display)
	w := x11test.NewWindow(t, c, "FocusOnly", "focused without a WM", "")
	time.Sleep(100 * time.Millisecond) // let the map reach the server
	x11test.Xdotool(t, display, "windowfocus", "--sync", strconv.Itoa(int(w.ID)))
	expectWindow(t, src, watch.Window{App: "FocusOnly", Title: "focused without a WM"})
}

func TestNoDisplayIsUnsupported(t *testing.T) {
	t.Setenv("DISPLAY", "")
	if _, err := New("", nil); !errors.Is(err, watch.ErrUnsupported) {
		t.Errorf("New without DISPLAY: err = %v, want ErrUnsupported", err)
	}
	if _, err := New(":4999", nil); !errors.Is(err, watch.ErrUnsupported) {
		t.Errorf("New with a dead display: err = %v, want ErrUnsupported", err)
	}
}

func drain(ch <-chan struct{}) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// expectWindow waits up to 5 s for the source to report want: the window
// manager moves the focus asynchronously.
func expectWindow(t *testing.T, src *Source, want watch.Window) {
	t.Helper()
	var got watch.Window
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got, err = src.ActiveWindow(context.Background()); err == nil && got == want {
			return
		}
	}
	t.Errorf("ActiveWindow() = %q, %v; want %q", got, err, want)
}

// TestReconnectsAfterServerLoss stops the X server under a running source
// and starts it again: the source reports errors meanwhile, never panics,
// and works again once the display is back.
func TestReconnectsAfterServerLoss(t *testing.T) {
	display, stop := x11test.StartXvfbOn(t, "")
	src := newSource(t, display)
	ctx := context.Background()
	if _, err := src.Idle(ctx); err != nil {
		t.Fatalf("Idle before the loss: %v", err)
	}
	stop()
	for range 3 {
		if _, err := src.Idle(ctx); err == nil {
			t.Fatalf("Idle with the server gone: no error")
		}
		if _, err := src.ActiveWindow(ctx); err == nil {
			t.Fatalf("ActiveWindow with the server gone: no error")
		}
	}
	x11test.StartXvfbOn(t, display)
	c := x11test.Dial(t, display)
	w := x11test.NewWindow(t, c, "Back", "after the restart", "")
	x11test.Xdotool(t, display, "windowfocus", "--sync", strconv.Itoa(int(w.ID)))
	expectWindow(t, src, watch.Window{App: "Back", Title: "after the restart"})
	if _, err := src.Idle(ctx); err != nil {
		t.Errorf("Idle after the restart: %v", err)
	}
}

// newSource returns a Source on display, closed when the test ends.
func newSource(t *testing.T, display string) *Source {
	t.Helper()
	src, err := New(display, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { src.Close() })
	return src
}
