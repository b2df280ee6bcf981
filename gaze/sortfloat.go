package gaze

import (
	"math"
	"math/bits"
	"slices"
)

// sortNonNegative sorts xs, in linear expected time when every
// value is a non-negative, non-NaN float (speeds, time steps): the IEEE
// bit patterns of such floats order like the floats, so their leading
// bits index buckets (a counting sort on the top bits — logarithmic
// buckets, finer where values are dense), and the few values that share a
// bucket are put in order by insertion. The result is exactly that of
// slices.Sort; other inputs fall back to it. It returns the sorted values:
// xs itself, or scratch (when at least len(xs) long) holding them.
// counts, when at least 2·len(xs)+1 long, is used for the bucket counts.
func sortNonNegative(xs, scratch []float64, counts []int32) []float64 {
	n := len(xs)
	if n < 64 {
		slices.Sort(xs)
		return xs
	}
	lo, hi := uint64(math.MaxUint64), uint64(0)
	for _, x := range xs {
		if !(x >= 0) { // negative or NaN
			slices.Sort(xs)
			return xs
		}
		b := math.Float64bits(x)
		lo, hi = min(lo, b), max(hi, b)
	}
	// Values more than 2⁴⁰ times smaller than the largest (zeros, rounding
	// residue) share the first bucket, so they do not stretch the key range.
	const binade = 1 << 52
	if floor := uint64(40 * binade); hi > floor && lo < hi-floor {
		lo = hi - floor
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
	if len(counts) < nb+1 { // nb ≤ 2n
		counts = make([]int32, nb+1)
	}
	counts = counts[:nb+1]
	clear(counts)
	key := func(x float64) uint64 { return max(math.Float64bits(x), lo)>>shift - base }
	for _, x := range xs {
		counts[key(x)+1]++
	}
	for k := 1; k <= nb; k++ {
		counts[k] += counts[k-1]
	}
	if len(scratch) < n {
		scratch = make([]float64, n)
	}
	out := scratch[:n]
	for _, x := range xs {
		k := key(x)
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
	return out
}

// nthSmallest returns the k-th smallest (0-based) of xs, which it
// reorders, in linear expected time (quickselect with three-way
// partitioning, so runs of equal values — regular time steps — cost one
// pass). xs must hold no NaN.
func nthSmallest(xs []float64, k int) float64 {
	lo, hi := 0, len(xs) // the answer is in xs[lo:hi]
	for hi-lo > 1 {
		p := xs[lo+(hi-lo)/2]
		// xs[lo:lt] < p, xs[lt:i] == p, xs[gt:hi] > p
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch x := xs[i]; {
			case x < p:
				xs[lt], xs[i] = x, xs[lt]
				lt++
				i++
			case x > p:
				gt--
				xs[gt], xs[i] = x, xs[gt]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return p
		}
	}
	return xs[lo]
}
