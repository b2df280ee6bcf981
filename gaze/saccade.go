package gaze

import "math"

// markSaccades finds saccades as velocity peaks above the peak threshold,
// walks back to the onset (the last sample above the onset threshold) and
// forward to the offset (the last sample above a local offset threshold
// mixing the global onset threshold with the noise just before the
// saccade, scaled by OffsetScale), then labels a PSO when velocity rises
// again within the PSO window. Unlike Nyström & Holmqvist, onset and offset
// are not moved on to velocity minima: on this data the coders' saccades
// end where velocity crosses the threshold and the wobble after is PSO.
func markSaccades(tr *track, v []float64, usable []bool, th thresholds, p Params, lab []Label) {
	free := func(k int) bool { return k >= 0 && k < tr.n && lab[k] == Undefined && usable[k] }
	noiseWin := max(int(math.Round(0.040/tr.dt)), 2)
	psoWin := int(math.Round(p.PSOWindow / tr.dt))
	for i := 0; i < tr.n; i++ {
		if !free(i) || v[i] <= th.peak {
			continue
		}
		on := i
		for free(on-1) && v[on] > th.onset {
			on--
		}
		local := localOffset(v, usable, lab, on, noiseWin, th)
		offThr := p.OffsetScale * local
		off := endOfSaccade(v, i, offThr, p.OffsetDip, free)
		if float64(off-on+1)*tr.dt < p.MinSaccade {
			i = off
			continue
		}
		for k := on; k <= off; k++ {
			lab[k] = Saccade
		}
		i = off + markPSO(v, off, psoWin, p.PSOFactor*local, free, lab)
	}
}

// localOffset is 0.7·onset + 0.3·(mean + 3·SD of the velocity in the
// window before the saccade onset), as in Nyström & Holmqvist (2010).
func localOffset(v []float64, usable []bool, lab []Label, on, win int, th thresholds) float64 {
	var n, s, ss float64
	for k := max(on-win, 0); k < on; k++ {
		if usable[k] && lab[k] == Undefined {
			n++
			s += v[k]
			ss += v[k] * v[k]
		}
	}
	if n < 2 {
		return th.onset
	}
	m := s / n
	local := m + 3*math.Sqrt(max(ss/n-m*m, 0))
	return 0.7*th.onset + 0.3*local
}

// markPSO labels samples after the saccade offset off as PSO when the
// velocity exceeds thr again within win samples; the PSO ends at the
// local minimum after the last such sample. It returns how many samples
// it labelled.
func markPSO(v []float64, off, win int, thr float64, free func(int) bool, lab []Label) int {
	last := -1
	for k := off + 1; k <= off+win && free(k); k++ {
		if v[k] > thr {
			last = k
		}
	}
	if last < 0 {
		return 0
	}
	for free(last+1) && v[last+1] < v[last] {
		last++
	}
	for k := off + 1; k <= last; k++ {
		lab[k] = PSO
	}
	return last - off
}

// endOfSaccade walks forward from a sample above the peak threshold to the
// last sample above offThr. With dip > 0 it also stops at the first local
// velocity minimum below dip × the saccade's peak velocity: a second rise
// after such a dip is the post-saccadic oscillation, not the saccade.
func endOfSaccade(v []float64, i int, offThr, dip float64, free func(int) bool) int {
	off, peak := i, v[i]
	for free(off+1) && v[off] > offThr {
		peak = max(peak, v[off])
		if dip > 0 && free(off+1) && v[off] < dip*peak && v[off] <= v[off+1] && v[off] < v[off-1] {
			return off - 1
		}
		off++
	}
	return off
}
