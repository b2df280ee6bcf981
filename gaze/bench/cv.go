package bench

import (
	"runtime"
	"strings"
	"sync"

	"github.com/attnflow/attnflow/gaze"
)

// CVResult is the outcome of a cross-validation.
type CVResult struct {
	Scores gaze.Scores // held-out labels of every recording, scored together
	Chosen []int       // per recording, the grid index chosen without its group
}

// GridScores holds every recording's scores under every grid point, so
// several cross-validations can share one classification pass.
type GridScores struct {
	grid []gaze.Params
	per  [][]gaze.Scores // per[grid][recording]
}

// ScoreGrid classifies every recording with every grid point.
func ScoreGrid(recs []Recording, grid []gaze.Params) GridScores {
	return GridScores{grid: grid, per: scoreGrid(recs, grid)}
}

// CrossValidate holds out one group of recordings at a time (group
// returns a recording's group: its name for leave-one-recording-out, its
// participant for leave-one-participant-out), picks the grid point with
// the best gaze.Objective on the other groups, labels the held-out
// recordings with it, and scores all held-out labels together. The figure
// estimates how the tuned detector does on recordings it has not seen.
func (gs GridScores) CrossValidate(recs []Recording, group func(Recording) string) CVResult {
	res := CVResult{Scores: gaze.Scores{}, Chosen: make([]int, len(recs))}
	for _, hold := range groups(recs, group) {
		best := gs.best(func(r int) bool { return group(recs[r]) != hold })
		for r := range recs {
			if group(recs[r]) == hold {
				res.Chosen[r] = best
				merge(res.Scores, gs.per[best][r])
			}
		}
	}
	return res
}

// BestOnAll returns the grid index with the best objective on all
// recordings together.
func (gs GridScores) BestOnAll() int {
	return gs.best(func(int) bool { return true })
}

// best is the grid index maximising the objective over the recordings
// that use selects.
func (gs GridScores) best(use func(r int) bool) int {
	best, bestObj := 0, -2.0
	for g := range gs.grid {
		s := gaze.Scores{}
		for r := range gs.per[g] {
			if use(r) {
				merge(s, gs.per[g][r])
			}
		}
		if o := gaze.Objective(s); o > bestObj {
			best, bestObj = g, o
		}
	}
	return best
}

// groups lists the distinct groups in recording order.
func groups(recs []Recording, group func(Recording) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		if g := group(r); !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// ByRecording groups each recording alone (leave-one-recording-out).
func ByRecording(r Recording) string { return r.Name }

// ByParticipant groups recordings by participant, the name's prefix up to
// the first underscore (leave-one-participant-out).
func ByParticipant(r Recording) string {
	p, _, _ := strings.Cut(r.Name, "_")
	return p
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
// decide (thresholds as multiples of each recording's own noise, PSO
// threshold, pursuit speed and the whole-interval pursuit rule), each
// within its published range. MinPursuit (240 ms) and FastPursuit (6°/s)
// are fixed by hand: shorter minimum pursuits raise the mean kappa a
// little but cost image fixations, the one cell where published detectors
// are strong.
func Grid() []gaze.Params {
	var out []gaze.Params
	base := gaze.DefaultParams()
	for _, onset := range []float64{5, 6} {
		for _, dip := range []float64{0.15, 0.2} {
			for _, pf := range []float64{1, 1.1, 1.2} {
				for _, ps := range []float64{1.5, 2} {
					for _, lp := range []float64{0.4, 0.6} {
						for _, r2 := range []float64{0.7, 0.8} {
							p := base
							p.OnsetSDs, p.OffsetDip, p.PSOFactor = onset, dip, pf
							p.PursuitSpeed, p.LongPursuit, p.LongPursuitR2 = ps, lp, r2
							out = append(out, p)
						}
					}
				}
			}
		}
	}
	return out
}
