package plan

import "time"

// grid is the planning horizon cut into slots.
type grid struct {
	from       time.Time
	slot       time.Duration
	n          int
	free       []bool    // working time, not busy, not lunch, not pinned, not past
	run        []int     // id of the maximal free stretch a free slot is in; -1 if not free
	day        []int     // index of the slot's local day from the first day
	hour       []int     // index of the slot's hour from the first hour (groups for the bound)
	mean       []float64 // capacity
	sd         []float64
	runs       [][2]int    // [start, end) of each run
	pinnedDeep map[int]int // slots of pinned deep work per day
	nDays      int
}

func newGrid(p *Problem) *grid {
	pol := p.Policy
	n := int(p.To.Sub(p.From) / pol.Slot)
	g := &grid{from: p.From, slot: pol.Slot, n: n,
		free: make([]bool, n), run: make([]int, n), day: make([]int, n), hour: make([]int, n),
		mean: make([]float64, n), sd: make([]float64, n)}
	first := midnightOf(p.From)
	for i := 0; i < n; i++ {
		t := g.at(i)
		g.day[i] = daysBetween(first, midnightOf(t))
		// hours are counted on the local clock, so that capacity (by local
		// hour of week) is constant within one, whatever the zone's offset
		if i > 0 {
			g.hour[i] = g.hour[i-1]
			if t.Hour() != g.at(i-1).Hour() || g.day[i] != g.day[i-1] {
				g.hour[i]++
			}
		}
		g.mean[i], g.sd[i] = p.Capacity.At(t)
		g.free[i] = g.working(p, t)
	}
	if n > 0 {
		g.nDays = g.day[n-1] + 1
	}
	g.block(p)
	g.findRuns()
	return g
}

// at is the start of slot i.
func (g *grid) at(i int) time.Time { return g.from.Add(time.Duration(i) * g.slot) }

// index is the slot that holds t (may be out of range).
func (g *grid) index(t time.Time) int { return int(t.Sub(g.from) / g.slot) }

// ceilIndex is the first slot starting at or after t.
func (g *grid) ceilIndex(t time.Time) int {
	d := t.Sub(g.from)
	i := int(d / g.slot)
	if time.Duration(i)*g.slot < d {
		i++
	}
	return i
}

func (g *grid) working(p *Problem, t time.Time) bool {
	if t.Before(p.Now) {
		return false
	}
	off := t.Sub(midnightOf(t))
	end := off + g.slot
	w := p.Work[t.Weekday()]
	if off < w.Start || end > w.End {
		return false
	}
	if p.Lunch.End > p.Lunch.Start && off < p.Lunch.End && end > p.Lunch.Start {
		return false
	}
	return true
}

// block marks busy and pinned time as not free.
func (g *grid) block(p *Problem) {
	mark := func(s, e time.Time) {
		a, b := max(g.index(s), 0), min(g.ceilIndex(e), g.n)
		for i := a; i < b; i++ {
			g.free[i] = false
		}
	}
	for _, b := range p.Busy {
		mark(b.Start, b.End)
	}
	g.pinnedDeep = map[int]int{}
	first := midnightOf(p.From)
	for _, b := range p.Pinned {
		mark(b.Start, b.End)
		if b.Kind == KindDeep {
			g.pinnedDeep[daysBetween(first, midnightOf(b.Start))] += g.slots(b.End.Sub(b.Start))
		}
	}
}

// deepPinned is the pinned deep work on day d, in slots.
func (g *grid) deepPinned(d int) int { return g.pinnedDeep[d] }

func (g *grid) findRuns() {
	for i := 0; i < g.n; i++ {
		g.run[i] = -1
		if !g.free[i] {
			continue
		}
		if i > 0 && g.free[i-1] && g.day[i-1] == g.day[i] {
			g.run[i] = g.run[i-1]
			g.runs[g.run[i]][1] = i + 1
			continue
		}
		g.run[i] = len(g.runs)
		g.runs = append(g.runs, [2]int{i, i + 1})
	}
}

func midnightOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func daysBetween(a, b time.Time) int {
	// calendar days, robust to DST: round the hours
	return int((b.Sub(a) + 12*time.Hour) / (24 * time.Hour))
}

// slots converts a duration to whole slots, rounding up.
func (g *grid) slots(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((d + g.slot - 1) / g.slot)
}
