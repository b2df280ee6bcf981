package gaze

import (
	"math"
	"math/bits"
)

// runningMedian returns, for each i, the median of the non-NaN values of
// xs[i-h .. i+h] (NaN where there are none; the mean of the two middle
// values when their count is even).
//
// The window's known values are kept in one sorted doubly linked list
// with a pointer to the median node, as in Suomela's (2014) median
// filter; each step unlinks the oldest value, links the newest and moves
// the median pointer by a step or two. A new value is placed by a bucket
// index over the values (1/16 unit wide, clamped at ±512 units — any
// value is handled exactly, the buckets only speed up the search), so a
// step costs O(1) expected time instead of the O(h) of a sorted array.
func runningMedian(xs []float64, h int) []float64 {
	return runningMedianInto(make([]float64, len(xs)), xs, h)
}

// runningMedianInto is runningMedian writing into out.
func runningMedianInto(out, xs []float64, h int) []float64 {
	m := newMedianList(2*h + 1)
	slot := 0
	for j := 0; j < len(xs)+h; j++ {
		m.remove(slot)
		if j < len(xs) && !math.IsNaN(xs[j]) {
			m.insert(slot, xs[j])
		}
		if slot++; slot == m.w {
			slot = 0
		}
		if i := j - h; i >= 0 {
			out[i] = m.median()
		}
	}
	return out
}

// The bucket index is logarithmic in |x| — 256 buckets per binade from
// 2⁻¹⁴ to 2¹⁴ on either side of zero, smaller magnitudes in the middle
// bucket, larger ones in the end buckets — so it stays fine for tiny noise
// and wide for saccade speeds alike.
const (
	medianPerBinade = 6         // log2 of buckets per binade
	medianLoExp     = 1023 - 14 // biased exponent of the smallest bucketed magnitude
	medianHiExp     = 1023 + 14 // ...and of the first clamped one
	medianHalf      = (medianHiExp - medianLoExp) << medianPerBinade
	medianBuckets   = 2*medianHalf + 1
)

// runningMedian2 is runningMedianInto for two series at once (velocity
// components): the two windows advance in the same loop, so the processor
// overlaps their independent work.
func runningMedian2(outX, outY, xs, ys []float64, h int) {
	mx, my := newMedianList(2*h+1), newMedianList(2*h+1)
	slot := 0
	for j := 0; j < len(xs)+h; j++ {
		mx.remove(slot)
		my.remove(slot)
		if j < len(xs) {
			if x := xs[j]; x == x { // not NaN
				mx.insert(slot, x)
			}
			if y := ys[j]; y == y {
				my.insert(slot, y)
			}
		}
		if slot++; slot == mx.w {
			slot = 0
		}
		if i := j - h; i >= 0 {
			outX[i], outY[i] = mx.median(), my.median()
		}
	}
}

// medianList is runningMedian's window: slot nodes in a sorted list,
// ordered by value and, among equal values, newest first. So a new value
// precedes the median node exactly when it is ≤ the median value, and the
// oldest value (the one leaving) precedes it exactly when it is smaller.
type medianList struct {
	w          int
	val        []float64
	bkt        []int32 // slot's bucket; -1 when the slot is empty
	next, prev []int32 // list links; -1 at the ends
	first      []int32 // first node of each bucket's run; -1 when empty
	cnt        []int32 // nodes per bucket
	occ        []uint64
	tail       int32
	n          int   // known values in the window
	med        int32 // node of rank (n-1)/2; -1 when n == 0
	rank       int   // med's rank
}

func newMedianList(w int) *medianList {
	m := &medianList{w: w, val: make([]float64, w), bkt: make([]int32, w),
		next: make([]int32, w), prev: make([]int32, w), first: make([]int32, medianBuckets),
		cnt: make([]int32, medianBuckets), occ: make([]uint64, (medianBuckets+63)/64), tail: -1, med: -1}
	for i := range m.bkt {
		m.bkt[i] = -1
	}
	for i := range m.first {
		m.first[i] = -1
	}
	return m
}

