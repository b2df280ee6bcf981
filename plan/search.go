package plan

import (
	"math"
	"slices"
)

// bestBlock finds the best block for job j's remaining work: the highest
// value per slot, switch cost included, over every feasible start and
// length, preferring lengths that leave a placeable remainder. ok is false
// when nothing fits.
func (s *state) bestBlock(j int) (a, b int, ok bool) {
	if soft := s.jobs[j].softHi; soft < s.jobs[j].hi { // leave its successors time first
		if a, b, ok = s.bestBlockOf(j, true, soft); ok {
			return a, b, ok
		}
	}
	if a, b, ok = s.bestBlockOf(j, true, s.g.n); ok {
		return a, b, ok
	}
	return s.bestBlockOf(j, false, s.g.n) // a partial block beats none
}

// bestBlockOf is bestBlock with blocks ending by limit; when strict, it
// only considers lengths that leave a remainder that can still be placed.
func (s *state) bestBlockOf(j int, strict bool, limit int) (a, b int, ok bool) {
	jb := s.jobs[j]
	rem := jb.need - s.placed[j]
	if rem <= 0 {
		return 0, 0, false
	}
	lo, hi, fine := s.bounds(j)
	if !fine {
		return 0, 0, false
	}
	hi = min(hi, limit)
	best := math.Inf(-1)
	maxL := min(rem, jb.maxC)
	for start := lo; start < hi; start++ {
		if s.g.run[start] < 0 || s.at[start] >= 0 {
			continue
		}
		for l := maxL; l >= 1; l-- {
			end := start + l
			if end > hi || (strict && !s.leavesPlaceable(j, l)) {
				continue
			}
			if !s.canPlaceIn(j, start, end, lo, hi) {
				continue
			}
			if score := s.gain(j, start, end) / float64(l); score > best+1e-12 {
				best, a, b, ok = score, start, end, true
			}
			break // the longest feasible length at this start is enough
		}
	}
	return a, b, ok
}

// leavesPlaceable reports whether placing l more slots of job j leaves a
// remainder that is nothing or at least a minimum chunk.
func (s *state) leavesPlaceable(j, l int) bool {
	rest := s.jobs[j].need - s.placed[j] - l
	return rest == 0 || rest >= s.jobs[j].minC
}

// fill places job j's remaining work block by block; it returns false if
// some work found no place.
func (s *state) fill(j int) bool {
	for s.placed[j] < s.jobs[j].need {
		a, b, ok := s.bestBlock(j)
		if !ok {
			return false
		}
		s.set(j, a, b)
	}
	return true
}

// construct places the jobs in the given order; a job whose predecessors
// are unfinished waits and is placed as soon as they are.
func (s *state) construct(order []int) {
	var waiting []int
	for _, j := range order {
		if _, _, ok := s.bounds(j); !ok {
			waiting = append(waiting, j)
			continue
		}
		s.fill(j)
		waiting = s.release(waiting)
	}
}

// release places the waiting jobs whose predecessors are now finished and
// returns those still waiting.
func (s *state) release(waiting []int) []int {
	for changed := true; changed; {
		changed = false
		for k, j := range waiting {
			if _, _, ok := s.bounds(j); ok {
				waiting = append(waiting[:k:k], waiting[k+1:]...)
				s.fill(j)
				changed = true
				break
			}
		}
	}
	return waiting
}

// improve runs local search until no move helps or the round limit is hit:
// re-place each job's work, swap equal blocks, and make room for unplaced
// work by moving another job's block.
func (s *state) improve(rounds int) {
	cur := s.objective()
	scratch := s.clone()
	for r := 0; r < rounds; r++ {
		before := cur
		cur = s.relocate(scratch, cur)
		cur = s.swap(scratch, cur)
		cur = s.eject(scratch, cur, nil)
		if cur <= before+1e-9 {
			return
		}
	}
}

// relocate re-places each job whole, then each block of each job
// (remove, fill again), keeping what helps.
func (s *state) relocate(scratch *state, cur float64) float64 {
	for j := range s.jobs {
		scratch.copyFrom(s)
		for _, blk := range s.runsOf(j) {
			s.clear(blk[0], blk[1])
		}
		s.fill(j)
		if v := s.objective(); v > cur+1e-9 && s.keepsDeps(j, scratch) {
			cur = v
		} else {
			s.copyFrom(scratch)
		}
		for _, blk := range s.runsOf(j) {
			scratch.copyFrom(s)
			if s.at[blk[0]] != j {
				continue // an earlier move changed this block
			}
			s.clear(blk[0], blk[1])
			s.fill(j)
			if v := s.objective(); v > cur+1e-9 && s.keepsDeps(j, scratch) {
				cur = v
				continue
			}
			s.copyFrom(scratch)
		}
	}
	return cur
}

