package sqlite

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/google/go-cmp/cmp"
)

// TestMergeCachedMatchesDomain: comparing cached canonical forms gives
// the same result as attnflow.MergeHeartbeat on the events themselves.
func TestMergeCachedMatchesDomain(t *testing.T) {
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	last := attnflow.Event{ID: 7, Timestamp: base, Duration: 5 * time.Second, Data: attnflow.Data{"app": "code", "n": 1.0}}
	tests := []struct {
		name string
		hb   attnflow.Event
	}{
		{"same data, within pulsetime", attnflow.Event{Timestamp: base.Add(6 * time.Second), Data: attnflow.Data{"n": 1.0, "app": "code"}}},
		{"same data, gap exactly pulsetime", attnflow.Event{Timestamp: base.Add(15 * time.Second), Data: attnflow.Data{"app": "code", "n": 1.0}}},
		{"same data, too late", attnflow.Event{Timestamp: base.Add(16 * time.Second), Data: attnflow.Data{"app": "code", "n": 1.0}}},
		{"same data, before last", attnflow.Event{Timestamp: base.Add(-time.Second), Data: attnflow.Data{"app": "code", "n": 1.0}}},
		{"same data, pre-merged longer", attnflow.Event{Timestamp: base.Add(time.Second), Duration: time.Minute, Data: attnflow.Data{"app": "code", "n": 1.0}}},
		{"other data", attnflow.Event{Timestamp: base.Add(time.Second), Data: attnflow.Data{"app": "code", "n": 2.0}}},
		{"empty data", attnflow.Event{Timestamp: base.Add(time.Second), Data: attnflow.Data{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lastJSON, _ := canonical(last.Data)
			hbJSON, _ := canonical(tt.hb.Data)
			st := &bucketState{last: last, lastOK: true, lastKnown: true, lastJSON: lastJSON}
			got, gotOK := mergeCached(st, tt.hb, hbJSON, 10*time.Second)
			want, wantOK := attnflow.MergeHeartbeat(last, tt.hb, 10*time.Second)
			if gotOK != wantOK {
				t.Fatalf("merged = %v, want %v", gotOK, wantOK)
			}
			if gotOK {
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("merged event (-want +got):\n%s", diff)
				}
			}
		})
	}
}
