package watch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
)

// Kinds of queued operations.
const (
	OpBucket    = "bucket"
	OpHeartbeat = "heartbeat"
	OpInsert    = "insert"
)

// Op is one write waiting to reach the server.
type Op struct {
	Kind      string           `json:"kind"`
	BucketID  string           `json:"bucket"`
	Type      string           `json:"type,omitempty"`   // OpBucket
	Client    string           `json:"client,omitempty"` // OpBucket
	Hostname  string           `json:"hostname,omitempty"`
	Events    []attnflow.Event `json:"events,omitempty"`    // one for OpHeartbeat
	Pulsetime float64          `json:"pulsetime,omitempty"` // seconds, OpHeartbeat
}

// queueLine is one line of the queue's append-only log: an operation with
// its sequence number (a later line with the same number replaces an
// earlier one: a heartbeat merged in place) or an acknowledgement that
// every operation up to Ack reached the server.
type queueLine struct {
	Seq int64 `json:"seq,omitempty"`
	Op  *Op   `json:"op,omitempty"`
	Ack int64 `json:"ack,omitempty"`
}

type seqOp struct {
	seq int64
	op  Op
}

// Queue is a bounded, durable FIFO of operations for a server that is not
// reachable. It lives in an append-only file of JSON lines that is
// compacted when it has grown well past its content, so nothing queued is
// lost across restarts. Queued heartbeats are merged by the heartbeat rule,
// so a long outage costs one entry per distinct window, not one per poll.
// When full, the oldest operations are dropped (and counted).
type Queue struct {
	mu      sync.Mutex
	path    string
	max     int
	ops     []seqOp
	next    int64
	lines   int // lines in the file
	f       *os.File
	dropped int
}

// DefaultQueueMax bounds the queue: about a week of window switches every
// 10 s, or a few MB on disk.
const DefaultQueueMax = 50_000

// OpenQueue opens (or creates) the queue file at path, holding at most max
// operations (DefaultQueueMax when max <= 0), and loads what it holds.
func OpenQueue(path string, max int) (*Queue, error) {
	if max <= 0 {
		max = DefaultQueueMax
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create queue dir: %w", err)
	}
	q := &Queue{path: path, max: max, next: 1}
	if err := q.load(); err != nil {
		return nil, err
	}
	if err := q.rewrite(); err != nil {
		return nil, err
	}
	return q, nil
}

// load reads the log; a torn last line (a crash mid-write) is ignored.
func (q *Queue) load() error {
	b, err := os.ReadFile(q.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read queue: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	var ack int64
	for sc.Scan() {
		var l queueLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue
		}
		switch {
		case l.Ack > 0:
			ack = max(ack, l.Ack)
		case l.Op != nil && l.Seq > ack:
			q.put(seqOp{l.Seq, *l.Op})
		}
	}
	q.ackLocked(ack)
	return nil
}

// put inserts or replaces an operation by sequence number.
func (q *Queue) put(so seqOp) {
	if n := len(q.ops); n > 0 && q.ops[n-1].seq == so.seq {
		q.ops[n-1] = so
	} else {
		q.ops = append(q.ops, so)
	}
	q.next = max(q.next, so.seq+1)
}

// Len returns the number of queued operations.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ops)
}

// Dropped returns how many operations were dropped because the queue was full.
func (q *Queue) Dropped() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.dropped
}

// Push appends op, merging a heartbeat into the bucket's last queued
// heartbeat when the heartbeat rule allows, and writes it to the file.
func (q *Queue) Push(op Op) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if i := q.mergeTarget(op); i >= 0 {
		merged, _ := attnflow.MergeHeartbeat(q.ops[i].op.Events[0], op.Events[0], secondsDur(op.Pulsetime))
		q.ops[i].op.Events[0] = merged
		if i == len(q.ops)-1 && !q.bloated() {
			return q.append(queueLine{Seq: q.ops[i].seq, Op: &q.ops[i].op})
		}
		return q.rewrite() // merged into an older entry, or compacting
	}
	so := seqOp{q.next, op}
	q.next++
	q.ops = append(q.ops, so)
	if len(q.ops) > q.max {
		q.dropped += len(q.ops) - q.max
		q.ops = q.ops[len(q.ops)-q.max:]
		return q.rewrite()
	}
	return q.append(queueLine{Seq: so.seq, Op: &so.op})
}

// mergeTarget returns the index of the queued heartbeat op merges into, or -1.
func (q *Queue) mergeTarget(op Op) int {
	if op.Kind != OpHeartbeat || len(op.Events) != 1 {
		return -1
	}
	for i := len(q.ops) - 1; i >= 0; i-- {
		o := q.ops[i].op
		if o.BucketID != op.BucketID {
			continue
		}
		if o.Kind != OpHeartbeat || len(o.Events) != 1 {
			return -1
		}
		if _, ok := attnflow.MergeHeartbeat(o.Events[0], op.Events[0], secondsDur(op.Pulsetime)); ok {
			return i
		}
		return -1
	}
	return -1
}

// Peek returns the oldest operation and its sequence number.
func (q *Queue) Peek() (Op, int64, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.ops) == 0 {
		return Op{}, 0, false
	}
	return q.ops[0].op, q.ops[0].seq, true
}

// Ack removes every operation up to seq and records that in the file.
func (q *Queue) Ack(seq int64) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ackLocked(seq)
	if len(q.ops) == 0 || q.bloated() {
		return q.rewrite()
	}
	return q.append(queueLine{Ack: seq})
}

// bloated reports whether the log holds far more lines than operations
// (merged heartbeats and acknowledgements), so it should be compacted.
func (q *Queue) bloated() bool { return q.lines > 2*len(q.ops)+1000 }

func (q *Queue) ackLocked(seq int64) {
	i := 0
	for i < len(q.ops) && q.ops[i].seq <= seq {
		i++
	}
	q.ops = q.ops[i:]
}

// append writes one line to the log.
func (q *Queue) append(l queueLine) error {
	b, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("encode queue line: %w", err)
	}
	if _, err := q.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write queue: %w", err)
	}
	q.lines++
	return nil
}

// rewrite replaces the file with the current content, atomically.
func (q *Queue) rewrite() error {
	tmp := q.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("rewrite queue: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range q.ops {
		if err := enc.Encode(queueLine{Seq: q.ops[i].seq, Op: &q.ops[i].op}); err != nil {
			f.Close()
			return fmt.Errorf("rewrite queue: %w", err)
		}
	}
	if err := errors.Join(w.Flush(), f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("rewrite queue: %w", err)
	}
	if err := os.Rename(tmp, q.path); err != nil {
		return fmt.Errorf("rewrite queue: %w", err)
	}
	if q.f != nil {
		q.f.Close()
	}
	q.f, err = os.OpenFile(q.path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("reopen queue: %w", err)
	}
	q.lines = len(q.ops)
	return nil
}

// Close syncs and closes the file.
func (q *Queue) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.f == nil {
		return nil
	}
	err := errors.Join(q.f.Sync(), q.f.Close())
	q.f = nil
	return err
}

func secondsDur(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
