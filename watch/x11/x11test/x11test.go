// Package x11test runs real X servers for tests: Xvfb on a free display,
// openbox as the window manager, windows with known properties and
// xdotool for focus and input. A missing program skips the test, or fails
// it when CI=true.
package x11test

import (
	"bufio"
	"context"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Need skips the test when a program is missing, or fails it under CI.
func Need(t testing.TB, progs ...string) {
	t.Helper()
	for _, p := range progs {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required under CI (apt-get install xvfb xdotool openbox): %v", p, err)
			}
			t.Skipf("%s not installed (apt-get install xvfb xdotool openbox); skipping", p)
		}
	}
}

// StartXvfb starts a private X server on a free display and returns its
// DISPLAY value (":N"); the server is stopped when the test ends.
func StartXvfb(t testing.TB) string {
	t.Helper()
	display, _ := StartXvfbOn(t, "")
	return display
}

// StartXvfbOn starts an X server on display (":N"), or on a free display
// when display is "". It returns the display and a function that stops
// the server, to simulate an X server that goes away.
func StartXvfbOn(t testing.TB, display string) (string, func()) {
	t.Helper()
	Need(t, "Xvfb")
	quietOnce.Do(Quiet)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"}
	if display != "" {
		args = append([]string{display}, args...)
	}
	cmd := exec.Command("Xvfb", args...)
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		})
	}
	t.Cleanup(stop)
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
		r.Close()
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatalf("Xvfb did not start on display %q", display)
		}
		return ":" + n, stop
	case <-time.After(10 * time.Second):
		t.Fatalf("Xvfb did not start within 10 s")
	}
	return "", stop
}

// StartWM starts openbox on the display and waits until it manages it.
func StartWM(t testing.TB, display string) {
	t.Helper()
	Need(t, "openbox")
	rc := filepath.Join(t.TempDir(), "rc.xml") // new windows take no focus: the test gives it
	if err := os.WriteFile(rc, []byte(`<?xml version="1.0"?><openbox_config xmlns="http://openbox.org/3.4/rc"><focus><focusNew>no</focusNew></focus></openbox_config>`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("openbox", "--sm-disable", "--config-file", rc)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start openbox: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("openbox output:\n%s", out.String())
		}
	})
	c := Dial(t, display)
	check, err := xproto.InternAtom(c, false, 24, "_NET_SUPPORTING_WM_CHECK").Reply()
	if err != nil {
		t.Fatal(err)
	}
	root := xproto.Setup(c).DefaultScreen(c).Root
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		r, err := xproto.GetProperty(c, false, root, check.Atom, xproto.AtomWindow, 0, 1).Reply()
		if err == nil && r.ValueLen > 0 {
			return
		}
	}
	t.Fatalf("openbox did not take over the display within 10 s")
}

// Dial connects to the display; the connection closes when the test ends.
func Dial(t testing.TB, display string) *xgb.Conn {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	return c
}

// Window is a window the test creates with known properties.
type Window struct {
	c  *xgb.Conn
	ID xproto.Window
}

// NewWindow creates and maps a window. Empty class or names leave the
// property unset; wmName is written as Latin-1 (type STRING).
func NewWindow(t testing.TB, c *xgb.Conn, class, netName, wmName string) Window {
	t.Helper()
	scr := xproto.Setup(c).DefaultScreen(c)
	id, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(c, scr.RootDepth, id, scr.Root, 10, 10, 300, 200, 0,
		xproto.WindowClassInputOutput, scr.RootVisual, xproto.CwBackPixel, []uint32{scr.WhitePixel}).Check(); err != nil {
		t.Fatalf("create window: %v", err)
	}
	w := Window{c, id}
	if class != "" {
		w.SetProperty(t, "WM_CLASS", "STRING", []byte(strings.ToLower(class)+"\x00"+class+"\x00"))
	}
	if netName != "" {
		w.SetTitle(t, netName)
	}
	if wmName != "" {
		w.SetProperty(t, "WM_NAME", "STRING", toLatin1(wmName))
	}
	if err := xproto.MapWindowChecked(c, id).Check(); err != nil {
		t.Fatalf("map window: %v", err)
	}
	w.waitMapped(t)
	return w
}

