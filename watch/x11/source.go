// Package x11 captures the focused window, idle time and input timing from
// an X11 display with the pure-Go X protocol library github.com/jezek/xgb
// (no cgo): EWMH _NET_ACTIVE_WINDOW (or the input focus) with WM_CLASS and
// _NET_WM_NAME/WM_NAME, the MIT-SCREEN-SAVER extension for idle time, and
// the RECORD extension for key, button and pointer events. It implements
// watch.WindowSource, watch.WindowNotifier, watch.IdleSource and
// watch.InputSource. Keys are reduced to their class inside this package.
package x11

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"

	"github.com/attnflow/attnflow/watch"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/screensaver"
	"github.com/jezek/xgb/xproto"
)

// Source is an X11 display as a capture source. It connects lazily and
// reconnects after the X server goes away. Safe for concurrent use.
type Source struct {
	display string
	log     *slog.Logger
	changes chan struct{}

	mu      sync.Mutex
	c       *xgb.Conn
	root    xproto.Window
	atoms   atoms
	km      *keymap
	watched xproto.Window // the window whose title changes we follow
	saver   bool          // MIT-SCREEN-SAVER available
}

var (
	_ watch.WindowSource   = (*Source)(nil)
	_ watch.WindowNotifier = (*Source)(nil)
	_ watch.IdleSource     = (*Source)(nil)
	_ watch.InputSource    = (*Source)(nil)
)

// New returns a source for the display ("" means $DISPLAY). It fails with
// watch.ErrUnsupported when there is no display to talk to, e.g. on
// Wayland without Xwayland or a headless machine.
func New(display string, log *slog.Logger) (*Source, error) {
	if display == "" {
		display = os.Getenv("DISPLAY")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if display == "" {
		return nil, fmt.Errorf("%w: no X display (DISPLAY is not set)", watch.ErrUnsupported)
	}
	s := &Source{display: display, log: log, changes: make(chan struct{}, 1)}
	if _, err := s.conn(); err != nil {
		return nil, fmt.Errorf("%w: %v", watch.ErrUnsupported, err)
	}
	return s, nil
}

// WindowChanges implements watch.WindowNotifier: a signal whenever the
// active window or its title changes.
func (s *Source) WindowChanges() <-chan struct{} { return s.changes }

// Close closes the connection.
func (s *Source) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c != nil {
		s.c.Close()
		s.c = nil
	}
	return nil
}

// conn returns the live connection, dialling one if needed.
func (s *Source) conn() (*xgb.Conn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c != nil {
		return s.c, nil
	}
	c, err := xgb.NewConnDisplay(s.display)
	if err != nil {
		return nil, fmt.Errorf("connect to X display %s: %w", s.display, err)
	}
	if err := s.initConn(c); err != nil {
		c.Close()
		return nil, err
	}
	s.c = c
	go s.events(c)
	return c, nil
}

// initConn reads what the watchers need once per connection.
func (s *Source) initConn(c *xgb.Conn) error {
	s.root = xproto.Setup(c).DefaultScreen(c).Root
	a, err := internAtoms(c)
	if err != nil {
		return err
	}
	s.atoms = a
	s.saver = screensaver.Init(c) == nil
	if err := xproto.ChangeWindowAttributesChecked(c, s.root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskPropertyChange}).Check(); err != nil {
		return fmt.Errorf("watch root window: %w", err)
	}
	km, err := loadKeymap(c)
	if err != nil {
		return err
	}
	s.km = km
	s.watched = 0
	return nil
}

// events drains c's events until it closes: property changes of the root
// (active window) or the active window (title) signal a change; a keyboard
// mapping change reloads the keymap.
func (s *Source) events(c *xgb.Conn) {
	for {
		ev, xerr := c.WaitForEvent()
		if ev == nil && xerr == nil {
			s.dropConn(c)
			return
		}
		switch e := ev.(type) {
		case xproto.PropertyNotifyEvent:
			if s.atoms.relevant(e.Atom) {
				s.notify()
			}
		case xproto.MappingNotifyEvent:
			if km, err := loadKeymap(c); err == nil {
				s.mu.Lock()
				s.km = km
				s.mu.Unlock()
			}
		}
	}
}

func (s *Source) notify() {
	select {
	case s.changes <- struct{}{}:
	default:
	}
}

// dropConn forgets c after the server closed it, so the next call redials.
func (s *Source) dropConn(c *xgb.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c == c {
		s.c = nil
		s.log.Warn("x11: lost the X display; will reconnect", "display", s.display)
	}
}

// failed drops the connection when err shows it is dead.
func (s *Source) failed(c *xgb.Conn, err error) error {
	if errors.Is(err, errConnClosed) || isEOF(err) {
		c.Close()
		s.dropConn(c)
	}
	return err
}

// keymap returns the current keycode classification.
func (s *Source) keymap() *keymap {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.km == nil {
		return newKeymap(0, 0, nil)
	}
	return s.km
}

func loadKeymap(c *xgb.Conn) (*keymap, error) {
	setup := xproto.Setup(c)
	lo, hi := setup.MinKeycode, setup.MaxKeycode
	r, err := xproto.GetKeyboardMapping(c, lo, byte(hi-lo+1)).Reply()
	if err != nil {
		return nil, fmt.Errorf("read keyboard mapping: %w", err)
	}
	syms := make([]uint32, len(r.Keysyms))
	for i, k := range r.Keysyms {
		syms[i] = uint32(k)
	}
	return newKeymap(int(lo), int(r.KeysymsPerKeycode), syms), nil
}

// Idle implements watch.IdleSource with the MIT-SCREEN-SAVER extension.
// An active screensaver counts as locked.
func (s *Source) Idle(ctx context.Context) (watch.IdleInfo, error) {
	c, err := s.conn()
	if err != nil {
		return watch.IdleInfo{}, err
	}
	s.mu.Lock()
	root, saver := s.root, s.saver
	s.mu.Unlock()
	if !saver {
		return watch.IdleInfo{}, fmt.Errorf("%w: the X server has no MIT-SCREEN-SAVER extension", watch.ErrUnsupported)
	}
	r, err := screensaver.QueryInfo(c, xproto.Drawable(root)).Reply()
	if err != nil {
		return watch.IdleInfo{}, s.failed(c, fmt.Errorf("query idle time: %w", err))
	}
	return watch.IdleInfo{
		Idle:   msDuration(r.MsSinceUserInput),
		Locked: r.State == screensaver.StateOn,
	}, nil
}
