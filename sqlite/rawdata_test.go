package sqlite

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// TestRawLoadPayloadsMatchesSQL compares the C payload read with the
// database/sql one: ids in any order, dense, sparse and around the
// distance the reader steps rather than seeks, a missing id, payloads
// larger than the read buffer's first guess, nested and escaped ones.
func TestRawLoadPayloadsMatchesSQL(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	var in []attnflow.Event
	for i := range 2*dataChunk + 10 {
		d := attnflow.Data{"app": fmt.Sprintf("app%d", i%7), "title": fmt.Sprintf("title %d", i)}
		switch i % 500 {
		case 1:
			d["title"] = strings.Repeat("long ", 20_000) // 100 kB
		case 2:
			d["tags"] = []any{"a", map[string]any{"k": "say \"hi\""}}
		}
		in = append(in, attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second), Data: d})
	}
	if _, err := db.InsertEvents(ctx, "b", in); err != nil {
		t.Fatal(err)
	}
	n := rawInt(t, db.Path(), "SELECT MAX(id) FROM data")
	for _, tc := range []struct {
		name string
		ids  []int64
	}{
		{"one", []int64{1}},
		{"descending with a missing id", []int64{n + 5, n, n - 1, 3, 2, 1}},
		{"all", idRange(1, n)},
		{"gaps around the step limit", []int64{1, 17, 34, 35, 52, 70, 300, 301, n}},
		{"sparse", idStep(5, n, 37)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := db.loadPayloads(ctx, tc.ids)
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.rawLoadPayloads(ctx, tc.ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d payloads, want %d", len(got), len(want))
			}
			for id, w := range want {
				if g := got[id]; g == nil || !reflect.DeepEqual(g, w) {
					t.Fatalf("payload %d: got %+v, want %+v", id, g, w)
				}
			}
		})
	}
}

func idRange(lo, hi int64) []int64 { return idStep(lo, hi, 1) }

func idStep(lo, hi, step int64) []int64 {
	var ids []int64
	for id := lo; id <= hi; id += step {
		ids = append(ids, id)
	}
	return ids
}
