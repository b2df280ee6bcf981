// Package watch captures attention data on the desktop: the focused window,
// AFK status and input timing. It holds the source-independent parts — the
// watcher loops, the privacy rules applied before anything leaves the
// process, the AFK state machine, the input-timing accumulator and the
// sinks (an HTTP client for the ActivityWatch API with a durable offline
// queue). Operating-system backends such as watch/x11 implement the small
// source interfaces in source.go and never see a sink.
package watch
