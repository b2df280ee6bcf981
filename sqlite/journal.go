package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// journal is the heartbeat write path of the process that holds the
// heartbeat log (hblog.go). A heartbeat is acknowledged once its outcome
// (a new event, or an event's new duration) is appended to the log; the
// store applies the pending outcomes to SQLite in one transaction before
// the writer's next batch, before any read, when the log has been waiting
// for flushDelay, and when it holds maxPending events. Pending outcomes
// are coalesced by event id, so a thousand merges of one event cost one
// UPDATE.
//
// A new event's id is handed out at once, from a block of ids the journal
// reserved by raising the events table's sqlite_sequence row (migration
// 0003 makes the ids AUTOINCREMENT): every other insert, in this process
// or another, takes an id above the block, and the id a heartbeat answers
// with is the one its event gets.
type journal struct {
	db    *DB
	files *hbFiles

	mu       sync.Mutex // guards the fields below and appends to files
	pending  []*hbRecord
	byID     map[int64]*hbRecord
	buf      []byte
	timerSet bool
	closed   bool
	// broken is set when the log can no longer be written; heartbeats
	// then commit to SQLite directly.
	broken error
	// remapped holds ids whose event had to take another id when applied
	// (another writer took the id in between; see applyInsert). Only
	// applying touches it, with the writer's lock held, not mu.
	remapped map[int64]int64

	idmu           sync.Mutex // guards nextID and endID
	nextID, endID  int64      // the reserved block: [nextID, endID)
	flushDelay     time.Duration
	maxPending     int
	idBlock        int64
	flushRequested chan struct{}
}

const (
	defaultFlushDelay = 200 * time.Millisecond
	defaultMaxPending = 8192
	defaultIDBlock    = 1024
)

// errJournalOff says the heartbeat must take the direct path.
var errJournalOff = errors.New("heartbeat log off")

// log appends r to the log and adds it to the pending outcomes.
func (j *journal) log(r hbRecord) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return errClosed
	}
	if j.broken != nil {
		return errJournalOff
	}
	j.buf = appendRecord(j.buf[:0], r)
	if err := j.files.append(j.buf); err != nil {
		j.broken = err
		j.db.logger.Error("store: heartbeat log unwritable; heartbeats now commit directly", "err", err)
		return errJournalOff
	}
	if p := j.byID[r.id]; p != nil {
		p.dur = r.dur // the same event, a later state
	} else {
		p := r
		j.pending = append(j.pending, &p)
		j.byID[r.id] = &p
	}
	j.scheduleLocked()
	return nil
}

// scheduleLocked makes sure the pending outcomes get applied soon.
func (j *journal) scheduleLocked() {
	if len(j.pending) == j.maxPending {
		select {
		case j.flushRequested <- struct{}{}:
		default:
		}
	}
	if !j.timerSet {
		j.timerSet = true
		time.AfterFunc(j.flushDelay, func() {
			j.mu.Lock()
			j.timerSet = false
			j.mu.Unlock()
			select {
			case j.flushRequested <- struct{}{}:
			default:
			}
		})
	}
}

// flusher applies pending outcomes when asked, until ctx ends.
func (j *journal) flusher(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-j.flushRequested:
			if err := j.db.flushPending(ctx); err != nil && !errors.Is(err, errClosed) && ctx.Err() == nil {
				j.db.logger.Error("store: applying heartbeats failed; will retry", "err", err)
			}
		}
	}
}

func (j *journal) hasPending() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending) > 0
}

// allocID hands out the next id of the reserved block, reserving a new
// block when it is used up.
func (j *journal) allocID(ctx context.Context) (int64, error) {
	j.idmu.Lock()
	defer j.idmu.Unlock()
	if j.nextID >= j.endID {
		var end int64
		err := j.db.w.do(ctx, &writeOp{fn: func(t *writeTx) error {
			var err error
			end, err = t.reserveIDs(j.idBlock)
			return err
		}})
		if err != nil {
			return 0, err
		}
		j.nextID, j.endID = end-j.idBlock+1, end+1
	}
	id := j.nextID
	j.nextID++
	return id, nil
}

