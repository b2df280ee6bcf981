package plan

import "math"

// group is a stretch of free slots in one run and one hour: every slot in
// it is worth the same to a given job, so the bound can treat them as one.
type group struct {
	a, b int // slots [a, b)
	run  int
	day  int
}

func groups(g *grid) []group {
	var out []group
	for i := 0; i < g.n; i++ {
		if g.run[i] < 0 {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].b == i && out[k].run == g.run[i] && g.hour[out[k].a] == g.hour[i] {
			out[k].b = i + 1
			continue
		}
		out = append(out, group{a: i, b: i + 1, run: g.run[i], day: g.day[i]})
	}
	return out
}

// runCaps gives, for every run length up to maxLen, the most slots of work
// it can hold: stretches of work of at least m slots (the smallest block
// any job may have) and at most span, each followed by a break of brk.
func runCaps(maxLen, m, span, brk int) []int {
	f := make([]int, maxLen+1)
	m = max(1, m)
	for l := 1; l <= maxLen; l++ {
		f[l] = f[l-1]
		for w := m; w <= min(span, l); w++ {
			v := w
			if rest := l - w - brk; rest > 0 {
				v += f[rest]
			}
			f[l] = max(f[l], v)
		}
	}
	return f
}

// upperBound returns a value no plan can exceed. It relaxes the planning
// problem to a transportation problem, solved exactly as a min-cost flow:
// jobs send slots to hour groups they may use (windows and deadlines kept),
// groups to runs, runs to the sink with the capacity the break rule and
// the smallest chunk leave them. It keeps
// each slot's value and charges each slot its least share of the switch
// cost: the convex envelope of σ·⌈x/maxC⌉ for x slots of a job, since a
// job's blocks hold at most maxC slots. Dependencies, the minimum
// chunk and contiguity are dropped, which can only raise the optimum. The
// daily deep-work cap is moved into the objective with Lagrange
// multipliers: for any multipliers ≥ 0 the result is still an upper bound,
// and a few subgradient steps tighten it.
func upperBound(s *state) float64 {
	gs := groups(s.g)
	days := s.g.nDays + 1
	lambda := make([]float64, days)
	best := math.Inf(1)
	step := 1.0
	for it := 0; it < 12; it++ {
		val, deepUse := boundFlow(s, gs, lambda)
		for d := range lambda {
			val += lambda[d] * float64(s.deepCapOn(d))
		}
		best = math.Min(best, val)
		over := false
		for d := range lambda {
			sub := float64(deepUse[d] - s.deepCapOn(d))
			if sub > 0 {
				over = true
			}
			lambda[d] = math.Max(0, lambda[d]+step*sub/float64(max(1, s.deepCap)))
		}
		if !over {
			break // the multipliers keep every day within its cap
		}
		step *= 0.8
	}
	return best
}

// deepCapOn is the deep-work capacity left on day d.
func (s *state) deepCapOn(d int) int { return max(0, s.deepCap-s.g.deepPinned(d)) }

// boundFlow solves the relaxation for given multipliers; it returns the
// value (without the multipliers' constant) and the deep slots per day.
func boundFlow(s *state, gs []group, lambda []float64) (float64, []int) {
	jobs := s.jobs
	nJ, nG, nR := len(jobs), len(gs), len(s.g.runs)
	src, sink := 0, 1+nJ+nG+nR
	f := newFlowNet(sink + 1)
	for j, jb := range jobs {
		switchEnvelope(f, src, 1+j, jb.need, jb.maxC, s.pol.SwitchCost)
	}
	type arc struct{ id, job, day int }
	var arcs []arc
	for gi, gr := range gs {
		for j, jb := range jobs {
			n := min(gr.b, jb.hi) - max(gr.a, jb.lo)
			if n <= 0 || jb.need == 0 {
				continue
			}
			v := jb.val[gr.a]
			if jb.deep {
				v -= lambda[gr.day]
			}
			if v <= 0 {
				continue
			}
			id := f.edge(1+j, 1+nJ+gi, min(n, jb.need), -v)
			arcs = append(arcs, arc{id, j, gr.day})
		}
		f.edge(1+nJ+gi, 1+nJ+nG+gr.run, gr.b-gr.a, 0)
	}
	longest, smallest := 0, math.MaxInt
	for _, rn := range s.g.runs {
		longest = max(longest, rn[1]-rn[0])
	}
	for _, jb := range jobs {
		if jb.need > 0 {
			smallest = min(smallest, min(jb.minC, jb.need))
		}
	}
	caps := runCaps(longest, smallest, max(1, s.span), s.brk)
	for r, rn := range s.g.runs {
		f.edge(1+nJ+nG+r, sink, caps[rn[1]-rn[0]], 0)
	}
	val := -f.minCost(src, sink)
	deep := make([]int, len(lambda))
	for _, a := range arcs {
		if jobs[a.job].deep {
			deep[a.day] += f.flow(a.id)
		}
	}
	return val, deep
}

// switchEnvelope joins src to a job node so that x units cost the convex
// envelope of cost·⌈x/maxC⌉ on [0, need]: cost/maxC per unit up to the
// last whole chunk, then cost/r for the r units of the last, partial chunk.
// The flow takes the cheap units first, so it never pays less than a plan
// with x slots of that job must pay for its blocks.
func switchEnvelope(f *flowNet, src, node, need, maxC int, cost float64) {
	if need <= 0 {
		return
	}
	whole := (need / maxC) * maxC
	if whole > 0 {
		f.edge(src, node, whole, cost/float64(maxC))
	}
	if r := need - whole; r > 0 {
		f.edge(src, node, r, cost/float64(r))
	}
}
