package gaze

import "math"

// markSlow labels the samples between saccades, PSOs and blinks as
// fixation or smooth pursuit: pursuit where the velocity averaged over
// PursuitWindow exceeds PursuitSpeed, then minimum durations. Valid
// samples whose velocity is unknown take the class of their interval.
func markSlow(tr *track, vx, vy []float64, p Params, lab []Label) {
	h := max(int(math.Round(p.PursuitWindow/tr.dt/2)), 1)
	for a := 0; a < tr.n; {
		if lab[a] != Undefined || !tr.valid[a] {
			a++
			continue
		}
		b := a
		for b < tr.n && lab[b] == Undefined && tr.valid[b] && (b == a || !tr.brk[b]) {
			b++
		}
		sp := classifySlow(vx[a:b], vy[a:b], h, p.PursuitSpeed, lab[a:b])
		minDurations(lab[a:b], sp, p.FastPursuit, int(math.Round(p.MinPursuit/tr.dt)), int(math.Round(p.MinFixation/tr.dt)))
		a = b
	}
}

// classifySlow sets each sample to Pursuit or Fixation from the mean
// velocity vector over ±h samples inside the interval, and returns the
// speed of that mean vector per sample.
func classifySlow(vx, vy []float64, h int, thr float64, lab []Label) []float64 {
	n := len(vx)
	cx, cy, cn := make([]float64, n+1), make([]float64, n+1), make([]float64, n+1)
	for i := range n {
		cx[i+1], cy[i+1], cn[i+1] = cx[i], cy[i], cn[i]
		if !math.IsNaN(vx[i]) {
			cx[i+1] += vx[i]
			cy[i+1] += vy[i]
			cn[i+1]++
		}
	}
	sp := make([]float64, n)
	for i := range n {
		lo, hi := max(i-h, 0), min(i+h+1, n)
		if c := cn[hi] - cn[lo]; c > 0 {
			sp[i] = math.Hypot(cx[hi]-cx[lo], cy[hi]-cy[lo]) / c
		}
		lab[i] = Fixation
		if sp[i] > thr {
			lab[i] = Pursuit
		}
	}
	return sp
}

// minDurations turns pursuit runs shorter than minP samples into fixation
// unless their mean speed sp exceeds fast (a short but clearly moving
// stretch, e.g. fast pursuit between catch-up saccades), then fixation
// runs shorter than minF that touch pursuit into pursuit.
func minDurations(lab []Label, sp []float64, fast float64, minP, minF int) {
	flipShort(lab, sp, fast, Pursuit, Fixation, minP, false)
	flipShort(lab, nil, 0, Fixation, Pursuit, minF, true)
}

// flipShort relabels runs of from shorter than minLen as to, except runs
// whose mean sp exceeds keepAbove (when sp is given). With needNeighbour,
// only runs next to a run of to are changed.
func flipShort(lab []Label, sp []float64, keepAbove float64, from, to Label, minLen int, needNeighbour bool) {
	for a := 0; a < len(lab); {
		if lab[a] != from {
			a++
			continue
		}
		b := a
		for b < len(lab) && lab[b] == from {
			b++
		}
		touches := (a > 0 && lab[a-1] == to) || (b < len(lab) && lab[b] == to)
		if b-a < minLen && (!needNeighbour || touches) && !(sp != nil && meanOf(sp[a:b]) > keepAbove) {
			for k := a; k < b; k++ {
				lab[k] = to
			}
		}
		a = b
	}
}

// meanOf is the arithmetic mean (0 for an empty slice).
func meanOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
