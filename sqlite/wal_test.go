package sqlite

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// TestWALStaysBounded: a steady stream of heartbeats must not grow the
// write-ahead log without bound (it is checkpointed and restarted).
func TestWALStaysBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	db := openAt(t, path)
	defer db.Close()
	ctx := t.Context()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	const n = 5000 // one WAL page each; the WAL restarts every ~1000 pages
	for i := range n {
		hb := attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second), Data: attnflow.Data{"a": 1}}
		if _, err := db.Heartbeat(ctx, "b", hb, 2*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if max := int64(8 << 20); fi.Size() > max {
		t.Fatalf("WAL is %d bytes after %d heartbeats, want at most %d", fi.Size(), n, max)
	}
}