// waitMapped waits until the window is viewable and, when a window
// manager runs, listed in its _NET_CLIENT_LIST (managed).
func (w Window) waitMapped(t testing.TB) {
	t.Helper()
	root := xproto.Setup(w.c).DefaultScreen(w.c).Root
	list := w.atom(t, "_NET_CLIENT_LIST")
	check := w.atom(t, "_NET_SUPPORTING_WM_CHECK")
	// A window manager that is still starting may drop the map request:
	// ask again every half second.
	for i, deadline := 0, time.Now().Add(5*time.Second); time.Now().Before(deadline); i++ {
		time.Sleep(20 * time.Millisecond)
		a, err := xproto.GetWindowAttributes(w.c, w.ID).Reply()
		if err != nil || a.MapState != xproto.MapStateViewable {
			if i%25 == 24 {
				xproto.MapWindow(w.c, w.ID)
			}
			continue
		}
		if !w.hasWindowProp(root, check) || w.inList(root, list) {
			return
		}
	}
	a, err := xproto.GetWindowAttributes(w.c, w.ID).Reply()
	t.Fatalf("window 0x%x was not mapped and managed within 5 s (attrs %+v %v, wm %v, listed %v)", uint32(w.ID), a, err, w.hasWindowProp(root, check), w.inList(root, list))
}

func (w Window) hasWindowProp(win xproto.Window, prop xproto.Atom) bool {
	r, err := xproto.GetProperty(w.c, false, win, prop, xproto.AtomWindow, 0, 1).Reply()
	return err == nil && r.ValueLen > 0
}

func (w Window) inList(root xproto.Window, list xproto.Atom) bool {
	r, err := xproto.GetProperty(w.c, false, root, list, xproto.AtomWindow, 0, 1024).Reply()
	if err != nil {
		return false
	}
	for i := 0; i+4 <= len(r.Value); i += 4 {
		if xproto.Window(xgb.Get32(r.Value[i:])) == w.ID {
			return true
		}
	}
	return false
}

// Active reports whether the window manager has made the window active.
func (w Window) Active(t testing.TB) bool {
	t.Helper()
	root := xproto.Setup(w.c).DefaultScreen(w.c).Root
	r, err := xproto.GetProperty(w.c, false, root, w.atom(t, "_NET_ACTIVE_WINDOW"), xproto.AtomWindow, 0, 1).Reply()
	return err == nil && r.ValueLen > 0 && xproto.Window(xgb.Get32(r.Value)) == w.ID
}

func (w Window) atom(t testing.TB, name string) xproto.Atom {
	t.Helper()
	r, err := xproto.InternAtom(w.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		t.Fatal(err)
	}
	return r.Atom
}

// SetTitle sets _NET_WM_NAME.
func (w Window) SetTitle(t testing.TB, title string) {
	t.Helper()
	w.SetProperty(t, "_NET_WM_NAME", "UTF8_STRING", []byte(title))
}

// SetProperty sets an 8-bit property of type typ (e.g. "STRING",
// "UTF8_STRING", "COMPOUND_TEXT").
func (w Window) SetProperty(t testing.TB, prop, typ string, v []byte) {
	t.Helper()
	if err := xproto.ChangePropertyChecked(w.c, xproto.PropModeReplace, w.ID, w.atom(t, prop), w.atom(t, typ), 8,
		uint32(len(v)), v).Check(); err != nil {
		t.Fatalf("set %s: %v", prop, err)
	}
}

// Destroy destroys the window.
func (w Window) Destroy(t testing.TB) {
	t.Helper()
	if err := xproto.DestroyWindowChecked(w.c, w.ID).Check(); err != nil {
		t.Fatalf("destroy window: %v", err)
	}
}

func toLatin1(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// Xdotool runs xdotool on the display.
func Xdotool(t testing.TB, display string, args ...string) {
	t.Helper()
	Need(t, "xdotool")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// Activate gives a window the focus through the window manager and waits
// until the manager reports it active.
func Activate(t testing.TB, display string, w Window) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		Xdotool(t, display, "windowactivate", "--sync", itoa(uint32(w.ID)))
		if w.Active(t) {
			return
		}
	}
	t.Fatalf("window 0x%x did not become active within 5 s", uint32(w.ID))
}

func itoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

var quietOnce sync.Once

// Quiet silences xgb's package logger, which reports a missing
// Xauthority on stderr. StartXvfb calls it once.
func Quiet() { xgb.Logger = log.New(io.Discard, "", 0) }

// WaitFor polls ok every 50 ms until it holds, failing the test after 20 s:
// X servers, window managers and watchers all answer asynchronously.
func WaitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
