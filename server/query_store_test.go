package server_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
	"github.com/attnflow/attnflow/query/querytest"
)

// TestStockQueryMatchesMemory runs aw-webui's full desktop query over
// HTTP on a SQLite store, twice (the second run reads payloads the first
// left in the store's cache, shared with the query engine), and compares
// each answer with the same query over the same events in memory. Event
// ids are left out: the store gives ids, the generated events have none.
func TestStockQueryMatchesMemory(t *testing.T) {
	s := newQueryBenchStack(t, 2)
	text := querytest.FullDesktopQuery(querytest.StockParams(querytest.Browsers))
	prog, err := query.Compile(text)
	if err != nil {
		t.Fatal(err)
	}
	res, err := prog.Run(t.Context(), s.data.Source(), s.period, query.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := withoutIDs(roundTrip(t, mustJSON(t, []any{res})))
	body := mustJSON(t, map[string]any{
		"timeperiods": []string{attnflow.FormatTime(s.period.Start) + "/" + attnflow.FormatTime(s.period.End)},
		"query":       []string{text},
	})
	for run := 1; run <= 2; run++ {
		got := withoutIDs(roundTrip(t, s.post(t, body)))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: the answer over HTTP and SQLite differs from the in-memory one:\ngot  %.600s\nwant %.600s", run, mustJSON(t, got), mustJSON(t, want))
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// roundTrip decodes JSON into plain values for comparison.
func roundTrip(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %.200s: %v", b, err)
	}
	return v
}

// withoutIDs removes every "id" key from decoded JSON, in place.
func withoutIDs(v any) any {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "id")
		for _, x := range v {
			withoutIDs(x)
		}
	case []any:
		for _, x := range v {
			withoutIDs(x)
		}
	}
	return v
}
