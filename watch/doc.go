// Package watch captures attention data on the desktop: the focused window,
// AFK status and input timing. It holds the source-independent parts — the
// watcher loops, the privacy rules applied before anything leaves the
// process, the AFK state machine, the input-timing accumulator and the
// sinks (an HTTP client for the ActivityWatch API with a durable offline
// queue). Operating-system backends such as watch/x11 implement the small
// source interfaces in source.go and never see a sink.
//
// # Data written
//
//   - aw-watcher-window_HOST, type currentwindow: {"app", "title"}, a
//     heartbeat at every poll (pulsetime poll + 1 s) and at once on a change;
//     the previous window is closed at the moment of the switch.
//   - aw-watcher-afk_HOST, type afkstatus: {"status": "afk"|"not-afk"} as
//     aw-watcher-afk writes it: not-afk extends to the last input, afk
//     starts 1 ms after it (pulsetime timeout + poll). A locked screen, an
//     active screensaver or a suspend (the wall clock running ahead of the
//     monotonic clock) is AFK.
//   - aw-watcher-input_HOST, type os.hid.input: one event per non-empty bin
//     with aw-watcher-input's presses, clicks, deltaX, deltaY, scrollX,
//     scrollY and attnflow's keys by class (keysAlnum, keysSpace,
//     keysCorrection, keysNavigation, keysShortcut, keysModifier, keysOther),
//     distance and inter-key intervals (ikiCount, ikiMedianMs, ikiP25Ms,
//     ikiP75Ms). See InputDataKeys.
//
// # Adding a capture backend (Wayland, macOS, Windows)
//
// A backend is a package beside watch/x11 (e.g. watch/gnome, watch/darwin)
// that implements any of WindowSource (optionally WindowNotifier),
// IdleSource and InputSource, and returns an error wrapping ErrUnsupported
// from its constructor where it cannot run. It reports raw facts — the
// app and title, the idle time and lock state, key presses already reduced
// to a KeyClass — and nothing else: heartbeats, AFK transitions, privacy
// rules, bins and the sink are this package's, so a new backend needs no
// change here. cmd/attnflow picks the backend for the session and passes
// it to Watchers.Run in a Sources value; a source left nil is not watched.
// Test a backend against the real system service where CI can run it (as
// watch/x11 does under Xvfb), and the pure parts with tables.
package watch
