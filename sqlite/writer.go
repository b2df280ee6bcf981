package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
)

// writeOp is one caller's write. fn runs inside the writer's transaction,
// wrapped in a savepoint so that a failing op leaves the others of its
// batch intact. done receives the op's outcome once its batch committed.
type writeOp struct {
	ctx  context.Context
	fn   func(w *writeTx) error
	noTx bool // run alone, outside any transaction (e.g. a checkpoint)
	// single says fn runs exactly one statement, atomic by itself: alone
	// in its batch, it runs in SQLite's autocommit mode, without the
	// BEGIN and COMMIT statements around it.
	single bool
	err    error
	done   chan struct{}
	// interned collects data ids this op created; they enter the shared
	// cache only once committed.
	interned map[string]int64
}

// writer owns the single write connection and commits in groups, without
// a goroutine of its own: a caller queues its op, then takes the write
// lock; whoever holds it commits every queued op in one transaction and
// answers them. Uncontended, a caller commits its own op at once; under
// load, the ops that queued during one commit share the next.
type writer struct {
	conn   *sql.Conn
	logger *slog.Logger
	max    int
	intern *internCache
	stmts  writeStmts

	// leader is the write lock, a channel so that a waiting caller also
	// notices when another caller has committed its op.
	leader chan struct{}

	qmu    sync.Mutex // guards queue and closed
	queue  []*writeOp
	closed bool
	spare  []*writeOp // reused batch slice, guarded by wmu

	// before runs ahead of every batch, with the lock held: it applies
	// the heartbeat log's pending outcomes (journal.go), so that every
	// write is ordered after the heartbeats acknowledged before it. If
	// it fails, the batch fails with its error.
	before func(w *writer) error
}

var errClosed = errors.New("store is closed")

func startWriter(ctx context.Context, db *sql.DB, maxBatch int, logger *slog.Logger) (*writer, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	w := &writer{conn: conn, logger: logger, max: maxBatch, intern: newInternCache(4096), leader: make(chan struct{}, 1)}
	if err := w.stmts.prepare(ctx, conn); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

// do queues op and returns once it is committed (or failed). It does not
// give up when ctx ends while the op is queued or running, so that callers
// never mistake a committed write for a failed one; ops whose context
// ended before they ran are skipped.
func (w *writer) do(ctx context.Context, op *writeOp) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	op.ctx = ctx
	op.done = make(chan struct{})
	w.qmu.Lock()
	if w.closed {
		w.qmu.Unlock()
		return errClosed
	}
	w.queue = append(w.queue, op)
	w.qmu.Unlock()
	for {
		select {
		case <-op.done:
			return op.err
		case w.leader <- struct{}{}:
			w.flush(op)
			<-w.leader
		}
	}
}

// flush commits queued ops, in batches, until own is answered (or, when
// own is nil, until the queue is empty), so that no caller is kept
// committing for others indefinitely. The caller holds leader.
func (w *writer) flush(own *writeOp) {
	for {
		batch := w.takeBatch()
		if len(batch) == 0 {
			return
		}
		if err := w.runBefore(); err != nil {
			w.fail(batch, err)
		} else if batch[0].noTx {
			w.runAlone(batch[0])
		} else {
			w.commit(batch)
		}
		clear(batch)
		w.spare = batch
		if own != nil && own.answered() {
			return
		}
	}
}

// takeBatch removes the next batch from the queue: at most w.max ops, or
// a single op that must run outside a transaction.
func (w *writer) takeBatch() []*writeOp {
	w.qmu.Lock()
	defer w.qmu.Unlock()
	n := min(len(w.queue), w.max)
	for i := range n {
		if w.queue[i].noTx {
			n = max(i, 1)
			break
		}
	}
	batch := append(w.spare[:0], w.queue[:n]...)
	clear(w.queue[:n])
	w.queue = w.queue[n:]
	if len(w.queue) == 0 {
		w.queue = nil
	}
	return batch
}

func (w *writer) runBefore() error {
	if w.before == nil {
		return nil
	}
	return w.before(w)
}

// fail answers every op of batch with err, running none.
func (w *writer) fail(batch []*writeOp, err error) {
	for _, op := range batch {
		op.err = err
		close(op.done)
	}
}

func (op *writeOp) answered() bool {
	select {
	case <-op.done:
		return true
	default:
		return false
	}
}

// close refuses new ops, commits the queued ones and closes the
// connection.
func (w *writer) close() error {
	w.qmu.Lock()
	w.closed = true
	w.qmu.Unlock()
	w.leader <- struct{}{}
	defer func() { <-w.leader }()
	w.flush(nil)
	w.stmts.close()
	return w.conn.Close()
}

func (w *writer) runAlone(op *writeOp) {
	w.runBare(op)
	close(op.done)
}

// commit runs batch in one transaction and answers every op.
func (w *writer) commit(batch []*writeOp) {
	var err error
	if len(batch) == 1 && batch[0].single {
		w.runBare(batch[0]) // SQLite commits the statement on its own
	} else {
		err = w.commitTx(batch)
	}
	for _, op := range batch {
		if op.err == nil {
			op.err = err
		}
		if op.err == nil {
			w.intern.addAll(op.interned)
		}
		close(op.done)
	}
}

// commitTx runs batch in one transaction.
func (w *writer) commitTx(batch []*writeOp) error {
	ctx := context.Background()
	err := w.exec(ctx, w.stmts.begin)
	if err == nil {
		if len(batch) == 1 {
			w.runBare(batch[0]) // alone, an op needs no savepoint
		} else {
			for _, op := range batch {
				w.runOp(ctx, op)
			}
		}
		if len(batch) == 1 && batch[0].err != nil {
			err = w.exec(ctx, w.stmts.rollback)
		} else if err = w.exec(ctx, w.stmts.commit); err != nil {
			_ = w.exec(ctx, w.stmts.rollback)
		}
	}
	if err != nil {
		w.logger.Error("store write failed", "err", err, "ops", len(batch))
		err = fmt.Errorf("store write: %w", err)
	}
	return err
}

// runBare runs a batch's only op; if it fails, the caller rolls back.
func (w *writer) runBare(op *writeOp) {
	if op.err = op.ctx.Err(); op.err == nil {
		op.err = op.fn(&writeTx{w: w, conn: w.conn, op: op})
	}
}

// runOp runs one op inside a savepoint of the batch's transaction.
func (w *writer) runOp(ctx context.Context, op *writeOp) {
	if op.err = op.ctx.Err(); op.err != nil {
		return
	}
	if op.err = w.exec(ctx, w.stmts.savepoint); op.err != nil {
		return
	}
	op.err = op.fn(&writeTx{w: w, conn: w.conn, op: op})
	if op.err != nil {
		op.interned = nil
		if err := w.exec(ctx, w.stmts.rollbackTo); err != nil {
			w.logger.Error("store rollback to savepoint failed", "err", err)
		}
	}
	if err := w.exec(ctx, w.stmts.release); err != nil && op.err == nil {
		op.err = fmt.Errorf("release savepoint: %w", err)
	}
}

func (w *writer) exec(ctx context.Context, st *sql.Stmt) error {
	_, err := st.ExecContext(ctx)
	return err
}

// change runs st with args and returns none when it changed no row.
func (t *writeTx) change(st *sql.Stmt, what string, none error, args ...any) error {
	res, err := st.Exec(args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		return none
	}
	return nil
}

// writeTx is what an op sees: the writer's prepared statements inside the
// current transaction.
type writeTx struct {
	w    *writer
	conn *sql.Conn
	op   *writeOp
}
