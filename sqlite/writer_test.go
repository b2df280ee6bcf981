package sqlite

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/attnflow/attnflow"
)

// TestBatchWithFailingOp queues ops so that they share one transaction;
// the failing ones must leave no trace, the others must commit.
func TestBatchWithFailingOp(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "a.db")
	db := openAt(t, path)
	defer db.Close()
	errBoom := errors.New("boom")
	create := func(id string) func(*writeTx) error {
		return func(tx *writeTx) error {
			_, err := tx.w.stmts.createBucket.Exec(id, "", "", "", "", 0, "{}")
			return err
		}
	}
	ops := []*writeOp{
		{fn: create("a")},
		{fn: func(tx *writeTx) error {
			if err := create("doomed")(tx); err != nil {
				return err
			}
			if _, err := tx.internData([]byte(`{"rolled":"back"}`)); err != nil {
				return err
			}
			return errBoom
		}},
		{fn: create("b")},
	}
	for _, op := range ops {
		op.ctx = ctx
		op.done = make(chan struct{})
	}
	w := db.w
	w.leader <- struct{}{}
	w.qmu.Lock()
	w.queue = append(w.queue, ops...)
	w.qmu.Unlock()
	w.flush(nil)
	<-w.leader
	for i, op := range ops {
		<-op.done
		if want := map[int]error{1: errBoom}[i]; !errors.Is(op.err, want) {
			t.Fatalf("op %d: got %v, want %v", i, op.err, want)
		}
	}
	for id, want := range map[string]string{"a": "", "b": "", "doomed": attnflow.ENOTFOUND} {
		_, err := db.Bucket(ctx, id)
		if got := attnflow.ErrorCode(err); got != want {
			t.Fatalf("bucket %q: got code %q (%v), want %q", id, got, err, want)
		}
	}
	if n := rawInt(t, path, "SELECT COUNT(*) FROM data"); n != 0 {
		t.Fatalf("data rows = %d, want 0 after the op that added one failed", n)
	}
	if _, ok := w.intern.get([]byte(`{"rolled":"back"}`)); ok {
		t.Fatalf("intern cache kept an id that was rolled back")
	}
}

// TestSingleStatementOp: an op marked single runs without BEGIN/COMMIT
// when alone, and is committed all the same; one that changes nothing
// reports its error and leaves nothing.
func TestSingleStatementOp(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "a.db")
	db := openAt(t, path)
	defer db.Close()
	tests := []struct {
		id      string
		dup     bool // the bucket exists: the statement changes nothing
		wantErr bool
	}{
		{id: "one"},
		{id: "one", dup: true, wantErr: true},
	}
	for _, tt := range tests {
		err := db.w.do(ctx, &writeOp{single: true, fn: func(tx *writeTx) error {
			return tx.change(tx.w.stmts.createBucket, "create bucket", errors.New("exists"), tt.id, "", "", "", "", 0, "{}")
		}})
		if (err != nil) != tt.wantErr {
			t.Fatalf("create %q (dup %v): err %v, want error %v", tt.id, tt.dup, err, tt.wantErr)
		}
	}
	if n := rawInt(t, path, "SELECT COUNT(*) FROM buckets"); n != 1 {
		t.Fatalf("buckets = %d, want 1", n)
	}
}
