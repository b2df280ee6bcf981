package sqlite

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/attnflow/attnflow"
)

// TestEventsShared checks that EventsShared returns what Events returns,
// with one map per distinct payload that Events' copies do not share.
func TestEventsShared(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, filepath.Join(t.TempDir(), "a.db"))
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	nested := attnflow.Data{"app": "x", "tags": []any{"a", map[string]any{"k": "v"}}}
	in := []attnflow.Event{
		{Timestamp: t0, Duration: 1e9, Data: attnflow.Data{"app": "a"}},
		{Timestamp: t0.Add(2e9), Duration: 1e9, Data: nested},
		{Timestamp: t0.Add(4e9), Duration: 1e9, Data: attnflow.Data{"app": "a"}},
		{Timestamp: t0.Add(6e9), Duration: 1e9, Data: nested},
	}
	if _, err := db.InsertEvents(ctx, "b", in); err != nil {
		t.Fatal(err)
	}
	all := attnflow.EventFilter{Limit: -1}
	shared, err := db.EventsShared(ctx, "b", all)
	if err != nil {
		t.Fatal(err)
	}
	own, err := db.Events(ctx, "b", all)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(shared, own) {
		t.Fatalf("EventsShared = %v, want what Events returns: %v", shared, own)
	}
	// Newest first: 0 and 2 hold the nested payload, 1 and 3 {"app": "a"}.
	if reflect.ValueOf(shared[0].Data).UnsafePointer() != reflect.ValueOf(shared[2].Data).UnsafePointer() ||
		reflect.ValueOf(shared[1].Data).UnsafePointer() != reflect.ValueOf(shared[3].Data).UnsafePointer() {
		t.Errorf("EventsShared gave events with equal data different maps")
	}
	again, err := db.EventsShared(ctx, "b", all)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.ValueOf(again[0].Data).UnsafePointer() != reflect.ValueOf(shared[0].Data).UnsafePointer() {
		t.Errorf("a second EventsShared decoded the payload again")
	}
	// Writing to Events' copies leaves the shared maps alone.
	own[0].Data["app"] = "changed"
	own[0].Data["tags"].([]any)[1].(map[string]any)["k"] = "changed"
	if shared[0].Data["app"] != "x" || shared[0].Data["tags"].([]any)[1].(map[string]any)["k"] != "v" {
		t.Errorf("writing to an Events copy changed the shared payload: %v", shared[0].Data)
	}
}