// reserveIDs raises the events' sequence by n above every id in use and
// returns its new value: ids (value-n, value] are the caller's.
func (t *writeTx) reserveIDs(n int64) (int64, error) {
	if _, err := t.w.stmts.seqInit.Exec(); err != nil {
		return 0, fmt.Errorf("reserve event ids: %w", err)
	}
	var end int64
	if err := t.w.stmts.seqReserve.QueryRow(n).Scan(&end); err != nil {
		return 0, fmt.Errorf("reserve event ids: %w", err)
	}
	return end, nil
}

// apply writes the pending outcomes to SQLite in one transaction and then
// deletes the log segments that held them. The caller holds the writer's
// lock. On failure the outcomes stay pending and the segments stay.
func (j *journal) apply(w *writer) error {
	j.mu.Lock()
	recs := j.pending
	if len(recs) == 0 || j.closed {
		j.mu.Unlock()
		return nil // a closed log's pending outcomes wait in its file
	}
	j.pending, j.byID = nil, make(map[int64]*hbRecord, len(recs))
	old, rerr := j.files.rotate()
	if rerr != nil && j.broken == nil {
		j.broken = rerr
		j.db.logger.Error("store: heartbeat log cannot start a new segment; heartbeats now commit directly", "err", rerr)
	}
	j.mu.Unlock()
	if err := j.write(w, recs); err != nil {
		j.restore(recs)
		return err
	}
	if err := j.files.remove(old); err != nil {
		j.mu.Lock()
		if j.broken == nil {
			j.broken = err
		}
		j.mu.Unlock()
		j.db.logger.Error("store: applied heartbeat log segments cannot be removed; heartbeats now commit directly", "err", err)
	}
	return nil
}

// restore puts recs back in front of the outcomes logged since.
func (j *journal) restore(recs []*hbRecord) {
	j.mu.Lock()
	defer j.mu.Unlock()
	newer := j.pending
	j.pending, j.byID = recs, make(map[int64]*hbRecord, len(recs)+len(newer))
	for _, r := range recs {
		j.byID[r.id] = r
	}
	for _, r := range newer {
		if p := j.byID[r.id]; p != nil {
			p.dur = r.dur
			continue
		}
		j.pending = append(j.pending, r)
		j.byID[r.id] = r
	}
}

// write applies recs in one transaction.
func (j *journal) write(w *writer, recs []*hbRecord) error {
	ctx := context.Background()
	op := &writeOp{ctx: ctx}
	t := &writeTx{w: w, conn: w.conn, op: op}
	if err := w.exec(ctx, w.stmts.begin); err != nil {
		return fmt.Errorf("apply heartbeats: %w", err)
	}
	err := j.writeAll(t, recs)
	if err == nil {
		err = w.exec(ctx, w.stmts.commit)
	}
	if err != nil {
		_ = w.exec(ctx, w.stmts.rollback)
		return fmt.Errorf("apply heartbeats: %w", err)
	}
	w.intern.addAll(op.interned)
	return nil
}

func (j *journal) writeAll(t *writeTx, recs []*hbRecord) error {
	// The new events' payloads are interned together: one lookup and
	// multi-row inserts for those the cache misses (importdata.go).
	var payloads [][]byte
	for _, r := range recs {
		if r.insert {
			payloads = append(payloads, r.json)
		}
	}
	dataIDs, err := t.internAll(context.Background(), payloads)
	if err != nil {
		return err
	}
	// A batch holds at most one record per event, so its inserts and its
	// new durations concern different events and need no order.
	inserts := make([]*hbRecord, 0, len(payloads))
	longest := make(map[int64]int64)
	for _, r := range recs {
		longest[r.bucket] = max(longest[r.bucket], r.dur)
		if r.insert {
			inserts = append(inserts, r)
		} else if err := j.applyDur(t, r); err != nil {
			return err
		}
	}
	if err := j.insertAll(t, inserts, dataIDs); err != nil {
		return err
	}
	for key, d := range longest {
		if _, err := t.w.stmts.bumpMaxDur.Exec(key, nextMaxDur(d)); err != nil {
			return fmt.Errorf("update bucket duration bound: %w", err)
		}
	}
	return nil
}

