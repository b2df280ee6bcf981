package awimport

import (
	"context"
	"testing"
)

func TestQuickCheckRust(t *testing.T) {
	rs := func(t *testing.T, p string) { buildRust(t, p, fixture(), 6) }
	tests := []struct {
		name   string
		path   func(t *testing.T) string
		wantOK bool
	}{
		{"rust", func(t *testing.T) string { return changed(t, rs, `SELECT 1`) }, true},
		{"rust list data", func(t *testing.T) string { return changed(t, rs, `UPDATE events SET data = '[]' WHERE id = 1`) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, err := Open(context.Background(), tc.path(t))
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			counts, ok, err := src.(quickChecker).QuickCheck(context.Background())
			if err != nil || ok != tc.wantOK {
				t.Fatalf("QuickCheck ok = %v (err %v), want %v", ok, err, tc.wantOK)
			}
			for _, f := range fixture() {
				if counts[f.bucket.ID] != len(f.events) {
					t.Errorf("bucket %s counted %d events, want %d", f.bucket.ID, counts[f.bucket.ID], len(f.events))
				}
			}
		})
	}
}