// bucketOf maps a value to its bucket, monotonically.
func bucketOf(x float64) int32 {
	k := int64(math.Float64bits(math.Abs(x))>>(52-medianPerBinade)) - medianLoExp<<medianPerBinade + 1
	k = min(max(k, 0), medianHalf)
	if x < 0 {
		return int32(medianHalf - k)
	}
	return int32(medianHalf + k)
}

// nextBucket is the first non-empty bucket after b, or -1.
func (m *medianList) nextBucket(b int32) int32 {
	k := int(b+1) / 64
	if k >= len(m.occ) {
		return -1
	}
	word := m.occ[k] &^ (1<<(uint(b+1)%64) - 1)
	for {
		if word != 0 {
			return int32(k*64 + bits.TrailingZeros64(word))
		}
		if k++; k == len(m.occ) {
			return -1
		}
		word = m.occ[k]
	}
}

// insert links slot s with value x, the newest, into the list.
func (m *medianList) insert(s int, x float64) {
	z := int32(s)
	b := bucketOf(x)
	m.val[s], m.bkt[s] = x, b
	// Find the node z goes before: the first node of value ≥ x.
	at := int32(-1)
	if f := m.first[b]; f >= 0 {
		at = f
		for k := m.cnt[b]; k > 0 && at >= 0 && m.val[at] < x; k-- {
			at = m.next[at]
		}
	} else if nb := m.nextBucket(b); nb >= 0 {
		at = m.first[nb]
	}
	m.link(z, at)
	if m.first[b] < 0 || m.first[b] == at {
		m.first[b] = z
	}
	m.cnt[b]++
	m.occ[b/64] |= 1 << (uint(b) % 64)
	m.n++
	switch {
	case m.med < 0:
		m.med, m.rank = z, 0
	case x <= m.val[m.med]: // z goes before equal values
		m.rank++
	}
	m.settle()
}

// link puts z before node at (at the tail when at is -1).
func (m *medianList) link(z, at int32) {
	var p int32
	if at < 0 {
		p = m.tail
		m.tail = z
	} else {
		p = m.prev[at]
		m.prev[at] = z
	}
	m.prev[z], m.next[z] = p, at
	if p >= 0 {
		m.next[p] = z
	}
}

// remove unlinks slot s, the oldest, if it holds a value.
func (m *medianList) remove(s int) {
	z := int32(s)
	b := m.bkt[s]
	if b < 0 {
		return
	}
	switch {
	case z == m.med && m.next[z] >= 0:
		m.med = m.next[z] // takes z's rank once z is gone
	case z == m.med:
		m.med, m.rank = m.prev[z], m.rank-1
	case m.val[z] < m.val[m.med]: // the oldest comes after equal values
		m.rank--
	}
	if m.cnt[b]--; m.cnt[b] == 0 {
		m.first[b] = -1
		m.occ[b/64] &^= 1 << (uint(b) % 64)
	} else if m.first[b] == z {
		m.first[b] = m.next[z]
	}
	p, nx := m.prev[z], m.next[z]
	if p >= 0 {
		m.next[p] = nx
	}
	if nx >= 0 {
		m.prev[nx] = p
	} else {
		m.tail = p
	}
	m.bkt[s] = -1
	m.n--
	if m.n == 0 {
		m.med, m.rank = -1, 0
		return
	}
	m.settle()
}

// settle moves the median pointer to rank (n-1)/2.
func (m *medianList) settle() {
	want := (m.n - 1) / 2
	for m.rank < want {
		m.med = m.next[m.med]
		m.rank++
	}
	for m.rank > want {
		m.med = m.prev[m.med]
		m.rank--
	}
}

// median is the median of the window's known values (NaN when none).
func (m *medianList) median() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	v := m.val[m.med]
	if m.n%2 == 1 {
		return v
	}
	return (v + m.val[m.next[m.med]]) / 2
}
