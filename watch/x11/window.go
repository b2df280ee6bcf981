package x11

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attnflow/attnflow/watch"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

var errConnClosed = errors.New("x11: connection closed")

func isEOF(err error) bool { return errors.Is(err, io.EOF) }

func msDuration(ms uint32) time.Duration { return time.Duration(ms) * time.Millisecond }

// atoms are the property names the window watcher reads.
type atoms struct {
	activeWindow, netWMName, utf8String, compoundText, wmName, wmClass xproto.Atom
}

func (a atoms) relevant(x xproto.Atom) bool {
	return x == a.activeWindow || x == a.netWMName || x == a.wmName
}

func internAtoms(c *xgb.Conn) (atoms, error) {
	names := []string{"_NET_ACTIVE_WINDOW", "_NET_WM_NAME", "UTF8_STRING", "COMPOUND_TEXT"}
	cookies := make([]xproto.InternAtomCookie, len(names))
	for i, n := range names {
		cookies[i] = xproto.InternAtom(c, false, uint16(len(n)), n)
	}
	got := make([]xproto.Atom, len(names))
	for i, ck := range cookies {
		r, err := ck.Reply()
		if err != nil {
			return atoms{}, fmt.Errorf("intern atom %s: %w", names[i], err)
		}
		got[i] = r.Atom
	}
	return atoms{activeWindow: got[0], netWMName: got[1], utf8String: got[2], compoundText: got[3],
		wmName: xproto.AtomWmName, wmClass: xproto.AtomWmClass}, nil
}

// maxPropertyWords bounds property reads: 4 KB of title is plenty.
const maxPropertyWords = 1024

// ActiveWindow implements watch.WindowSource.
func (s *Source) ActiveWindow(ctx context.Context) (watch.Window, error) {
	c, err := s.conn()
	if err != nil {
		return watch.Window{}, err
	}
	s.mu.Lock()
	root, a := s.root, s.atoms
	s.mu.Unlock()
	win, err := activeWindow(c, root, a)
	if err != nil {
		return watch.Window{}, s.failed(c, err)
	}
	if win == 0 {
		return watch.Window{}, nil
	}
	s.follow(c, win)
	w, err := describe(c, win, a)
	if err != nil {
		return watch.Window{}, s.failed(c, fmt.Errorf("window 0x%x: %w", uint32(win), err))
	}
	return w, nil
}

// follow subscribes to property changes of the active window, to see
// title changes as they happen.
func (s *Source) follow(c *xgb.Conn, win xproto.Window) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.watched == win {
		return
	}
	s.watched = win
	// Unchecked: a window that just closed yields an error event, ignored.
	xproto.ChangeWindowAttributes(c, win, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
}

// activeWindow returns EWMH's _NET_ACTIVE_WINDOW, or, when no window
// manager sets it, the client window that has the input focus.
func activeWindow(c *xgb.Conn, root xproto.Window, a atoms) (xproto.Window, error) {
	r, err := xproto.GetProperty(c, false, root, a.activeWindow, xproto.AtomWindow, 0, 1).Reply()
	if err != nil {
		return 0, fmt.Errorf("read _NET_ACTIVE_WINDOW: %w", err)
	}
	if r.Format == 32 && len(r.Value) >= 4 {
		return xproto.Window(xgb.Get32(r.Value)), nil
	}
	f, err := xproto.GetInputFocus(c).Reply()
	if err != nil {
		return 0, fmt.Errorf("read input focus: %w", err)
	}
	if f.Focus <= xproto.InputFocusPointerRoot || f.Focus == root {
		return 0, nil
	}
	return clientWindow(c, f.Focus, root, a)
}

// clientWindow walks up from w to the first window with a WM_CLASS (the
// focus may sit on a child of the application's top-level window).
func clientWindow(c *xgb.Conn, w, root xproto.Window, a atoms) (xproto.Window, error) {
	for range 32 {
		r, err := xproto.GetProperty(c, false, w, a.wmClass, xproto.AtomString, 0, 1).Reply()
		if err != nil {
			return 0, fmt.Errorf("read WM_CLASS: %w", err)
		}
		if r.ValueLen > 0 || r.BytesAfter > 0 {
			return w, nil
		}
		t, err := xproto.QueryTree(c, w).Reply()
		if err != nil {
			return 0, fmt.Errorf("query tree: %w", err)
		}
		if t.Parent == 0 || t.Parent == root {
			return w, nil
		}
		w = t.Parent
	}
	return w, nil
}

// describe reads a window's app (WM_CLASS class) and title.
func describe(c *xgb.Conn, win xproto.Window, a atoms) (watch.Window, error) {
	cls, err := property(c, win, a.wmClass, xproto.AtomString)
	if err != nil {
		return watch.Window{}, err
	}
	title, err := property(c, win, a.netWMName, a.utf8String)
	if err != nil {
		return watch.Window{}, err
	}
	if title == "" {
		if title, err = legacyName(c, win, a); err != nil {
			return watch.Window{}, err
		}
	}
	return watch.Window{App: wmClass(cls), Title: title}, nil
}

// wmClass returns the class part of WM_CLASS ("instance\0class\0"), or
// the instance when there is no class.
func wmClass(v string) string {
	parts := strings.Split(strings.TrimRight(v, "\x00"), "\x00")
	if len(parts) >= 2 && parts[1] != "" {
		return parts[1]
	}
	return parts[0]
}

// legacyName reads WM_NAME, which is Latin-1 (type STRING), COMPOUND_TEXT
// (xterm and other Xt clients for non-Latin-1 titles) or, from some
// clients, UTF-8.
func legacyName(c *xgb.Conn, win xproto.Window, a atoms) (string, error) {
	r, err := xproto.GetProperty(c, false, win, a.wmName, xproto.GetPropertyTypeAny, 0, maxPropertyWords).Reply()
	if err != nil {
		return "", fmt.Errorf("read WM_NAME: %w", err)
	}
	switch r.Type {
	case a.utf8String:
		return string(r.Value), nil
	case a.compoundText:
		return decodeCompoundText(r.Value), nil
	}
	return latin1(r.Value), nil
}

func latin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// property reads a string property of the given type ("" when unset).
func property(c *xgb.Conn, win xproto.Window, prop, typ xproto.Atom) (string, error) {
	r, err := xproto.GetProperty(c, false, win, prop, typ, 0, maxPropertyWords).Reply()
	if err != nil {
		return "", fmt.Errorf("read property %d: %w", prop, err)
	}
	if r.Format != 8 {
		return "", nil
	}
	return string(r.Value), nil
}
