package gaze

import (
	"math"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// synthetic1000Hz is a 1000 Hz recording of fixations, saccades and
// pursuit with a little noise, n samples long.
func synthetic1000Hz(n int) []Sample {
	s := make([]Sample, n)
	for i := range s {
		s[i] = syntheticSample(i, 0)
	}
	return s
}

// syntheticSample is sample i of a 1000 Hz pattern repeating every
// second: a 30 ms saccade of 300 px, a fixation, then a slow pursuit back;
// off shifts the noise (the other eye).
func syntheticSample(i int, off float64) Sample {
	phase, x := i%1000, 300.0
	switch {
	case phase < 30:
		x += 10 * float64(phase)
	case phase <= 600:
		x += 300
	default:
		x += 300 - 0.05*float64(phase-600)
	}
	return Sample{T: float64(i) / 1000, X: x + 0.3*math.Sin(float64(i)*1.7+off), Y: 384 + 0.3*math.Cos(float64(i)*2.3+off)}
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

// reportThroughput reports samples per wall-clock second and per CPU
// second since c0.
func reportThroughput(b *testing.B, samples float64, c0 time.Duration) {
	b.Helper()
	b.ReportMetric(samples/b.Elapsed().Seconds(), "samples/s")
	b.ReportMetric(samples/(cpuTime(b)-c0).Seconds(), "samples/cpu-s")
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
	reportThroughput(b, float64(n)*float64(b.N), c0)
}

// BenchmarkAdaptiveReuse is BenchmarkAdaptive with the buffers of one
// classification reused by the next, as ClassifyStream does per chunk.
func BenchmarkAdaptiveReuse(b *testing.B) {
	const n = 200_000
	s := synthetic1000Hz(n)
	g := testGeometry()
	g.Rate = 1000
	d := Adaptive{P: DefaultParams()}
	ws := &workspace{}
	c0 := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		d.classifyIn(ws, s, g)
	}
	reportThroughput(b, float64(n)*float64(b.N), c0)
}

// BenchmarkStreamHourBinocular streams one hour of 1000 Hz binocular gaze
// (two eyes × 3.6 million samples, generated on the fly) through
// ClassifyStream and reports throughput and the peak heap in use, which
// stays bounded by the chunk size, not the recording's length.
func BenchmarkStreamHourBinocular(b *testing.B) {
	const perEye = 3_600_000
	g := testGeometry()
	g.Rate = 1000
	d := Adaptive{P: DefaultParams()}
	var peak uint64
	c0 := cpuTime(b)
	for b.Loop() {
		for eye := range 2 {
			i := 0
			next := func() (Sample, bool) {
				if i == perEye {
					return Sample{}, false
				}
				s := syntheticSample(i, float64(eye))
				i++
				return s, true
			}
			labelled := 0
			emit := func(Label) error {
				if labelled++; labelled%1_000_000 == 0 {
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
				return nil
			}
			if err := ClassifyStream(next, d, g, ChunkOptions{}, emit); err != nil {
				b.Fatal(err)
			}
			if labelled != perEye {
				b.Fatalf("labelled %d samples, want %d", labelled, perEye)
			}
		}
	}
	reportThroughput(b, 2*float64(perEye)*float64(b.N), c0)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
