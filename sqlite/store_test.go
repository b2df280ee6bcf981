package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/sqlite"
	"github.com/attnflow/attnflow/storetest"
)

func openTest(t *testing.T) *sqlite.DB {
	t.Helper()
	return openTestWith(t, sqlite.Options{})
}

func openTestWith(t *testing.T, opts sqlite.Options) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "attnflow.db"), nil, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.RunSuite(t, func(t *testing.T) attnflow.Store { return openTest(t) })
}

// TestConformanceNoJournal runs the suite with heartbeats committed one by
// one, the path taken when another process holds the heartbeat log.
func TestConformanceNoJournal(t *testing.T) {
	storetest.RunSuite(t, func(t *testing.T) attnflow.Store { return openTestWith(t, sqlite.Options{NoJournal: true}) })
}
