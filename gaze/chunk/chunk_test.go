package chunk

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/gaze"
)

func sameOrBothNaN(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func TestRoundTrip(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		in   []gaze.Sample
	}{
		{"empty", nil},
		{"one", []gaze.Sample{{T: 12.345678, X: 512.25, Y: 384.5, Pupil: 3.21}}},
		{"lost and untimed", []gaze.Sample{{T: nan, X: nan, Y: nan, Pupil: nan}, {T: 1, X: -5.5, Y: 2000.01, Pupil: 0}, {T: 0.5, X: 1, Y: 1, Pupil: nan}}},
		{"large values", []gaze.Sample{{T: 1.7e9, X: 1e6, Y: -1e6, Pupil: 1e5}, {T: 1.7e9 + 0.001, X: 1e6 + 1, Y: -1e6, Pupil: 1e5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, tt.in); err != nil {
				t.Fatal(err)
			}
			got, err := Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.in) {
				t.Fatalf("decoded %d samples, want %d", len(got), len(tt.in))
			}
			for i, w := range tt.in {
				g := got[i]
				if !sameOrBothNaN(g.T, w.T, 1e-6) || !sameOrBothNaN(g.X, w.X, 0.005) || !sameOrBothNaN(g.Y, w.Y, 0.005) || !sameOrBothNaN(g.Pupil, w.Pupil, 0.0005) {
					t.Errorf("sample %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestCompact(t *testing.T) {
	// One minute at 1000 Hz of fixations and saccades.
	var s []gaze.Sample
	var csv strings.Builder
	x := 500.0
	for i := range 60000 {
		if i%300 < 20 {
			x += 7.3
		}
		smp := gaze.Sample{T: 1000 + float64(i)/1000, X: x + 0.3*math.Sin(float64(i)), Y: 384 + 0.2*math.Cos(float64(i)*1.3), Pupil: 3.4}
		s = append(s, smp)
		fmt.Fprintf(&csv, "%.6f,%.2f,%.2f,%.3f\n", smp.T, smp.X, smp.Y, smp.Pupil)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	if ratio := float64(csv.Len()) / float64(buf.Len()); ratio < 5 {
		t.Errorf("chunk is %d bytes for %d bytes of CSV (%.1f×), want at least 5× smaller", buf.Len(), csv.Len(), ratio)
	}
}

func TestDecodeErrors(t *testing.T) {
	var good bytes.Buffer
	if err := Encode(&good, []gaze.Sample{{T: 1, X: 2, Y: 3, Pupil: 4}, {T: 2, X: 3, Y: 4, Pupil: 5}}); err != nil {
		t.Fatal(err)
	}
	b := good.Bytes()
	tests := map[string][]byte{
		"empty":     nil,
		"bad magic": append([]byte("XXXX\x01"), b[5:]...),
		"truncated": b[:len(b)-3],
	}
	for name, in := range tests {
		if _, err := Decode(bytes.NewReader(in)); err == nil {
			t.Errorf("%s: want error", name)
		}
	}
}

func FuzzDecode(f *testing.F) {
	var good bytes.Buffer
	_ = Encode(&good, []gaze.Sample{{T: 1, X: 2, Y: 3, Pupil: 4}})
	f.Add(good.Bytes())
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := Decode(bytes.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, s); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
	})
}
