// Package sqlite is attnflow's embedded event store: one SQLite file in WAL
// mode implementing attnflow.Store.
//
// Writes share one connection and are committed in groups: a caller queues
// its write and takes the write lock; whoever holds it commits everything
// queued in one transaction (group commit); a lone write of a single
// statement (a merging heartbeat) runs in autocommit mode instead. Each
// call returns once its own write is committed. Heartbeats to one bucket are serialised by a
// per-bucket lock that also guards a cache of the bucket's last event, so a
// heartbeat needs no read. Reads use a separate pool of read-only
// connections and never wait for the writer.
//
// Heartbeats take a shorter path: the heartbeat log (journal.go,
// hblog.go). The process holding the log (the server) acknowledges a
// heartbeat once its outcome is appended to STORE-hb.N with one write(2);
// the outcomes are applied to SQLite, coalesced by event, in one
// transaction before the writer's next batch, before any read, and at most
// 200 ms later. A process that cannot take the log (the CLI beside a
// running server) commits its heartbeats directly.
//
// Durability: the database runs with synchronous=NORMAL in WAL mode. A
// committed write is in the WAL file before the call returns, so it
// survives the process being killed (SIGKILL, a crash); a power loss or OS
// crash may lose the last transactions before a checkpoint, never corrupt
// the file. A logged heartbeat is in the kernel's page cache when the call
// returns, the same guarantee; the next Open applies what a killed process
// left in the log. Options.SyncFull trades throughput for durability against power
// loss too.
//
// One process at a time opens a store: the heartbeat cache assumes no
// other process writes the file, and the store holds the file exclusively
// (SQLite's unix-excl VFS: no file locks per transaction, the WAL index in
// the process's memory), so that another process opening it gets an
// ECONFLICT error. Options.Shared lifts this, at a cost per write.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
)

// Options tunes a store. The zero value is a good default.
type Options struct {
	// BusyTimeoutMS is how long a connection waits for a lock held by
	// another process, in milliseconds (default 5000).
	BusyTimeoutMS int
	// CacheKiB is the page cache of the writer connection in KiB (default
	// 4096); each read connection gets a quarter of it (at least 512).
	CacheKiB int
	// ReadConns is the number of read connections (default 4).
	ReadConns int
	// MaxBatch caps how many queued writes share one transaction
	// (default 512).
	MaxBatch int
	// SyncFull makes every commit fsync the WAL (synchronous=FULL):
	// durable against power loss, at a large cost in write throughput.
	SyncFull bool
	// Now is the clock that dates buckets created without a time
	// (default time.Now).
	Now func() time.Time
	// Shared lets other processes open the store at the same time
	// (SQLite's default locking, the WAL index in the -shm file). By
	// default the store holds its file exclusively, which saves every
	// transaction six fcntl system calls (a third of a merging
	// heartbeat's CPU time; BENCHMARKS.md, "Server ingest").
	Shared bool
	// NoJournal makes heartbeats commit to SQLite one by one instead of
	// through the heartbeat log (journal.go). The store still applies a
	// log a previous run left behind. SyncFull implies it.
	NoJournal bool
}

