package gaze

import (
	"math"
	"testing"
)

// BenchmarkAdaptive measures classification throughput on a synthetic
// 1000 Hz recording of fixations, saccades and pursuit (samples/s is
// reported as "samples/s").
func BenchmarkAdaptive(b *testing.B) {
	const n = 200_000
	s := make([]Sample, n)
	x := 300.0
	for i := range s {
		switch phase := i % 1000; {
		case phase < 30:
			x += 10
		case phase > 600:
			x -= 0.05
		}
		s[i] = Sample{T: float64(i) / 1000, X: x + 0.3*math.Sin(float64(i)*1.7), Y: 384 + 0.3*math.Cos(float64(i)*2.3)}
	}
	g := testGeometry()
	g.Rate = 1000
	d := Adaptive{P: DefaultParams()}
	b.ResetTimer()
	for b.Loop() {
		d.Classify(s, g)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