// swap exchanges two equal-length blocks of different jobs when it helps.
func (s *state) swap(scratch *state, cur float64) float64 {
	var blocks [][3]int
	for j := range s.jobs {
		for _, b := range s.runsOf(j) {
			blocks = append(blocks, [3]int{j, b[0], b[1]})
		}
	}
	for x := 0; x < len(blocks); x++ {
		for y := x + 1; y < len(blocks); y++ {
			p, q := blocks[x], blocks[y]
			if p[0] == q[0] || p[2]-p[1] != q[2]-q[1] || s.at[p[1]] != p[0] || s.at[q[1]] != q[0] {
				continue
			}
			if d := s.swapDelta(p, q); d <= 1e-9 {
				continue
			}
			scratch.copyFrom(s)
			s.clear(p[1], p[2])
			s.clear(q[1], q[2])
			if s.canPlace(p[0], q[1], q[2]) {
				s.set(p[0], q[1], q[2])
				if s.canPlace(q[0], p[1], p[2]) {
					s.set(q[0], p[1], p[2])
					if v := s.objective(); v > cur+1e-9 {
						cur = v
						blocks[x][1], blocks[x][2], blocks[y][1], blocks[y][2] = q[1], q[2], p[1], p[2]
						continue
					}
				}
			}
			s.copyFrom(scratch)
		}
	}
	return cur
}

// swapDelta is the objective change of exchanging blocks p and q (job,
// start, end), switch costs included; feasibility is not checked.
func (s *state) swapDelta(p, q [3]int) float64 {
	lo, hi := min(p[1], q[1]), max(p[2], q[2])
	if p[2] < q[1] || q[2] < p[1] { // apart: two windows
		before := s.segment(p[1], p[2]) + s.segment(q[1], q[2])
		s.write(p[0], q[1], q[2])
		s.write(q[0], p[1], p[2])
		after := s.segment(p[1], p[2]) + s.segment(q[1], q[2])
		s.write(p[0], p[1], p[2])
		s.write(q[0], q[1], q[2])
		return after - before
	}
	before := s.segment(lo, hi)
	s.write(p[0], q[1], q[2])
	s.write(q[0], p[1], p[2])
	after := s.segment(lo, hi)
	s.write(p[0], p[1], p[2])
	s.write(q[0], q[1], q[2])
	return after - before
}

// write sets slots [a, b) to job j without bookkeeping (for trial edits).
func (s *state) write(j, a, b int) {
	for i := a; i < b; i++ {
		s.at[i] = j
	}
}

// segment is the objective counted on slots [a-1, b+1): values of the
// slots in [a, b) and the block starts in [a, b+1).
func (s *state) segment(a, b int) float64 {
	v := 0.0
	for i := max(0, a); i < min(s.g.n, b+1); i++ {
		j := s.at[i]
		if j < 0 {
			continue
		}
		if i < b {
			v += s.jobs[j].val[i]
		}
		if i == 0 || s.at[i-1] != j || s.g.run[i-1] != s.g.run[i] {
			v -= s.pol.SwitchCost
		}
	}
	return v
}

// eject gives an unfinished job room by re-placing one block of another.
// With only set, it tries just those jobs.
func (s *state) eject(scratch *state, cur float64, only []int) float64 {
	for j, jb := range s.jobs {
		if s.placed[j] >= jb.need || (only != nil && !slices.Contains(only, j)) {
			continue
		}
		lo, hi, ok := s.bounds(j)
		if !ok {
			continue
		}
		for k := range s.jobs {
			if k == j {
				continue
			}
			for _, blk := range s.runsOf(k) {
				if blk[1] <= lo || blk[0] >= hi || s.placed[j] >= jb.need {
					continue
				}
				scratch.copyFrom(s)
				s.clear(blk[0], blk[1])
				s.fill(j)
				s.fill(k)
				if v := s.objective(); v > cur+1e-9 && s.keepsDeps(k, scratch) {
					cur = v
					break
				}
				s.copyFrom(scratch)
			}
		}
	}
	return cur
}

// keepsDeps reports whether job j is still as complete as in before when a
// successor of it has work placed (which needs j finished).
func (s *state) keepsDeps(j int, before *state) bool {
	if s.placed[j] >= before.placed[j] {
		return true
	}
	for _, q := range s.jobs[j].succs {
		if s.placed[q] > 0 {
			return false
		}
	}
	return true
}
