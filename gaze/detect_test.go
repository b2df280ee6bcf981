package gaze

import (
	"math"
	"math/rand/v2"
	"testing"
)

// testGeometry is the Andersson et al. set-up (500 Hz, 1024×768 px of
// 380×300 mm at 670 mm).
func testGeometry() Geometry {
	return Geometry{Rate: 500, ScreenWpx: 1024, ScreenHpx: 768, ScreenWmm: 380, ScreenHmm: 300, DistanceMM: 670}
}

// segment is one stretch of a synthetic recording.
type segment struct {
	want Label
	dur  float64 // seconds
	// move gives the position (px) at fraction f ∈ [0,1) of the segment,
	// starting from the end of the previous one.
	move func(x0, y0, f float64) (float64, float64)
}

func still(want Label, dur float64) segment {
	return segment{want, dur, func(x0, y0, _ float64) (float64, float64) { return x0, y0 }}
}

// jump is a saccade of dx px with a smooth (raised-cosine) profile.
func jump(dur, dx float64) segment {
	return segment{Saccade, dur, func(x0, y0, f float64) (float64, float64) {
		return x0 + dx*(1-math.Cos(math.Pi*f))/2, y0
	}}
}

func glide(dur, vxPxPerS float64) segment {
	return segment{Pursuit, dur, func(x0, y0, f float64) (float64, float64) { return x0 + vxPxPerS*dur*f, y0 }}
}

func lost(dur float64) segment {
	return segment{Blink, dur, func(_, _, _ float64) (float64, float64) { return math.NaN(), math.NaN() }}
}

// synth renders segments at rate Hz with Gaussian noise (px) and returns
// the samples and the true label of each.
func synth(t *testing.T, rate, noise float64, segs ...segment) ([]Sample, []Label) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := 300.0, 384.0
	var out []Sample
	var want []Label
	for _, sg := range segs {
		n := int(math.Round(sg.dur * rate))
		var lx float64
		for i := range n {
			px, py := sg.move(x, y, float64(i)/float64(n))
			lx = px
			out = append(out, Sample{T: float64(len(out)) / rate, X: px + noise*rng.NormFloat64(), Y: py + noise*rng.NormFloat64()})
			want = append(want, sg.want)
		}
		if !math.IsNaN(lx) {
			x, y = sg.move(x, y, 1)
		}
	}
	return out, want
}

// agreementOn is the share of samples with label l in want that got l.
func agreementOn(got, want []Label, l Label) float64 {
	var n, ok float64
	for i := range want {
		if want[i] == l {
			n++
			if got[i] == l {
				ok++
			}
		}
	}
	return ok / n
}

func TestAdaptiveSynthetic(t *testing.T) {
	// 1 px ≈ 0.032°: a 300 px saccade is about 9.5°, pursuit at 300 px/s ≈ 9.5°/s.
	tests := []struct {
		name  string
		rate  float64
		segs  []segment
		check []Label
	}{
		{"fixation-saccade-fixation 500Hz", 500, []segment{still(Fixation, 0.4), jump(0.04, 300), still(Fixation, 0.4)}, []Label{Fixation, Saccade}},
		{"fixation-saccade-fixation 200Hz", 200, []segment{still(Fixation, 0.4), jump(0.04, -300), still(Fixation, 0.4)}, []Label{Fixation, Saccade}},
		{"pursuit between fixations", 500, []segment{still(Fixation, 0.4), jump(0.04, 200), still(Fixation, 0.3), glide(0.6, 300), still(Fixation, 0.4)}, []Label{Fixation, Saccade, Pursuit}},
		{"blink", 500, []segment{still(Fixation, 0.4), lost(0.1), still(Fixation, 0.4)}, []Label{Fixation, Blink}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, want := synth(t, tt.rate, 0.5, tt.segs...)
			got := Adaptive{P: DefaultParams()}.Classify(s, testGeometry())
			if len(got) != len(s) {
				t.Fatalf("got %d labels for %d samples", len(got), len(s))
			}
			for _, l := range tt.check {
				if a := agreementOn(got, want, l); a < 0.85 {
					t.Errorf("%s: %.0f%% of true %s samples labelled %s, want ≥ 85%%", tt.name, 100*a, l, l)
				}
			}
			if g := want[0]; got[10] != g {
				t.Errorf("sample 10 = %s, want %s", got[10], g)
			}
		})
	}
}

func TestClassicsSynthetic(t *testing.T) {
	s, want := synth(t, 500, 0.5, still(Fixation, 0.4), jump(0.04, 300), still(Fixation, 0.4))
	for _, d := range []Detector{IVT{Threshold: 30, Window: 0.006}, IDT{Dispersion: 1, MinDuration: 0.1}} {
		got := d.Classify(s, testGeometry())
		if a := agreementOn(got, want, Fixation); a < 0.9 {
			t.Errorf("%s: %.0f%% of fixation samples labelled fixation, want ≥ 90%%", d.Name(), 100*a)
		}
		if a := agreementOn(got, want, Saccade); a < 0.5 {
			t.Errorf("%s: %.0f%% of saccade samples labelled saccade, want ≥ 50%%", d.Name(), 100*a)
		}
	}
}

func TestTimestampsDecideTime(t *testing.T) {
	// A 200 Hz recording whose nominal rate says 500 Hz: with timestamps the
	// saccade is timed right; the sample interval must follow them.
	s, _ := synth(t, 200, 0.5, still(Fixation, 0.3), jump(0.04, 300), still(Fixation, 0.3))
	g := testGeometry()
	if dt := newTrack(s, g).dt; math.Abs(dt-0.005) > 1e-9 {
		t.Errorf("dt = %v, want 0.005 from timestamps", dt)
	}
	for i := range s {
		s[i].T = math.NaN()
	}
	if dt := newTrack(s, g).dt; math.Abs(dt-0.002) > 1e-9 {
		t.Errorf("dt without timestamps = %v, want 1/rate = 0.002", dt)
	}
}

func TestEdgeCases(t *testing.T) {
	g := testGeometry()
	nan := math.NaN()
	tests := []struct {
		name string
		s    []Sample
	}{
		{"empty", nil},
		{"one sample", []Sample{{T: 0, X: 1, Y: 1}}},
		{"all lost", []Sample{{T: 0, X: nan, Y: nan}, {T: 0.002, X: nan, Y: nan}, {T: 0.004, X: nan, Y: nan}}},
		{"non-monotonic", []Sample{{T: 0.004, X: 10, Y: 10}, {T: 0.002, X: 11, Y: 10}, {T: 0.006, X: 12, Y: 10}, {T: 0.006, X: 13, Y: 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range Methods() {
				d, err := NewDetector(m)
				if err != nil {
					t.Fatal(err)
				}
				if got := d.Classify(tt.s, g); len(got) != len(tt.s) {
					t.Errorf("%s: %d labels for %d samples", m, len(got), len(tt.s))
				}
			}
		})
	}
	all := Adaptive{P: DefaultParams()}.Classify(tests[2].s, g)
	for i, l := range all {
		if l != Blink && l != Undefined {
			t.Errorf("lost sample %d labelled %s, want blink or undefined", i, l)
		}
	}
}

func TestNewDetectorUnknown(t *testing.T) {
	if _, err := NewDetector("magic"); err == nil {
		t.Error("NewDetector(magic): want error")
	}
}
