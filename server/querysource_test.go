package server

import (
	"path/filepath"
	"testing"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/sqlite"
)

// TestQuerySourceShared checks that queries read through EventsShared,
// also when the store is wrapped to watch writes, and fall back to the
// store itself otherwise.
func TestQuerySourceShared(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "a.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct {
		name   string
		store  attnflow.Store
		shared bool
	}{
		{"sqlite", db, true},
		{"watched sqlite", &watchedStore{Store: &watchedStore{Store: db}}, true},
		{"store without EventsShared", plainStore{db}, false},
	} {
		src := querySource(tc.store)
		ss, ok := src.(sharedSource)
		if ok != tc.shared {
			t.Errorf("%s: querySource gave %T, want shared %v", tc.name, src, tc.shared)
		}
		if ok && ss.Store != tc.store {
			t.Errorf("%s: the source's other reads do not go through the store given", tc.name)
		}
	}
}

// plainStore hides every method but attnflow.Store's.
type plainStore struct{ attnflow.Store }
