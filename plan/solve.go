package plan

import (
	"io"
	"log/slog"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// searchRounds bounds the local search; it usually stops much earlier.
const searchRounds = 20

// Solve plans the problem: it places task chunks to maximise the plan's
// value, lists the work it could not place, and reports an upper bound on
// the value of any plan with the gap to it. It is deterministic.
// Bad input (no horizon, circular or unknown dependencies, negative
// estimates) is an EINVALID error; more work than time is not an error but
// a partial plan with the unplaced work in AtRisk.
func Solve(p Problem) (*Plan, error) {
	p, g, jobs, err := setup(p)
	if err != nil {
		return nil, err
	}
	s, order := bestConstruction(g, jobs, p.Policy)
	s.improve(searchRounds)
	s.iteratedSearch(ilsIterations(len(jobs), g.n), order)
	plan := assemble(&p, g, s)
	plan.UpperBound = upperBound(s)
	plan.Gap = gap(plan.Objective, plan.UpperBound)
	p.Logger.Debug("plan solved", slog.Int("tasks", len(jobs)), slog.Float64("objective", plan.Objective),
		slog.Float64("bound", plan.UpperBound), slog.Float64("gap", plan.Gap))
	return plan, nil
}

// Baseline plans the problem the naive way: earliest deadline first, each
// task as early as possible, under the same rules. It exists to show what
// Solve adds.
func Baseline(p Problem) (*Plan, error) {
	p, g, jobs, err := setup(p)
	if err != nil {
		return nil, err
	}
	s := newState(g, jobs, p.Policy)
	for _, j := range edfOrder(jobs) {
		for s.placed[j] < jobs[j].need {
			a, b, ok := s.earliestBlock(j)
			if !ok {
				break
			}
			s.set(j, a, b)
		}
	}
	plan := assemble(&p, g, s)
	plan.UpperBound = upperBound(s)
	plan.Gap = gap(plan.Objective, plan.UpperBound)
	return plan, nil
}

func gap(obj, bound float64) float64 {
	if bound <= 1e-9 {
		return 0
	}
	return max(0, (bound-obj)/bound)
}

func setup(p Problem) (Problem, *grid, []*job, error) {
	if p.Logger == nil {
		p.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if p.From.IsZero() || p.To.IsZero() || !p.To.After(p.From) {
		return p, nil, nil, attnflow.Errorf(attnflow.EINVALID, "plan: the horizon needs a start before its end (got %s – %s)", p.From, p.To)
	}
	if p.Now.IsZero() {
		p.Now = p.From
	}
	p.Policy = p.Policy.withDefaults()
	for h, m := range p.Capacity.Mean {
		if m < 0 || m > 1 || p.Capacity.SD[h] < 0 {
			return p, nil, nil, attnflow.Errorf(attnflow.EINVALID, "plan: capacity at hour %d of the week is %.2f ± %.2f; want a mean in [0, 1]", h, m, p.Capacity.SD[h])
		}
	}
	g := newGrid(&p)
	jobs, err := prepareJobs(&p, g)
	if err != nil {
		return p, nil, nil, err
	}
	return p, g, jobs, nil
}

// ilsIterations sizes the iterated search so a plan stays well under a
// second for a week of 40 tasks and a few seconds for a month of 200.
func ilsIterations(jobs, slots int) int {
	work := max(1, jobs*slots)
	return min(3000, max(200, 6_000_000/work))
}

// bestConstruction builds a plan from three task orders and keeps the best,
// with the order that built it.
func bestConstruction(g *grid, jobs []*job, pol Policy) (*state, []int) {
	orders := [][]int{
		sortedOrder(jobs, func(a, b int) bool { // most valuable first
			wa, wb := jobs[a].weight*demandFactor(jobs[a]), jobs[b].weight*demandFactor(jobs[b])
			if wa != wb {
				return wa > wb
			}
			return jobs[a].hi < jobs[b].hi
		}),
		edfOrder(jobs),
		sortedOrder(jobs, func(a, b int) bool { // least slack first
			return jobs[a].hi-jobs[a].lo-jobs[a].need < jobs[b].hi-jobs[b].lo-jobs[b].need
		}),
	}
	var best *state
	var bestO []int
	bestV := 0.0
	for _, o := range orders {
		s := newState(g, jobs, pol)
		s.construct(o)
		if v := s.objective(); best == nil || v > bestV+1e-9 {
			best, bestO, bestV = s, o, v
		}
	}
	return best, bestO
}

func demandFactor(j *job) float64 {
	if j.demanding {
		return 1.5
	}
	return 1
}

func edfOrder(jobs []*job) []int {
	return sortedOrder(jobs, func(a, b int) bool {
		if jobs[a].hi != jobs[b].hi {
			return jobs[a].hi < jobs[b].hi
		}
		return jobs[a].weight > jobs[b].weight
	})
}

// earliestBlock is the first feasible block of job j, as long as allowed.
func (s *state) earliestBlock(j int) (int, int, bool) {
	jb := s.jobs[j]
	rem := jb.need - s.placed[j]
	lo, hi, ok := s.bounds(j)
	if !ok || rem <= 0 {
		return 0, 0, false
	}
	for a := lo; a < hi; a++ {
		for l := min(rem, jb.maxC); l >= 1; l-- {
			if s.leavesPlaceable(j, l) && s.canPlaceIn(j, a, a+l, lo, hi) {
				return a, a + l, true
			}
		}
	}
	return 0, 0, false
}

// assemble turns a state into a Plan with reasons and risks.
func assemble(p *Problem, g *grid, s *state) *Plan {
	out := &Plan{Objective: s.objective()}
	rs := newReasoner(p, g)
	for j, jb := range s.jobs {
		runs := s.runsOf(j)
		for k, r := range runs {
			b := Block{TaskID: jb.task.ID, Title: jb.task.Title, Kind: jb.task.Kind, Start: g.at(r[0]), End: g.at(r[1])}
			b.Reason = rs.reason(s, j, r[0], r[1], k+1, len(runs))
			out.Blocks = append(out.Blocks, b)
		}
		if s.placed[j] < jb.need {
			out.AtRisk = append(out.AtRisk, rs.risk(s, j))
		}
		if jb.ratio != 1 && jb.need > 0 {
			out.Notes = append(out.Notes, rs.fallacyNote(jb))
		}
	}
	out.Blocks = append(out.Blocks, p.Pinned...)
	sort.SliceStable(out.Blocks, func(a, b int) bool { return out.Blocks[a].Start.Before(out.Blocks[b].Start) })
	return out
}

// Duration of work a risk or note talks about, in slots.
func (g *grid) dur(slots int) time.Duration { return time.Duration(slots) * g.slot }
