package gaze

import "math"

// markSlow labels the samples between saccades, PSOs and blinks as
// fixation or smooth pursuit: pursuit where the velocity averaged over
// PursuitWindow exceeds PursuitSpeed, then minimum durations, then the
// whole-interval rule for slow steady pursuit (slowPursuit). Valid samples
// whose velocity is unknown take the class of their neighbours' average.
func markSlow(tr *track, vx, vy []float64, p Params, lab []Label) {
	h := max(int(math.Round(p.PursuitWindow/tr.dt/2)), 1)
	buf := slowBuffers{cx: tr.ws.floats(bufSumX, tr.n+1), cy: tr.ws.floats(bufSumY, tr.n+1), cn: tr.ws.floats(bufSumN, tr.n+1), sp: tr.ws.floats(bufSlowSpeed, tr.n)}
	for a := 0; a < tr.n; {
		if lab[a] != Undefined || !tr.valid[a] {
			a++
			continue
		}
		b := a
		for b < tr.n && lab[b] == Undefined && tr.valid[b] && (b == a || !tr.brk[b]) {
			b++
		}
		sp := classifySlow(vx[a:b], vy[a:b], h, p.PursuitSpeed, lab[a:b], buf)
		minDurations(lab[a:b], sp, p.FastPursuit, int(math.Round(p.MinPursuit/tr.dt)), int(math.Round(p.MinFixation/tr.dt)))
		if p.LongPursuit > 0 {
			slowPursuit(tr, a, b, p, lab)
		}
		a = b
	}
}

// slowBuffers are classifySlow's work space, at least one longer than any
// interval (sp: as long).
type slowBuffers struct{ cx, cy, cn, sp []float64 }

// classifySlow sets each sample to Pursuit or Fixation from the mean
// velocity vector over ±h samples inside the interval, and returns the
// speed of that mean vector per sample (in buf.sp).
func classifySlow(vx, vy []float64, h int, thr float64, lab []Label, buf slowBuffers) []float64 {
	n := len(vx)
	cx, cy, cn := buf.cx[:n+1], buf.cy[:n+1], buf.cn[:n+1]
	cx[0], cy[0], cn[0] = 0, 0, 0
	for i := range n {
		cx[i+1], cy[i+1], cn[i+1] = cx[i], cy[i], cn[i]
		if !math.IsNaN(vx[i]) {
			cx[i+1] += vx[i]
			cy[i+1] += vy[i]
			cn[i+1]++
		}
	}
	sp := buf.sp[:n]
	for i := range n {
		sp[i] = 0
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

// lineFit fits a straight line (constant velocity) through the positions
// of samples a..b-1 against time by least squares and returns its speed
// (deg/s) and the share of positional variance it explains (R²).
func lineFit(tr *track, a, b int) (speed, r2 float64) {
	var n, st, sx, sy, stt, stx, sty, sxx, syy float64
	for k := a; k < b; k++ {
		if !tr.valid[k] {
			continue
		}
		t, x, y := float64(k-a)*tr.dt, tr.x[k], tr.y[k]
		n++
		st += t
		sx += x
		sy += y
		stt += t * t
		stx += t * x
		sty += t * y
		sxx += x * x
		syy += y * y
	}
	den := n*stt - st*st
	if n < 3 || den <= 0 {
		return 0, 0
	}
	bx, by := (n*stx-st*sx)/den, (n*sty-st*sy)/den
	vt := stt - st*st/n
	tot := (sxx - sx*sx/n) + (syy - sy*sy/n)
	if tot <= 0 {
		return math.Hypot(bx, by), 0
	}
	return math.Hypot(bx, by), (bx*bx + by*by) * vt / tot
}

// slowPursuit relabels the whole interval a..b-1 as pursuit when it lasts
// at least LongPursuit, its positions follow a straight line (R² ≥
// LongPursuitR2), and each of its thirds moves faster than
// LongPursuitSpeed: a slow, steady pursuit whose averaged velocity
// flickers around PursuitSpeed. Coders label an intersaccadic interval as
// one thing almost always; requiring every third to move keeps a fixation
// that precedes or follows a smooth glide in the same interval.
func slowPursuit(tr *track, a, b int, p Params, lab []Label) {
	if float64(b-a)*tr.dt < p.LongPursuit {
		return
	}
	if _, r2 := lineFit(tr, a, b); r2 < p.LongPursuitR2 {
		return
	}
	third := (b - a) / 3
	for k := range 3 {
		if speed, _ := lineFit(tr, a+k*third, a+(k+1)*third); speed <= p.LongPursuitSpeed {
			return
		}
	}
	for k := a; k < b; k++ {
		lab[k] = Pursuit
	}
}
