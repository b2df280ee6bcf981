package plan

// state is a (partial) schedule: which job holds each slot.
type state struct {
	g       *grid
	jobs    []*job
	pol     Policy
	at      []int // job index per slot, -1 when empty
	placed  []int // slots placed per job
	deepDay []int // deep slots per day
	span    int   // FocusSpan in slots
	brk     int   // Break in slots
	deepCap int   // DailyDeepCap in slots
}

func newState(g *grid, jobs []*job, pol Policy) *state {
	s := &state{g: g, jobs: jobs, pol: pol, at: make([]int, g.n), placed: make([]int, len(jobs)),
		deepDay: make([]int, g.nDays+1), span: g.slots(pol.FocusSpan), brk: g.slots(pol.Break),
		deepCap: int(pol.DailyDeepCap / g.slot)}
	for i := range s.at {
		s.at[i] = -1
	}
	return s
}

func (s *state) clone() *state {
	c := *s
	c.at = append([]int(nil), s.at...)
	c.placed = append([]int(nil), s.placed...)
	c.deepDay = append([]int(nil), s.deepDay...)
	return &c
}

// copyFrom makes s equal to o without allocating.
func (s *state) copyFrom(o *state) {
	copy(s.at, o.at)
	copy(s.placed, o.placed)
	copy(s.deepDay, o.deepDay)
}

func (s *state) set(j, a, b int) {
	for i := a; i < b; i++ {
		s.at[i] = j
	}
	s.placed[j] += b - a
	if s.jobs[j].deep {
		s.deepDay[s.g.day[a]] += b - a
	}
}

func (s *state) clear(a, b int) {
	j := s.at[a]
	for i := a; i < b; i++ {
		s.at[i] = -1
	}
	s.placed[j] -= b - a
	if s.jobs[j].deep {
		s.deepDay[s.g.day[a]] -= b - a
	}
}

// objective is the plan's value: slot values minus a switch cost per block.
func (s *state) objective() float64 {
	v := 0.0
	for i, j := range s.at {
		if j < 0 {
			continue
		}
		v += s.jobs[j].val[i]
		if i == 0 || s.at[i-1] != j || s.g.run[i-1] != s.g.run[i] {
			v -= s.pol.SwitchCost
		}
	}
	return v
}

// runsOf lists the blocks [start, end) of job j, in order.
func (s *state) runsOf(j int) [][2]int {
	var out [][2]int
	for i := 0; i < s.g.n; i++ {
		if s.at[i] != j {
			continue
		}
		if len(out) > 0 && out[len(out)-1][1] == i && s.g.run[i-1] == s.g.run[i] {
			out[len(out)-1][1] = i + 1
			continue
		}
		out = append(out, [2]int{i, i + 1})
	}
	return out
}

// span of job j's placed work: first slot and one past the last; (-1, -1) if none.
func (s *state) extent(j int) (int, int) {
	first, last := -1, -1
	for i, k := range s.at {
		if k == j {
			if first < 0 {
				first = i
			}
			last = i + 1
		}
	}
	return first, last
}

// canPlace reports whether job j may take slots [a, b) now.
func (s *state) canPlace(j, a, b int) bool {
	lo, hi, ok := s.bounds(j)
	return ok && s.canPlaceIn(j, a, b, lo, hi)
}

// canPlaceIn is canPlace with j's bounds from s.bounds already known.
func (s *state) canPlaceIn(j, a, b, lo, hi int) bool {
	jb, g := s.jobs[j], s.g
	if a < lo || b > hi || b <= a || b > g.n {
		return false
	}
	r := g.run[a]
	if r < 0 || g.run[b-1] != r {
		return false
	}
	for i := a; i < b; i++ {
		if s.at[i] >= 0 {
			return false
		}
	}
	if s.placed[j]+b-a > jb.need {
		return false
	}
	// the merged block with neighbours of the same job must fit the chunk limits
	ma, mb := a, b
	for ma > g.runs[r][0] && s.at[ma-1] == j {
		ma--
	}
	for mb < g.runs[r][1] && s.at[mb] == j {
		mb++
	}
	if mb-ma > jb.maxC {
		return false
	}
	if mb-ma < min(jb.minC, jb.need) {
		return false
	}
	if jb.deep && s.deepDay[g.day[a]]+b-a > s.deepCapOn(g.day[a]) {
		return false
	}
	return s.breaksOK(r, a, b)
}

// bounds is where job j may work now: after its own window opens and its
// predecessors end, before its deadline and its placed successors start.
// ok is false while a predecessor is unfinished.
func (s *state) bounds(j int) (lo, hi int, ok bool) {
	lo, hi = s.jobs[j].lo, s.jobs[j].hi
	for _, p := range s.jobs[j].preds {
		if s.placed[p] < s.jobs[p].need {
			return 0, 0, false
		}
		if _, end := s.extent(p); end > lo {
			lo = end
		}
	}
	for _, q := range s.jobs[j].succs {
		if first, _ := s.extent(q); first >= 0 && first < hi {
			hi = first
		}
	}
	return lo, hi, true
}

// breaksOK checks the break rule in run r as if [a, b) were taken: work
// separated by less than a break counts as one stretch, and no stretch may
// last longer than the focus span.
func (s *state) breaksOK(r, a, b int) bool {
	lo, hi := s.g.runs[r][0], s.g.runs[r][1]
	busy := func(i int) bool { return (i >= a && i < b) || s.at[i] >= 0 }
	start, last := -1, -1
	for i := lo; i < hi; i++ {
		if !busy(i) {
			continue
		}
		if start < 0 || i-last-1 >= s.brk {
			start = i
		}
		last = i
		if last-start+1 > s.span {
			return false
		}
	}
	return true
}

// gain is the objective change of giving [a, b) to job j.
func (s *state) gain(j, a, b int) float64 {
	v := 0.0
	for i := a; i < b; i++ {
		v += s.jobs[j].val[i]
	}
	left := a > 0 && s.at[a-1] == j && s.g.run[a-1] == s.g.run[a]
	right := b < s.g.n && s.at[b] == j && s.g.run[b] == s.g.run[b-1]
	switch {
	case left && right:
		v += s.pol.SwitchCost
	case !left && !right:
		v -= s.pol.SwitchCost
	}
	return v
}
