package watch

import (
	"context"
	"errors"
	"time"
)

// ErrUnsupported is returned (wrapped) by a source that cannot run here,
// e.g. the X11 backend without an X display (Wayland, a headless box).
var ErrUnsupported = errors.New("watch: source unsupported on this system")

// Window is the focused window as a source reports it.
type Window struct {
	App   string // the application, e.g. WM_CLASS's class on X11
	Title string // the window title, UTF-8
}

// WindowSource reports the focused window. Implementations return a zero
// Window and no error when no window has focus.
type WindowSource interface {
	ActiveWindow(ctx context.Context) (Window, error)
}

// WindowNotifier is implemented by window sources that can signal a focus
// or title change as it happens, so the watcher need not wait for a poll.
// The channel must never be closed while the watcher runs.
type WindowNotifier interface {
	WindowChanges() <-chan struct{}
}

// IdleInfo is what an idle source reports.
type IdleInfo struct {
	Idle   time.Duration // time since the last keyboard or pointer input
	Locked bool          // screen locked or screensaver active
}

// IdleSource reports the time since the last input.
type IdleSource interface {
	Idle(ctx context.Context) (IdleInfo, error)
}

// InputSource streams classified input into rec until ctx ends or the
// source fails. A source maps each key to a KeyClass itself: which key was
// pressed never crosses this interface.
type InputSource interface {
	RecordInput(ctx context.Context, rec InputRecorder) error
}

// InputRecorder receives classified input. Implementations must be safe
// for use from the source's goroutine while the watcher reads them.
type InputRecorder interface {
	// Key records one key press of class c at instant at, a monotonic
	// reading from the source (only differences between readings matter).
	Key(c KeyClass, at time.Duration)
	// Click records one pointer button press (not a scroll).
	Click()
	// Scroll records scroll ticks (signed; only magnitudes are counted).
	Scroll(dx, dy int)
	// MoveTo records the pointer's absolute position on the screen.
	MoveTo(x, y int)
}
