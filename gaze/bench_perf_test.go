package gaze

import (
	"math"
	"syscall"
	"testing"
	"time"
)

// synthetic1000Hz is a 1000 Hz recording of fixations, saccades and
// pursuit with a little noise, n samples long.
func synthetic1000Hz(n int) []Sample {
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
	return s
}

// cpuTime is the process's user+system CPU time; with -cpu 1 it is the
// time of one core, unaffected by other work on a shared machine.
func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAdaptive measures classification throughput on a synthetic
// 1000 Hz recording: "samples/s" by the wall clock, "samples/cpu-s" by
// CPU time (run with -cpu 1 so that is one core's time, GC included).
func BenchmarkAdaptive(b *testing.B) {
	const n = 200_000
	s := synthetic1000Hz(n)
	g := testGeometry()
	g.Rate = 1000
	d := Adaptive{P: DefaultParams()}
	c0 := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		d.Classify(s, g)
	}
	total := float64(n) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "samples/s")
	b.ReportMetric(total/(cpuTime(b)-c0).Seconds(), "samples/cpu-s")
}
