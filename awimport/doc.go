// Package awimport moves an ActivityWatch history into attnflow and back
// out: it reads an ActivityWatch export JSON, the Python aw-server's SQLite
// database (peewee schema) and the Rust aw-server's SQLite database, and
// writes a store's events as an ActivityWatch export, NDJSON or CSV.
//
// An import runs in two passes over the source: the first reads and checks
// every event and imports nothing, so a truncated or foreign file is
// refused whole; the second streams the events into the store in bounded
// batches through attnflow.Store.ImportEvents, which skips events the
// bucket already holds, so running the same import twice adds nothing.
package awimport
