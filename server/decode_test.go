package server

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
	"github.com/google/go-cmp/cmp"
)

// slowEvents is the reference: attnflow.Event.UnmarshalJSON on each event.
func slowEvents(body []byte) ([]attnflow.Event, error) {
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		var events []attnflow.Event
		err := json.Unmarshal(body, &events)
		return events, err
	}
	var e attnflow.Event
	err := json.Unmarshal(body, &e)
	return []attnflow.Event{e}, err
}

// TestFastEventsMatchUnmarshalJSON: whenever the one-pass decoder accepts
// a body, it yields what attnflow.Event.UnmarshalJSON yields; whatever
// that method refuses, it refuses too (and the slow path answers).
func TestFastEventsMatchUnmarshalJSON(t *testing.T) {
	bodies := []string{
		`{"timestamp":"2026-01-02T03:04:05Z","duration":1.5,"data":{"app":"code","n":1}}`,
		` {"timestamp":"2026-01-02T03:04:05+01:00","data":{}} `,
		`{"id":42,"timestamp":"2026-01-02T03:04:05.123456789","duration":null,"data":{"a":[1,{"b":null}]}}`,
		`{"Timestamp":"2026-01-02T03:04:05Z","DATA":{"x":"y"},"Duration":2}`,
		`{"timestamp":"2026-01-02T03:04:05Z","data":{"a":1},"data":{"b":2}}`,
		`{"timestamp":"2026-01-02T03:04:05Z","duration":5,"duration":null,"data":{}}`,
		`{"timestamp":"2026-01-02T03:04:05Z","extra":true,"data":{}}`,
		`[{"timestamp":"2026-01-02T03:04:05Z","data":{"app":"a"}},{"timestamp":"2026-01-02T03:05:05Z","duration":60,"data":{"app":"b"}}]`,
		`[]`,
		// Refused: the slow path gives the error.
		`{"timestamp":"2026-01-02T03:04:05Z"}`,
		`{"timestamp":"2026-01-02T03:04:05Z","data":null}`,
		`{"timestamp":"2026-01-02T03:04:05Z","data":[1]}`,
		`{"timestamp":"2026-01-02T03:04:05Z","data":"x"}`,
		`{"data":{}}`,
		`{"timestamp":"yesterday","data":{}}`,
		`{"timestamp":5,"data":{}}`,
		`{"timestamp":"2026-01-02T03:04:05Z","duration":-1,"data":{}}`,
		`{"timestamp":"2026-01-02T03:04:05Z","duration":"5","data":{}}`,
		`{"timestamp":"2026-01-02T03:04:05Z","duration":1e400,"data":{}}`,
		`[{"timestamp":"2026-01-02T03:04:05Z","data":{}},null]`,
		`[{"timestamp":"2026-01-02T03:04:05Z","data":{}},5]`,
		`{"timestamp":"2026-01-02T03:04:05Z","data":{}} trailing`,
		`null`, `5`, ``, `[`,
	}
	for _, body := range bodies {
		got, ok := fastEvents([]byte(body))
		want, err := slowEvents([]byte(body))
		if ok && err != nil {
			t.Errorf("%s: fast path accepted what UnmarshalJSON refuses (%v)", body, err)
			continue
		}
		if !ok && err == nil && strings.TrimSpace(body) != "" {
			t.Errorf("%s: fast path refused what UnmarshalJSON accepts", body)
			continue
		}
		if ok {
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: events (-UnmarshalJSON +fast):\n%s", body, diff)
			}
		}
	}
}

// TestDecodeEventErrorsUnchanged: refused bodies get the errors the
// handlers gave before the fast path.
func TestDecodeEventErrorsUnchanged(t *testing.T) {
	for _, body := range []string{``, `{`, `{"data":{}}`, `{"timestamp":"2026-01-02T03:04:05Z","data":[1]}`, `[{"timestamp":"x","data":{}}]`} {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		_, got := decodeEvent(r)
		var e attnflow.Event
		r = httptest.NewRequest("POST", "/", strings.NewReader(body))
		want := decodeJSON(r, &e)
		if attnflow.ErrorCode(got) != attnflow.ErrorCode(want) || attnflow.ErrorMessage(got) != attnflow.ErrorMessage(want) {
			t.Errorf("%q: decodeEvent error %v, want %v", body, got, want)
		}
	}
}

var benchBody = []byte(`{"timestamp":"2026-01-02T03:04:05.123456+00:00","duration":0,"data":{"app":"app0","title":"main.go - attnflow - Visual Studio Code"}}`)

// BenchmarkDecodeHeartbeat compares the one-pass decoder with
// attnflow.Event.UnmarshalJSON on a window watcher's heartbeat.
func BenchmarkDecodeHeartbeat(b *testing.B) {
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := fastEvent(benchBody); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("UnmarshalJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var e attnflow.Event
			if err := json.Unmarshal(benchBody, &e); err != nil {
				b.Fatal(err)
			}
		}
	})
}
