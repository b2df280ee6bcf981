package x11

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
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// need skips the test when a program is missing, or fails it under CI.
func need(t *testing.T, progs ...string) {
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

func TestMain(m *testing.M) {
	xgb.Logger = log.New(io.Discard, "", 0) // the library logs "no Xauthority" to stderr
	os.Exit(m.Run())
}

// startXvfb starts a private X server on a free display and returns its
// DISPLAY value ("":N"); the server is stopped when the test ends.
func startXvfb(t *testing.T) string {
	t.Helper()
	need(t, "Xvfb")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
		r.Close()
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatalf("Xvfb did not report a display number")
		}
		return ":" + n
	case <-time.After(10 * time.Second):
		t.Fatalf("Xvfb did not start within 10 s")
	}
	return ""
}

// startWM starts openbox on the display and waits until it manages it.
func startWM(t *testing.T, display string) {
	t.Helper()
	need(t, "openbox")
	rc := filepath.Join(t.TempDir(), "rc.xml") // new windows take no focus: the test gives it
	if err := os.WriteFile(rc, []byte(`<?xml version="1.0"?><openbox_config xmlns="http://openbox.org/3.4/rc"><focus><focusNew>no</focusNew></focus></openbox_config>`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("openbox", "--sm-disable", "--config-file", rc)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start openbox: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	c := dialTest(t, display)
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

func dialTest(t *testing.T, display string) *xgb.Conn {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	return c
}

// testWindow is a window the test creates with known properties.
type testWindow struct {
	c  *xgb.Conn
	id xproto.Window
}

// newWindow creates and maps a window. Empty class or names leave the
// property unset; wmName is written as Latin-1 (type STRING).
func newWindow(t *testing.T, c *xgb.Conn, class, netName, wmName string) testWindow {
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
	w := testWindow{c, id}
	if class != "" {
		w.set(t, "WM_CLASS", "STRING", []byte(strings.ToLower(class)+"\x00"+class+"\x00"))
	}
	if netName != "" {
		w.setTitle(t, netName)
	}
	if wmName != "" {
		w.set(t, "WM_NAME", "STRING", toLatin1(wmName))
	}
	if err := xproto.MapWindowChecked(c, id).Check(); err != nil {
		t.Fatalf("map window: %v", err)
	}
	return w
}

func (w testWindow) setTitle(t *testing.T, title string) {
	t.Helper()
	w.set(t, "_NET_WM_NAME", "UTF8_STRING", []byte(title))
}

func (w testWindow) set(t *testing.T, prop, typ string, v []byte) {
	t.Helper()
	atom := func(name string) xproto.Atom {
		r, err := xproto.InternAtom(w.c, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return r.Atom
	}
	if err := xproto.ChangePropertyChecked(w.c, xproto.PropModeReplace, w.id, atom(prop), atom(typ), 8,
		uint32(len(v)), v).Check(); err != nil {
		t.Fatalf("set %s: %v", prop, err)
	}
}

func (w testWindow) destroy(t *testing.T) {
	t.Helper()
	if err := xproto.DestroyWindowChecked(w.c, w.id).Check(); err != nil {
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

// xdotool runs xdotool on the display.
func xdotool(t *testing.T, display string, args ...string) {
	t.Helper()
	need(t, "xdotool")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// activate gives a window the focus through the window manager.
func activate(t *testing.T, display string, w testWindow) {
	t.Helper()
	xdotool(t, display, "windowactivate", "--sync", itoa(uint32(w.id)))
}

func itoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
