package plan

import (
	"math"
	"math/rand/v2"
)

// iteratedSearch walks from plan to plan: it clears the work of a few jobs
// (and of the jobs that wait for them), places it again in a shuffled
// order, and moves there if the result is better, or only a little worse
// early in the walk (a cooling threshold, to escape local optima). It
// returns the best plan seen. The random source has a fixed seed, so runs
// are repeatable.
func (s *state) iteratedSearch(iters int, order []int) {
	rng := rand.New(rand.NewPCG(1, 2))
	best, walk := s.clone(), s.clone()
	bestV := s.objective()
	walkV := bestV
	cur, scratch := s.clone(), s.clone()
	temp := 0.01 * math.Abs(bestV) // accept slightly worse moves early on, less later
	for it := 0; it < iters; it++ {
		cur.copyFrom(walk)
		picked := cur.pickJobs(rng, 1+rng.IntN(3))
		for _, j := range picked {
			for _, blk := range cur.runsOf(j) {
				cur.clear(blk[0], blk[1])
			}
		}
		rng.Shuffle(len(picked), func(a, b int) { picked[a], picked[b] = picked[b], picked[a] })
		cur.construct(append(picked, order...))
		v := cur.objective()
		if v > walkV-1e-9 {
			v = cur.relocate(scratch, v)
			v = cur.eject(scratch, v, picked)
		}
		threshold := temp * (1 - float64(it)/float64(iters))
		if v > walkV-threshold {
			walk.copyFrom(cur)
			walkV = v
		}
		if v > bestV+1e-9 {
			best.copyFrom(cur)
			bestV = v
		}
	}
	s.copyFrom(best)
}

// pickJobs chooses n jobs at random and adds, transitively, the jobs that
// wait for them, so clearing them all keeps dependencies satisfied.
func (s *state) pickJobs(rng *rand.Rand, n int) []int {
	seen := map[int]bool{}
	var out []int
	var add func(int)
	add = func(j int) {
		if seen[j] {
			return
		}
		seen[j] = true
		out = append(out, j)
		for _, q := range s.jobs[j].succs {
			add(q)
		}
	}
	for k := 0; k < n && len(s.jobs) > 0; k++ {
		add(rng.IntN(len(s.jobs)))
	}
	return out
}
