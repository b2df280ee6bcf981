package gaze

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortedRunningMedian is the straightforward O(n·h) running median (a
// sorted window updated by insertion and removal) that runningMedian must
// match exactly.
func sortedRunningMedian(xs []float64, h int) []float64 {
	out := make([]float64, len(xs))
	var win []float64
	for i := range xs {
		win = win[:0]
		for k := max(i-h, 0); k <= min(i+h, len(xs)-1); k++ {
			if !math.IsNaN(xs[k]) {
				win = append(win, xs[k])
			}
		}
		slices.Sort(win)
		out[i] = math.NaN()
		if m := len(win) / 2; len(win)%2 == 1 {
			out[i] = win[m]
		} else if len(win) > 0 {
			out[i] = (win[m-1] + win[m]) / 2
		}
	}
	return out
}

func TestRunningMedianMatchesSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(300)
		h := 1 + rng.IntN(20)
		xs := make([]float64, n)
		nanRate := []float64{0, 0.05, 0.5, 0.95, 1}[trial%5]
		for i := range xs {
			switch r := rng.Float64(); {
			case r < nanRate:
				xs[i] = math.NaN()
				if rng.IntN(4) == 0 && i+1 < n { // runs of missing data
					i++
					xs[i] = math.NaN()
				}
			case r < nanRate+0.01:
				xs[i] = math.Inf(1 - 2*rng.IntN(2))
			case r < nanRate+0.2:
				xs[i] = float64(rng.IntN(5)) // ties
			default:
				xs[i] = rng.NormFloat64() * 10
			}
		}
		got, want := runningMedian(xs, h), sortedRunningMedian(xs, h)
		got2, other := make([]float64, n), make([]float64, n)
		runningMedian2(other, got2, slices.Clone(want), xs, h)
		if !slices.EqualFunc(got, got2, func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }) {
			t.Fatalf("trial %d: runningMedian2 differs from runningMedian", trial)
		}
		for i := range want {
			same := got[i] == want[i] || (math.IsNaN(got[i]) && math.IsNaN(want[i]))
			if !same {
				t.Fatalf("trial %d (n=%d h=%d): median[%d] = %v, want %v\nxs=%v", trial, n, h, i, got[i], want[i], xs)
			}
		}
	}
}

func BenchmarkRunningMedian(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 100_000)
	for i := range xs {
		xs[i] = rng.NormFloat64()
	}
	c0 := cpuTime(b)
	for b.Loop() {
		runningMedian(xs, 150)
	}
	total := float64(len(xs)) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "samples/s")
	b.ReportMetric(total/(cpuTime(b)-c0).Seconds(), "samples/cpu-s")
}

func TestSortNonNegative(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	gens := map[string]func() float64{
		"exp":      func() float64 { return rng.ExpFloat64() * 20 },
		"ties":     func() float64 { return float64(rng.IntN(3)) },
		"constant": func() float64 { return 0.002 },
		"wide":     func() float64 { return math.Pow(10, rng.Float64()*30-15) },
		"negative": func() float64 { return rng.NormFloat64() },
		"zeros":    func() float64 { return 0 },
		"tiny":     func() float64 { return []float64{0, 1e-300, 5e-310, 3e-20, 1, 700}[rng.IntN(6)] * rng.Float64() },
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 63, 64, 1000, 20000} {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = gen()
			}
			want := slices.Clone(xs)
			slices.Sort(want)
			if got := sortNonNegative(xs, nil, nil); !slices.Equal(got, want) {
				t.Errorf("%s n=%d: sortNonNegative differs from slices.Sort", name, n)
			}
			if n > 0 {
				for _, k := range []int{0, n / 2, n - 1} {
					if got := nthSmallest(slices.Clone(want), k); got != want[k] {
						t.Errorf("%s n=%d: nthSmallest(%d) = %v, want %v", name, n, k, got, want[k])
					}
				}
			}
		}
	}
}

func TestBucketOfMonotone(t *testing.T) {
	xs := []float64{math.Inf(-1), -1e300, -20000, -3, -1, -1e-3, -1e-300, 0, 1e-300, 1e-5, 1e-4, 0.5, 1, 1.001, 3, 700, 16384, 1e300, math.Inf(1)}
	for i := 1; i < len(xs); i++ {
		if a, b := bucketOf(xs[i-1]), bucketOf(xs[i]); a > b || b >= medianBuckets || a < 0 {
			t.Errorf("bucketOf(%v) = %d, bucketOf(%v) = %d: want non-decreasing in [0, %d)", xs[i-1], a, xs[i], b, medianBuckets)
		}
	}
}

func BenchmarkRunningMedian2(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs, ys := make([]float64, 100_000), make([]float64, 100_000)
	for i := range xs {
		xs[i], ys[i] = rng.NormFloat64(), rng.NormFloat64()
	}
	ox, oy := make([]float64, len(xs)), make([]float64, len(xs))
	c0 := cpuTime(b)
	for b.Loop() {
		runningMedian2(ox, oy, xs, ys, 150)
	}
	total := float64(len(xs)) * float64(b.N)
	b.ReportMetric(total/(cpuTime(b)-c0).Seconds(), "pairs/cpu-s")
}

func TestToDegreesIsAtan2(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	g := Geometry{Rate: 500, ScreenWpx: 1024, ScreenHpx: 768, ScreenWmm: 380, ScreenHmm: 300, DistanceMM: 670}
	dx, dy := g.DistanceMM*g.ScreenWpx/g.ScreenWmm, g.DistanceMM*g.ScreenHpx/g.ScreenHmm
	xs := []float64{0, -0.0, 512, math.Inf(1), math.Inf(-1), 1e300}
	for range 10000 {
		xs = append(xs, rng.NormFloat64()*2000)
	}
	for _, x := range xs {
		y := -x / 3
		gx, gy := g.ToDegrees(x, y)
		const rad2deg = 180 / math.Pi // the previous ToDegrees, verbatim
		wx, wy := math.Atan2(x-g.ScreenWpx/2, dx)*rad2deg, math.Atan2(y-g.ScreenHpx/2, dy)*rad2deg
		if gx != wx || gy != wy {
			t.Fatalf("ToDegrees(%v, %v) = %v, %v; want %v, %v", x, y, gx, gy, wx, wy)
		}
	}
}
