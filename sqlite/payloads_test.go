package sqlite

import (
	"path/filepath"
	"time"

	"reflect"
	"testing"

	"github.com/attnflow/attnflow"
)

func TestPayloadCopySharesNothing(t *testing.T) {
	tests := []struct {
		name string
		js   string
	}{
		{"empty", `{}`},
		{"scalars", `{"app":"Firefox","n":3,"ok":true,"none":null}`},
		{"nested", `{"app":"x","tags":["a",{"b":1}],"meta":{"k":[1,2]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := decodePayload([]byte(tt.js), nil)
			if err != nil {
				t.Fatal(err)
			}
			want := p.copy()
			a, b := p.copy(), p.copy()
			if !reflect.DeepEqual(a, want) {
				t.Fatalf("copy = %v, want %v", a, want)
			}
			scribble(a)
			if !reflect.DeepEqual(b, want) {
				t.Errorf("changing one copy changed another: got %v, want %v", b, want)
			}
			if !reflect.DeepEqual(p.copy(), want) {
				t.Errorf("changing a copy changed the cached payload: got %v, want %v", p.copy(), want)
			}
		})
	}
}

// scribble changes every mutable value reachable from d.
func scribble(d attnflow.Data) {
	for k, v := range d {
		switch v := v.(type) {
		case map[string]any:
			scribble(v)
			v["added"] = true
		case []any:
			for i := range v {
				if m, ok := v[i].(map[string]any); ok {
					scribble(m)
				}
				v[i] = "changed"
			}
		}
		d[k+"!"] = 1
	}
}

func TestPayloadCacheBounded(t *testing.T) {
	c := newPayloadCache(4)
	for id := range int64(100) {
		ids := []int64{id, id, id + 1000}
		out := make([]*payload, len(ids))
		missing := c.resolve(ids, out)
		if want := []int64{id, id + 1000}; !reflect.DeepEqual(missing, want) {
			t.Fatalf("resolve(%v) missing %v, want %v", ids, missing, want)
		}
		c.addAll(map[int64]*payload{id: {data: attnflow.Data{"id": id}}, id + 1000: {data: attnflow.Data{}}})
		if n := c.len(); n > 4 {
			t.Fatalf("cache holds %d payloads, want at most 4", n)
		}
	}
	out := make([]*payload, 1)
	if missing := c.resolve([]int64{99}, out); len(missing) != 0 || out[0].data["id"] != int64(99) {
		t.Errorf("recent payload 99: missing %v, got %v", missing, out[0])
	}
	if missing := c.resolve([]int64{0}, out); !reflect.DeepEqual(missing, []int64{0}) {
		t.Errorf("evicted payload 0: missing %v, want [0]", missing)
	}
}

// TestEventsPayloadsBeyondCache reads more distinct payloads than the
// cache holds, twice, and checks that every event gets its own data, also
// after a batch whose new data rows were rolled back.
func TestEventsPayloadsBeyondCache(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	for _, id := range []string{"b", "other"} {
		if err := db.CreateBucket(ctx, attnflow.Bucket{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	n := payloadCacheSize + 100
	evs := make([]attnflow.Event, n)
	for i := range evs {
		evs[i] = attnflow.Event{Timestamp: t0.Add(time.Duration(i) * time.Second),
			Data: attnflow.Data{"i": float64(i), "tags": []any{"x"}}}
	}
	if _, err := db.InsertEvents(ctx, "b", evs); err != nil {
		t.Fatal(err)
	}
	all := attnflow.EventFilter{Limit: -1}
	for round := range 2 {
		got, err := db.Events(ctx, "b", all)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("round %d: %d events, want %d", round, len(got), n)
		}
		for j, e := range got {
			want := attnflow.Data{"i": float64(n - 1 - j), "tags": []any{"x"}}
			if !e.Data.Equal(want) {
				t.Fatalf("round %d: event %d data = %v, want %v", round, j, e.Data, want)
			}
			e.Data["tags"].([]any)[0] = "changed"
		}
		if n := db.payloads.len(); n > payloadCacheSize {
			t.Fatalf("payload cache holds %d, want at most %d", n, payloadCacheSize)
		}
	}
	// A rolled-back batch's data id is later given to other JSON.
	own, err := db.InsertEvents(ctx, "other", []attnflow.Event{{Timestamp: t0}})
	if err != nil {
		t.Fatal(err)
	}
	bad := []attnflow.Event{{Timestamp: t0, Data: attnflow.Data{"rolled": "back"}}, {Timestamp: t0, ID: own[0].ID}}
	if _, err := db.InsertEvents(ctx, "b", bad); attnflow.ErrorCode(err) != attnflow.ECONFLICT {
		t.Fatalf("InsertEvents with another bucket's id: got %v, want ECONFLICT", err)
	}
	late := t0.Add(time.Duration(n) * time.Second)
	if _, err := db.InsertEvents(ctx, "b", []attnflow.Event{{Timestamp: late, Data: attnflow.Data{"kept": "yes"}}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Events(ctx, "b", attnflow.EventFilter{Limit: 1})
	if err != nil || len(got) != 1 || !got[0].Data.Equal(attnflow.Data{"kept": "yes"}) {
		t.Fatalf("newest event after a rolled-back payload = %+v, %v", got, err)
	}
}

// TestPayloadCacheScanResistant: a read that misses more payloads than
// the cache holds fills free slots only, so that what smaller reads keep
// using stays cached; reads that fit evict as usual.
func TestPayloadCacheScanResistant(t *testing.T) {
	c := newPayloadCache(4)
	add := func(ids ...int64) {
		ps := map[int64]*payload{}
		for _, id := range ids {
			ps[id] = &payload{data: attnflow.Data{}}
		}
		c.addAll(ps)
	}
	cached := func(id int64) bool {
		out := make([]*payload, 1)
		return len(c.resolve([]int64{id}, out)) == 0
	}
	add(1, 2, 3)
	add(10, 11, 12, 13, 14) // more than the cache holds: one free slot
	for _, id := range []int64{1, 2, 3} {
		if !cached(id) {
			t.Errorf("payload %d was evicted by a read larger than the cache", id)
		}
	}
	if n := c.len(); n != 4 {
		t.Fatalf("cache holds %d payloads, want 4 (the free slot filled)", n)
	}
	add(20, 21) // fits: evicts as usual
	if !cached(20) || !cached(21) {
		t.Errorf("a read that fits the cache was not cached")
	}
	if n := c.len(); n != 4 {
		t.Fatalf("cache holds %d payloads, want 4", n)
	}
}
