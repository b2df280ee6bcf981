package gaze

// workspace holds the per-sample buffers of one classification so that a
// stream of chunks reuses them instead of allocating (and zeroing) a dozen
// arrays per chunk. A nil *workspace allocates fresh buffers. Buffers come
// back with stale contents unless the method says otherwise.
type workspace struct {
	f64   [numFloatBufs][]float64
	flags [numFlagBufs][]bool
	i32   [numIntBufs][]int32
	lab   []Label
}

// Float buffers.
const (
	bufX = iota
	bufY
	bufVX
	bufVY
	bufSpeed
	bufMedX
	bufMedY
	bufSorted
	bufSteps
	bufSumX
	bufSumY
	bufSumN
	bufSlowSpeed
	numFloatBufs
)

// Flag and integer buffers.
const (
	bufValid = iota
	bufBreak
	bufUsable
	numFlagBufs
)

const (
	bufRunStart = iota
	bufCounts
	numIntBufs
)

// floats returns float buffer k with length n.
func (w *workspace) floats(k, n int) []float64 {
	if w == nil {
		return make([]float64, n)
	}
	if cap(w.f64[k]) < n {
		w.f64[k] = make([]float64, n)
	}
	return w.f64[k][:n]
}

// flagsZeroed returns flag buffer k with length n, all false.
func (w *workspace) flagsZeroed(k, n int) []bool {
	if w == nil {
		return make([]bool, n)
	}
	if cap(w.flags[k]) < n {
		w.flags[k] = make([]bool, n)
	}
	b := w.flags[k][:n]
	clear(b)
	return b
}

// ints returns integer buffer k with length n.
func (w *workspace) ints(k, n int) []int32 {
	if w == nil {
		return nil // callers allocate what they need
	}
	if cap(w.i32[k]) < n {
		w.i32[k] = make([]int32, n)
	}
	return w.i32[k][:n]
}

// intsZeroed returns integer buffer k with length n, all zero.
func (w *workspace) intsZeroed(k, n int) []int32 {
	if w == nil {
		return make([]int32, n)
	}
	if cap(w.i32[k]) < n {
		w.i32[k] = make([]int32, n)
	}
	b := w.i32[k][:n]
	clear(b)
	return b
}

// labels returns the label buffer with length n, all Undefined.
func (w *workspace) labels(n int) []Label {
	if w == nil {
		return make([]Label, n)
	}
	if cap(w.lab) < n {
		w.lab = make([]Label, n)
	}
	l := w.lab[:n]
	clear(l)
	return l
}