// insertAll inserts new events with multi-row statements. A chunk in
// which not every row went in (an id already there, a bucket gone) is
// gone through again event by event with applyInsert, which sorts out
// each case (an event inserted by the statement is then found as one
// applied before).
func (j *journal) insertAll(t *writeTx, recs []*hbRecord, dataIDs []int64) error {
	ctx := context.Background()
	args := make([]any, 0, 5*min(len(recs), insertChunk))
	for from := 0; from < len(recs); from += insertChunk {
		to := min(len(recs), from+insertChunk)
		args = args[:0]
		for k := from; k < to; k++ {
			r := recs[k]
			args = append(args, r.id, r.bucket, r.start, r.dur, dataIDs[k])
		}
		n, err := t.queryChanges(ctx, insertLoggedRows(to-from), args)
		if err != nil {
			return fmt.Errorf("insert events: %w", err)
		}
		if n == int64(to-from) {
			continue
		}
		for k := from; k < to; k++ {
			if err := j.applyInsert(t, recs[k], dataIDs[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertLoggedRows is the statement inserting n logged events with their
// ids, skipping ids in use and buckets that are gone.
func insertLoggedRows(n int) string {
	return "INSERT INTO events (id, bucket, start, dur, data) SELECT column1, column2, column3, column4, column5 FROM (VALUES " +
		strings.TrimSuffix(strings.Repeat("(?,?,?,?,?),", n), ",") +
		") WHERE column2 IN (SELECT key FROM buckets) ON CONFLICT (id) DO NOTHING"
}

// queryChanges runs a write statement through Query (its arguments bound
// in one cgo call, see insertChunks) and returns the rows it changed.
func (t *writeTx) queryChanges(ctx context.Context, stmt string, args []any) (int64, error) {
	rows, err := t.conn.QueryContext(ctx, stmt, args...)
	if err != nil {
		return 0, err
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	var n int64
	err = t.conn.QueryRowContext(ctx, "SELECT changes()").Scan(&n)
	return n, err
}

// applyInsert inserts a new event with its id. Replayed after a crash,
// the event may already be there: then only its duration is set. If
// another writer took the id meanwhile (an event posted with an explicit
// id), the event takes a new id and later durations follow it.
func (j *journal) applyInsert(t *writeTx, r *hbRecord, dataID int64) error {
	res, err := t.w.stmts.insertLogged.Exec(r.id, r.bucket, r.start, r.dur, dataID)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var bucket, start, data int64
	err = t.w.stmts.eventByID.QueryRow(r.id).Scan(&bucket, &start, &data)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		j.db.logger.Warn("store: heartbeat for a deleted bucket dropped", "bucket_key", r.bucket, "id", r.id)
		return nil
	case err != nil:
		return fmt.Errorf("insert event: %w", err)
	case bucket == r.bucket && start == r.start && data == dataID:
		return j.applyDur(t, r) // already applied before a crash
	}
	res, err = t.w.stmts.insertEvent.Exec(r.bucket, r.start, r.dur, dataID)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	j.db.logger.Warn("store: a heartbeat's event id was taken by another write; the event got a new id", "id", r.id, "new_id", id)
	j.remapped[r.id] = id
	return nil
}

// applyDur sets a pending event's duration; an event deleted meanwhile
// by another process stays deleted.
func (j *journal) applyDur(t *writeTx, r *hbRecord) error {
	id := r.id
	if nid, ok := j.remapped[id]; ok {
		id = nid
	}
	if _, err := t.w.stmts.setLoggedDur.Exec(r.dur, id, r.bucket, r.start); err != nil {
		return fmt.Errorf("extend event: %w", err)
	}
	return nil
}

// flushPending applies the pending heartbeat outcomes now.
func (db *DB) flushPending(ctx context.Context) error {
	return db.w.do(ctx, &writeOp{noTx: true, fn: func(*writeTx) error { return nil }})
}

// syncPending makes sure reads see every acknowledged heartbeat.
func (db *DB) syncPending(ctx context.Context) error {
	if db.j == nil || !db.j.hasPending() {
		return nil
	}
	return db.flushPending(ctx)
}

// openJournal takes the heartbeat log if no other process holds it,
// applies what a previous run left in it, and keeps it for heartbeats
// unless keep is false. Called by Open before the store is shared.
func (db *DB) openJournal(ctx context.Context, keep bool) error {
	files, ok, err := lockHBFiles(db.path)
	if err != nil || !ok {
		if ok || err == nil {
			db.logger.Info("store: another process holds the heartbeat log; heartbeats commit directly")
		}
		return err
	}
	j := &journal{db: db, files: files, byID: make(map[int64]*hbRecord), remapped: make(map[int64]int64),
		flushDelay: defaultFlushDelay, maxPending: defaultMaxPending, idBlock: defaultIDBlock,
		flushRequested: make(chan struct{}, 1)}
	last, err := j.replay()
	if err == nil {
		err = files.openSegment(last + 1)
	}
	if err != nil {
		files.close()
		return err
	}
	db.j = j
	if err := db.flushPending(ctx); err != nil {
		db.j = nil
		files.close()
		return fmt.Errorf("apply the heartbeat log of the last run: %w", err)
	}
	if err := files.remove(last); err != nil {
		db.logger.Warn("store: old heartbeat log segments remain", "err", err)
	}
	if !keep {
		err := db.closeJournal()
		db.j = nil
		return err
	}
	fctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	db.stopJournal = func() { cancel(); <-done }
	go j.flusher(fctx, done)
	return nil
}

// replay loads the segments a previous run left as pending outcomes and
// returns the last segment's number (-1 for none).
func (j *journal) replay() (int, error) {
	nums, err := j.files.segments()
	if err != nil || len(nums) == 0 {
		return -1, err
	}
	n := 0
	for _, num := range nums {
		recs, torn, err := j.files.readSegment(num)
		if err != nil {
			return -1, err
		}
		if torn {
			j.db.logger.Warn("store: heartbeat log segment ends in a torn record (power loss?); the records before it are kept", "segment", j.files.segPath(num))
		}
		for _, r := range recs {
			if p := j.byID[r.id]; p != nil {
				p.dur = r.dur
				continue
			}
			p := r
			j.pending = append(j.pending, &p)
			j.byID[r.id] = &p
		}
		n += len(recs)
	}
	if n > 0 {
		j.db.logger.Info("store: applying heartbeats logged by the last run", "records", n, "events", len(j.pending))
	}
	return nums[len(nums)-1], nil
}

// closeJournal applies what is pending, removes the log and releases it.
func (db *DB) closeJournal() error {
	j := db.j
	if j == nil {
		return nil
	}
	if db.stopJournal != nil {
		db.stopJournal()
	}
	err := db.flushPending(context.Background())
	j.mu.Lock()
	j.closed = true
	empty := len(j.pending) == 0
	j.mu.Unlock()
	if err == nil && empty {
		seg := j.files.seg
		j.files.f.Close()
		j.files.f = nil
		err = j.files.remove(seg)
	}
	return errors.Join(err, j.files.close())
}

// applyJournal is the writer's before hook.
func (db *DB) applyJournal(w *writer) error {
	if db.j == nil {
		return nil
	}
	return db.j.apply(w)
}

// QueueDepths reports the writes waiting now: "writes" queued for the
// writer, and "heartbeats", the events whose heartbeat outcomes are
// logged but not yet applied to SQLite.
func (db *DB) QueueDepths() map[string]int {
	db.w.qmu.Lock()
	writes := len(db.w.queue)
	db.w.qmu.Unlock()
	hb := 0
	if db.j != nil {
		db.j.mu.Lock()
		hb = len(db.j.pending)
		db.j.mu.Unlock()
	}
	return map[string]int{"writes": writes, "heartbeats": hb}
}
