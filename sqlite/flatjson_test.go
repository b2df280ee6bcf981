package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/attnflow/attnflow"
)

var flatCases = []struct {
	js   string
	flat bool // decodeFlat takes it
}{
	{`{}`, true},
	{`{"app":"Firefox","title":"Issue #3 - attnflow"}`, true},
	{`{"audible":false,"incognito":true,"tabCount":12,"title":"","url":"https://example.com/a?b=c"}`, true},
	{`{"n":-0.5e-3,"m":0,"big":1E+300,"z":null}`, true},
	{`{"title":"Ünïcödé – 日本語 😀"}`, true},
	{`{"a":"x","a":"y"}`, true},
	{`{"title":"say \"hi\""}`, false},
	{`{"t":"\u003cb\u003e"}`, false},
	{`{"tags":["a"]}`, false},
	{`{"meta":{"k":1}}`, false},
	{`{ "a":1}`, false},
	{`{"a":1,}`, false},
	{`{"a":01}`, false},
	{`{"a":1.}`, false},
	{`{"a":1e}`, false},
	{`{"a":-}`, false},
	{`{"a":tru}`, false},
	{`{"a":1}x`, false},
	{`{"a":1`, false},
	{`{"a"`, false},
	{`{"a":"\xff"}`, false},
	{`{"a":1e999}`, false},
	{`null`, false},
	{`[]`, false},
	{``, false},
	{`{`, false},
	{`{"a":"b"}}`, false},
}

func TestDecodeFlat(t *testing.T) {
	for _, tc := range flatCases {
		got, ok := decodeFlat([]byte(tc.js), interner{})
		if ok != tc.flat {
			t.Errorf("decodeFlat(%s): ok = %v, want %v", tc.js, ok, tc.flat)
		}
		if !ok {
			continue
		}
		var want attnflow.Data
		if err := json.Unmarshal([]byte(tc.js), &want); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", tc.js, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decodeFlat(%s) = %#v, want %#v", tc.js, got, want)
		}
	}
}

// TestDecodeFlatCanonical: the store's own encoding of flat data is
// taken by the fast path.
func TestDecodeFlatCanonical(t *testing.T) {
	d := attnflow.Data{"app": "code", "title": "main.go — attnflow", "n": 3.25, "ok": true, "none": nil}
	js, err := canonical(d)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodeFlat(js, nil)
	if !ok || !reflect.DeepEqual(got, d) {
		t.Fatalf("decodeFlat(%s) = %v, %v; want %v, true", js, got, ok, d)
	}
}

// FuzzDecodeFlat: whatever decodeFlat takes, encoding/json decodes to
// the same Data.
func FuzzDecodeFlat(f *testing.F) {
	for _, tc := range flatCases {
		f.Add([]byte(tc.js))
	}
	f.Fuzz(func(t *testing.T, js []byte) {
		got, ok := decodeFlat(js, interner{})
		if !ok {
			return
		}
		var want attnflow.Data
		if err := json.Unmarshal(js, &want); err != nil {
			t.Fatalf("decodeFlat took %q, which encoding/json refuses: %v", js, err)
		}
		if want == nil {
			want = attnflow.Data{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeFlat(%q) = %#v, want %#v", js, got, want)
		}
	})
}
