package attnflow

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

func TestCanonicalMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		name string
		d    Data
	}{
		{"window", Data{"app": "Firefox", "title": "Inbox (3) — mail@example.org"}},
		{"numbers", Data{"a": 1.0, "b": 1.5, "c": -0.0, "d": 1e21, "e": 1e-7, "f": 123456789.125, "g": 1e20, "h": 5e-324}},
		{"go ints", Data{"i": 3, "j": int64(-7), "k": int32(9)}},
		{"escapes", Data{"s": "a\"b\\c\n\t\r\b\f\x00\x1f<script>&amp;\u2028\u2029", "bad": "\xff\xfeok"}},
		{"nested", Data{"x": map[string]any{"z": []any{1.0, "two", nil, true, map[string]any{}}, "a": []any{}}, "n": nil}},
		{"key order", Data{"b": 1.0, "a": 2.0, "B": 3.0, "é": 4.0, "": 5.0}},
		{"nil slice", Data{"l": []any(nil)}},
		{"nested Data", Data{"d": Data{"y": 1.0, "x": 2.0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(map[string]any(tt.d))
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.d.Canonical(); !bytes.Equal(got, want) {
				t.Errorf("Canonical() = %s\nencoding/json  %s", got, want)
			}
		})
	}
}

func TestCanonicalFallsBack(t *testing.T) {
	type custom struct{ A int }
	d := Data{"c": custom{A: 1}, "u": uint8(2)}
	want, _ := json.Marshal(map[string]any(d))
	if got := d.Canonical(); !bytes.Equal(got, want) {
		t.Errorf("Canonical() = %s, want %s", got, want)
	}
	if _, ok := appendCanonical(nil, math.NaN()); ok {
		t.Error("NaN encoded; JSON cannot hold it")
	}
}

// FuzzCanonical decodes arbitrary JSON objects and checks that the hand
// encoder and encoding/json agree byte for byte.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{`{"app":"x","title":"y"}`, `{"a":[1,2.5,"\u003c",null,{"b":false}]}`,
		`{"n":1e-7,"m":1e21,"k":-0,"s":"\ud800"}`, `{"z":"\u2028","y":"\\\"\/"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d map[string]any
		if json.Unmarshal(b, &d) != nil || d == nil {
			return
		}
		want, err := json.Marshal(d)
		if err != nil {
			return
		}
		if got := Data(d).Canonical(); !bytes.Equal(got, want) {
			t.Errorf("Canonical() = %s\nencoding/json  %s", got, want)
		}
	})
}

func BenchmarkCanonical(b *testing.B) {
	d := Data{"app": "Firefox", "title": "Pull request #412: store: group commit - GitHub - Firefox", "url": "https://github.com/attnflow/attnflow/pull/412"}
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = d.Canonical()
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = json.Marshal(map[string]any(d))
		}
	})
}
