package gaze

import (
	"math"
	"slices"
)

// thresholds are the data-driven saccade velocity thresholds of one
// recording (deg/s).
type thresholds struct {
	peak  float64 // a saccade's peak velocity exceeds this
	onset float64 // a saccade starts and ends near this
	mean  float64 // mean velocity of the samples below peak (noise level)
	sd    float64 // their standard deviation
}

// adaptiveThresholds implements the Nyström & Holmqvist (2010) iteration
// with the robust statistics of REMoDNaV (Dar et al. 2021): start from an
// initial peak threshold, take the samples below it, and set the new
// threshold to their median plus peakSDs robust standard deviations
// (1.4826·MAD) until it moves by less than 0.1 deg/s. The onset threshold
// is median + onsetSDs·robust SD. The median and MAD, unlike the mean and
// SD, are not dragged up by the saccades themselves, so the iteration does
// not run away on recordings with many saccades.
//
// sorted (empty), scratch (when at least len(v) long) and counts (when at
// least 2·len(v)+1 long) are work space.
func adaptiveThresholds(v []float64, use []bool, initial, peakSDs, onsetSDs float64, sorted, scratch []float64, counts []int32) thresholds {
	for i, x := range v {
		if use[i] {
			sorted = append(sorted, x)
		}
	}
	sorted = sortNonNegative(sorted, scratch, counts)
	pt := initial
	var m, sd float64
	for range 100 {
		m, sd = robustBelow(sorted, pt)
		if math.IsNaN(m) {
			return thresholds{peak: initial, onset: initial / 2, mean: 0, sd: 0}
		}
		next := m + peakSDs*sd
		if math.Abs(next-pt) < 0.1 {
			pt = next
			break
		}
		pt = next
	}
	return thresholds{peak: pt, onset: m + onsetSDs*sd, mean: m, sd: sd}
}

// meanSD is the mean and standard deviation of v[i] < below over usable
// samples; NaN when there are none.
func meanSD(v []float64, use []bool, below float64) (float64, float64) {
	var n, s, ss float64
	for i, x := range v {
		if use[i] && x < below {
			n++
			s += x
			ss += x * x
		}
	}
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	m := s / n
	return m, math.Sqrt(max(ss/n-m*m, 0))
}

// robustBelow is the median and 1.4826·MAD of the values of the sorted
// slice that are below cut; NaN when there are fewer than two. The
// absolute deviations from the median of a sorted slice are two sorted
// runs (walking outwards from the median), so the MAD is found by merging
// them halfway, in linear time.
func robustBelow(sorted []float64, cut float64) (float64, float64) {
	n, _ := slices.BinarySearch(sorted, cut)
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	xs := sorted[:n]
	m := xs[n/2]
	if n%2 == 0 {
		m = (xs[n/2-1] + xs[n/2]) / 2
	}
	// Merge deviations: left run xs[l] (l going down), right run xs[r] (r going up).
	l, r := n/2-1, n/2
	if n%2 == 1 {
		r = n/2 + 1
		l = n/2 - 1
	}
	devs := make([]float64, 0, n/2+2)
	if n%2 == 1 {
		devs = append(devs, 0)
	}
	for len(devs) <= n/2 && (l >= 0 || r < n) {
		if r >= n || (l >= 0 && m-xs[l] <= xs[r]-m) {
			devs = append(devs, m-xs[l])
			l--
		} else {
			devs = append(devs, xs[r]-m)
			r++
		}
	}
	mad := devs[n/2]
	if n%2 == 0 {
		mad = (devs[n/2-1] + devs[n/2]) / 2
	}
	return m, 1.4826 * mad
}

// median returns the median of xs (which it sorts); NaN when empty.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	k := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[k]
	}
	return (xs[k-1] + xs[k]) / 2
}
