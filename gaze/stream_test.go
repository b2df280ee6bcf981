package gaze

import (
	"errors"
	"testing"
)

func TestClassifyStreamMatchesWhole(t *testing.T) {
	var segs []segment
	for i := range 40 {
		segs = append(segs, still(Fixation, 0.3), jump(0.04, float64(200*(1-2*(i%2)))))
		if i%5 == 0 {
			segs = append(segs, glide(0.5, 150), lost(0.08))
		}
	}
	s, _ := synth(t, 500, 0.5, segs...)
	g := testGeometry()
	d := Adaptive{P: DefaultParams()}
	whole := d.Classify(s, g)
	i := 0
	next := func() (Sample, bool) {
		if i == len(s) {
			return Sample{}, false
		}
		i++
		return s[i-1], true
	}
	var got []Label
	err := ClassifyStream(next, d, g, ChunkOptions{Chunk: 3, Overlap: 1}, func(l Label) error {
		got = append(got, l)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(s) {
		t.Fatalf("streamed %d labels for %d samples", len(got), len(s))
	}
	same := 0
	for k := range got {
		if got[k] == whole[k] {
			same++
		}
	}
	if share := float64(same) / float64(len(s)); share < 0.97 {
		t.Errorf("chunked labels agree with whole-recording labels on %.1f%% of samples, want ≥ 97%%", 100*share)
	}
}

func TestClassifyStreamEdges(t *testing.T) {
	g := testGeometry()
	d := IVT{Threshold: 30, Window: 0.006}
	for _, n := range []int{0, 1, 999, 1000, 1001, 2500} {
		s, _ := synth(t, 500, 0.5, still(Fixation, float64(n)/500))
		i, count := 0, 0
		next := func() (Sample, bool) {
			if i >= len(s) {
				return Sample{}, false
			}
			i++
			return s[i-1], true
		}
		if err := ClassifyStream(next, d, g, ChunkOptions{Chunk: 1, Overlap: 0.2}, func(Label) error { count++; return nil }); err != nil {
			t.Fatal(err)
		}
		if count != len(s) {
			t.Errorf("n=%d: emitted %d labels, want %d", len(s), count, len(s))
		}
	}
	stop := errors.New("stop")
	s, _ := synth(t, 500, 0.5, still(Fixation, 3))
	i := 0
	next := func() (Sample, bool) {
		if i >= len(s) {
			return Sample{}, false
		}
		i++
		return s[i-1], true
	}
	if err := ClassifyStream(next, d, g, ChunkOptions{Chunk: 1}, func(Label) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("err = %v, want the emit error", err)
	}
}
