package gaze

import (
	"math"
	"math/bits"
	"slices"
)

// sortNonNegative sorts xs in place, in linear expected time when every
// value is a non-negative, non-NaN float (speeds, time steps): the IEEE
// bit patterns of such floats order like the floats, so their leading
// bits index buckets (a counting sort on the top bits — logarithmic
// buckets, finer where values are dense), and the few values that share a
// bucket are put in order by insertion. The result is exactly that of
// slices.Sort; other inputs fall back to it. scratch, when long enough,
// is used as the work buffer.
func sortNonNegative(xs, scratch []float64) {
	n := len(xs)
	if n < 64 {
		slices.Sort(xs)
		return
	}
	lo, hi := uint64(math.MaxUint64), uint64(0)
	for _, x := range xs {
		if !(x >= 0) { // negative or NaN
			slices.Sort(xs)
			return
		}
		b := math.Float64bits(x)
		lo, hi = min(lo, b), max(hi, b)
	}
	// Drop low bits until the key range fits about 2n buckets.
	span := hi - lo
	shift := 0
	if limit := uint64(2 * n); span >= limit {
		shift = bits.Len64(span / limit)
		for span>>shift >= limit {
			shift++
		}
	}
	base := lo >> shift
	nb := int(hi>>shift-base) + 1
	counts := make([]int32, nb+1)
	for _, x := range xs {
		counts[math.Float64bits(x)>>shift-base+1]++
	}
	for k := 1; k <= nb; k++ {
		counts[k] += counts[k-1]
	}
	if len(scratch) < n {
		scratch = make([]float64, n)
	}
	out := scratch[:n]
	for _, x := range xs {
		k := math.Float64bits(x)>>shift - base
		out[counts[k]] = x
		counts[k]++
	}
	// Buckets are in order; insertion sort finishes the few ties.
	for i := 1; i < n; i++ {
		x := out[i]
		j := i
		for j > 0 && out[j-1] > x {
			out[j] = out[j-1]
			j--
		}
		out[j] = x
	}
	copy(xs, out)
}