func (o Options) withDefaults() Options {
	if o.BusyTimeoutMS <= 0 {
		o.BusyTimeoutMS = 5000
	}
	if o.CacheKiB <= 0 {
		o.CacheKiB = 4096
	}
	if o.ReadConns <= 0 {
		o.ReadConns = 4
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = 512
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// DB is an open SQLite event store. It is safe for concurrent use.
type DB struct {
	path   string
	logger *slog.Logger
	opts   Options

	wdb *sql.DB // one connection, owned by the writer
	rdb *sql.DB // read-only pool
	w   *writer

	stmts    readStmts
	payloads *payloadCache // decoded event data by id, for Events
	rowBufs  rowPool       // Events' scan buffers

	// j is the heartbeat log, nil when this process does not hold it;
	// set in Open only.
	j           *journal
	stopJournal func()

	mu      sync.Mutex // guards buckets
	buckets map[string]*bucketState

	closeOnce sync.Once
	closeErr  error
}

var _ attnflow.Store = (*DB)(nil)

// Open opens the store at path, creating it and its directory if needed, migrates its schema
// and starts its writer. A nil logger discards logs. Close releases it.
func Open(ctx context.Context, path string, logger *slog.Logger, opts Options) (*DB, error) {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, attnflow.Errorf(attnflow.EINVALID, "store path %q is invalid: give a file path without '?' or '#'", path)
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	db := &DB{path: path, logger: logger, opts: opts, buckets: make(map[string]*bucketState),
		payloads: newPayloadCache(payloadCacheSize)}
	if err := db.open(ctx); err != nil {
		db.closePools()
		return nil, err
	}
	return db, nil
}

func (db *DB) open(ctx context.Context) error {
	err := db.openConns(ctx)
	if isBusy(err) {
		return attnflow.Errorf(attnflow.ECONFLICT, "store %s is in use by another process: is attnflow already running? Stop it, or ask it over HTTP (e.g. --server)", db.path)
	}
	return err
}

func (db *DB) openConns(ctx context.Context) error {
	syncMode := "NORMAL"
	if db.opts.SyncFull {
		syncMode = "FULL"
	}
	uri, err := storeURI(db.path, db.opts.Shared, db.opts.BusyTimeoutMS)
	if err != nil {
		return err
	}
	db.wdb = sql.OpenDB(newConnector(uri, []string{
		fmt.Sprintf("busy_timeout=%d", db.opts.BusyTimeoutMS), // first: the others may wait
		"journal_mode=WAL",
		"synchronous=" + syncMode,
		fmt.Sprintf("cache_size=-%d", db.opts.CacheKiB),
		"mmap_size=0",
		"journal_size_limit=67108864",
	}))
	db.wdb.SetMaxOpenConns(1)
	db.wdb.SetMaxIdleConns(1)
	db.wdb.SetConnMaxLifetime(0)
	db.wdb.SetConnMaxIdleTime(0)
	if err := migrate(ctx, db.wdb, db.logger); err != nil {
		return err
	}
	readCache := max(db.opts.CacheKiB/4, 512)
	db.rdb = sql.OpenDB(newConnector(uri, []string{
		fmt.Sprintf("busy_timeout=%d", db.opts.BusyTimeoutMS),
		fmt.Sprintf("cache_size=-%d", readCache),
		"mmap_size=0",
		"query_only=1",
	}))
	db.rdb.SetMaxOpenConns(db.opts.ReadConns)
	db.rdb.SetMaxIdleConns(db.opts.ReadConns)
	if err := db.stmts.prepare(ctx, db.rdb); err != nil {
		return err
	}
	if db.w, err = startWriter(ctx, db.wdb, db.opts.MaxBatch, db.logger); err != nil {
		return err
	}
	db.w.before = db.applyJournal
	if err := db.openJournal(ctx, !db.opts.NoJournal && !db.opts.SyncFull); err != nil {
		return err
	}
	db.logger.Info("store opened", "path", db.path, "driver", DriverName, "synchronous", syncMode)
	return nil
}

// Close waits for queued writes, checkpoints the WAL and closes the store.
// It is safe to call more than once.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		var errs []error
		if db.j != nil {
			errs = append(errs, db.closeJournal())
		}
		if db.w != nil {
			errs = append(errs, db.w.close())
		}
		if db.wdb != nil {
			if _, err := db.wdb.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				db.logger.Warn("store checkpoint on close failed", "err", err)
			}
		}
		errs = append(errs, db.closePools())
		db.closeErr = errors.Join(errs...)
	})
	return db.closeErr
}

func (db *DB) closePools() error {
	var errs []error
	db.stmts.close()
	if db.rdb != nil {
		errs = append(errs, db.rdb.Close())
	}
	if db.wdb != nil {
		errs = append(errs, db.wdb.Close())
	}
	return errors.Join(errs...)
}

// createPrivate creates the store's directory and an empty store file
// readable by the user only (SQLite gives its -wal and -shm files the same
// mode): attention data is personal.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create store directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create store file: %w", err)
	}
	return f.Close()
}

// Path returns the store's file path.
func (db *DB) Path() string { return db.path }

// Size returns the bytes the store occupies on disk: the database file
// plus its write-ahead log.
func (db *DB) Size(ctx context.Context) (int64, error) {
	var total int64
	for _, p := range []string{db.path, db.path + "-wal"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		} else if err != nil {
			return 0, fmt.Errorf("store size: %w", err)
		}
		total += fi.Size()
	}
	return total, nil
}

// Checkpoint copies the WAL into the database file and truncates it, so
// that Size reflects the database alone.
func (db *DB) Checkpoint(ctx context.Context) error {
	return db.w.do(ctx, &writeOp{noTx: true, fn: func(w *writeTx) error {
		_, err := w.conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		return err
	}})
}
