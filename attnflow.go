// Package attnflow is the domain vocabulary of attnflow, a local-first
// attention-flow engine: events, buckets, heartbeats, time ranges, the errors
// every layer shares, and the store contract that every backend implements.
//
// It depends on the standard library only. Adapters (sqlite, server, watch,
// ...) import this package and never each other; everything is wired in
// cmd/attnflow.
package attnflow

// Version is the attnflow release, reported by /api/0/info and the CLI.
// It is overridden at link time by release builds (-ldflags -X).
var Version = "0.1.0-dev"
