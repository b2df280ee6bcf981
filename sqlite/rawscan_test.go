package sqlite

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// TestRawScanAvailable fails when a driver version no longer exposes the
// connection handle the C range scan needs (Events would silently fall
// back to the slower database/sql scan).
func TestRawScanAvailable(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	conn, err := db.rdb.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		_, err := connHandle(dc)
		return err
	})
	if err != nil {
		t.Fatalf("connHandle: %v", err)
	}
	if _, err := connHandle(struct{}{}); !errors.Is(err, errNoHandle) {
		t.Errorf("connHandle of a foreign connection: got %v, want errNoHandle", err)
	}
}

// TestRawScanMatchesSQL compares the C range scan with the database/sql
// scan of the events statement over data full of equal starts.
func TestRawScanMatchesSQL(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "other"}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var events []attnflow.Event
	for range 3 * scanChunk {
		events = append(events, attnflow.Event{
			Timestamp: t0.Add(time.Duration(rng.IntN(2000)) * time.Second), // many ties
			Duration:  time.Duration(rng.IntN(30)) * time.Second,
			Data:      attnflow.Data{"app": string(rune('a' + rng.IntN(5)))},
		})
	}
	for _, id := range []string{"b", "other"} {
		if _, err := db.InsertEvents(ctx, id, events); err != nil {
			t.Fatal(err)
		}
	}
	st, err := db.state(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		r     attnflow.TimeRange
		limit int64
	}{
		{"all", attnflow.TimeRange{}, -1},
		{"limit 1", attnflow.TimeRange{}, 1},
		{"limit inside a tie group", attnflow.TimeRange{}, 7},
		{"limit over a chunk", attnflow.TimeRange{}, scanChunk + 3},
		{"limit above the count", attnflow.TimeRange{}, 10 * scanChunk},
		{"range", attnflow.TimeRange{Start: t0.Add(500 * time.Second), End: t0.Add(900 * time.Second)}, -1},
		{"range and limit", attnflow.TimeRange{Start: t0.Add(500 * time.Second), End: t0.Add(900 * time.Second)}, 11},
		{"empty range", attnflow.TimeRange{Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour)}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hi, lo, endMin := rangeArgs(tc.r, st.maxDur.Load())
			want, err := db.scanEvents(ctx, nil, st.key, hi, lo, endMin, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			// Appended to an empty buffer, and to a nearly full pooled one
			// (the rows then spill into chunks of their own).
			for _, from := range []int{0, maxPooledRows - 100} {
				buf := make([]eventRow, from, max(from, maxPooledRows))
				if from > 0 {
					buf[0].id = 42
				}
				got, err := db.rawScanEvents(ctx, buf, st.key, hi, lo, endMin, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if from > 0 && got[0].id != 42 {
					t.Errorf("after %d rows: the rows already in the buffer changed", from)
				}
				if !slices.Equal(got[from:], want) {
					t.Errorf("after %d rows: got %d rows, want %d; first difference at %d", from, len(got)-from, len(want), firstDiff(got[from:], want))
				}
			}
		})
	}
}

func firstDiff(a, b []eventRow) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestRawScanCancelled(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	if err := db.CreateBucket(t.Context(), attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := db.rawScanEvents(ctx, nil, 1, 1<<62, 0, 0, -1)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("scan with a cancelled context: got %v, want context.Canceled", err)
	}
}
