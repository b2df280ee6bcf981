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
	err  error
	done chan struct{}
	// interned collects data ids this op created; they enter the shared
	// cache only once committed.
	interned map[string]int64
}

// writer owns the single write connection and commits queued ops in
// groups: it takes every op waiting when it becomes free, runs them in one
// transaction and answers each once it is committed.
type writer struct {
	conn    *sql.Conn
	logger  *slog.Logger
	ops     chan *writeOp
	max     int
	intern  *internCache
	stmts   writeStmts
	mu      sync.RWMutex // guards closed against sends on a closed channel
	closed  bool
	stopped chan struct{}
}

var errClosed = errors.New("store is closed")

func startWriter(ctx context.Context, db *sql.DB, maxBatch int, logger *slog.Logger) (*writer, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	w := &writer{
		conn: conn, logger: logger, max: maxBatch,
		ops: make(chan *writeOp, maxBatch), intern: newInternCache(4096),
		stopped: make(chan struct{}),
	}
	if err := w.stmts.prepare(ctx, conn); err != nil {
		conn.Close()
		return nil, err
	}
	go w.run()
	return w, nil
}

// do queues op and waits until it is committed (or failed). It does not
// give up when ctx ends while the op is queued or running, so that callers
// never mistake a committed write for a failed one; the writer skips ops
// whose context ended before they ran.
func (w *writer) do(ctx context.Context, op *writeOp) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	op.ctx = ctx
	op.done = make(chan struct{})
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return errClosed
	}
	w.ops <- op
	w.mu.RUnlock()
	<-op.done
	return op.err
}

// close stops accepting ops, lets the queued ones finish and closes the
// connection.
func (w *writer) close() error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.ops)
	}
	w.mu.Unlock()
	<-w.stopped
	w.stmts.close()
	return w.conn.Close()
}

func (w *writer) run() {
	defer close(w.stopped)
	batch := make([]*writeOp, 0, w.max)
	for op := range w.ops {
		batch = append(batch[:0], op)
		var alone *writeOp
	drain:
		for len(batch) < w.max && !op.noTx {
			select {
			case next, ok := <-w.ops:
				if !ok {
					break drain
				}
				if next.noTx {
					alone = next
					break drain
				}
				batch = append(batch, next)
			default:
				break drain
			}
		}
		if op.noTx {
			w.runAlone(op)
			continue
		}
		w.commit(batch)
		if alone != nil {
			w.runAlone(alone)
		}
	}
}

func (w *writer) runAlone(op *writeOp) {
	if op.err = op.ctx.Err(); op.err == nil {
		op.err = op.fn(&writeTx{w: w, conn: w.conn, op: op})
	}
	close(op.done)
}

// commit runs batch in one transaction and answers every op.
func (w *writer) commit(batch []*writeOp) {
	ctx := context.Background()
	err := w.exec(ctx, w.stmts.begin)
	if err == nil {
		for _, op := range batch {
			w.runOp(ctx, op)
		}
		if err = w.exec(ctx, w.stmts.commit); err != nil {
			_ = w.exec(ctx, w.stmts.rollback)
		}
	}
	if err != nil {
		w.logger.Error("store write failed", "err", err, "ops", len(batch))
		err = fmt.Errorf("store write: %w", err)
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

// writeTx is what an op sees: the writer's prepared statements inside the
// current transaction.
type writeTx struct {
	w    *writer
	conn *sql.Conn
	op   *writeOp
}
