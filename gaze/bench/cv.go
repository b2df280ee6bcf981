package bench

import (
	"runtime"
	"sync"

	"github.com/attnflow/attnflow/gaze"
)

// CVResult is the outcome of leave-one-recording-out cross-validation.
type CVResult struct {
	Scores gaze.Scores // held-out labels of every recording, scored together
	Chosen []int       // per recording, the grid index chosen without it
}

// CrossValidate runs leave-one-recording-out cross-validation of the
// adaptive detector's parameter choice: for each recording, the grid point
// with the best gaze.Objective on the other recordings labels it; the
// held-out labels of all recordings are then scored together. The figure
// estimates how the tuned detector does on recordings it has not seen.
func CrossValidate(recs []Recording, grid []gaze.Params) CVResult {
	per := scoreGrid(recs, grid)
	res := CVResult{Scores: gaze.Scores{}, Chosen: make([]int, len(recs))}
	for hold := range recs {
		best, bestObj := 0, -2.0
		for g := range grid {
			s := gaze.Scores{}
			for r := range recs {
				if r != hold {
					merge(s, per[g][r])
				}
			}
			if o := gaze.Objective(s); o > bestObj {
				best, bestObj = g, o
			}
		}
		res.Chosen[hold] = best
		merge(res.Scores, per[best][hold])
	}
	return res
}

// BestOnAll returns the grid index with the best objective on all
// recordings together, and that objective.
func BestOnAll(recs []Recording, grid []gaze.Params) (int, float64) {
	per := scoreGrid(recs, grid)
	best, bestObj := 0, -2.0
	for g := range grid {
		s := gaze.Scores{}
		for r := range recs {
			merge(s, per[g][r])
		}
		if o := gaze.Objective(s); o > bestObj {
			best, bestObj = g, o
		}
	}
	return best, bestObj
}

// scoreGrid classifies every recording with every grid point (in
// parallel) and returns per[grid][recording] scores.
func scoreGrid(recs []Recording, grid []gaze.Params) [][]gaze.Scores {
	per := make([][]gaze.Scores, len(grid))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range jobs {
				per[g] = make([]gaze.Scores, len(recs))
				d := gaze.Adaptive{P: grid[g]}
				for r, rec := range recs {
					s := gaze.Scores{}
					gaze.ScoreVsCoders(s, rec.Coded, d.Classify(rec.Samples, Geometry()))
					per[g][r] = s
				}
			}
		}()
	}
	for g := range grid {
		jobs <- g
	}
	close(jobs)
	wg.Wait()
	return per
}

// merge adds b's counts into a.
func merge(a, b gaze.Scores) {
	for st, m := range b {
		for ev, ag := range m {
			a.Add(st, ev, ag)
		}
	}
}

// Grid is the set of parameter choices cross-validation picks from: a
// small product around the defaults over the settings that the data
// decide (thresholds as multiples of each recording's own noise, and the
// pursuit speed and duration), each within its published range.
func Grid() []gaze.Params {
	var out []gaze.Params
	base := gaze.DefaultParams()
	for _, onset := range []float64{5, 6} {
		for _, dip := range []float64{0.15, 0.2} {
			for _, pf := range []float64{1, 1.1, 1.2} {
				for _, ps := range []float64{1.5, 2} {
					for _, mp := range []float64{0.16, 0.24} {
						for _, fp := range []float64{6, 12} {
							p := base
							p.OnsetSDs, p.OffsetDip, p.PSOFactor = onset, dip, pf
							p.PursuitSpeed, p.MinPursuit, p.FastPursuit = ps, mp, fp
							out = append(out, p)
						}
					}
				}
			}
		}
	}
	return out
}
