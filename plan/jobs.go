package plan

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
)

// job is a task prepared for the search: its demand in slots, where it may
// go, and what each slot is worth to it.
type job struct {
	task      Task
	need      int     // slots of work after the planning-fallacy correction, minus work done
	ratio     float64 // the correction applied
	weight    float64 // priority weight
	deep      bool    // counts against the daily deep-work cap
	demanding bool    // values focus capacity
	lo, hi    int     // allowed slots [lo, hi)
	softHi    int     // finish by here so the jobs waiting for it can meet their deadlines
	minC      int
	maxC      int
	preds     []int
	succs     []int
	val       []float64 // value of one slot of this job at each slot
}

// priorityWeight makes one slot of P1 work worth twice one of P3.
func priorityWeight(p int) float64 {
	switch p {
	case 1:
		return 4
	case 2:
		return 3
	case 4:
		return 1
	default:
		return 2
	}
}

// slotValue is the objective's value of one slot of work: priority-weighted
// focus capacity for demanding work (its risk-adjusted lower estimate);
// for shallow work a little more in low-capacity slots, so that it
// gathers there and leaves peak hours to work that needs them; and a small
// premium for earlier slots, which leave room for surprises.
func slotValue(weight float64, demanding bool, mean, sd, risk, early float64) float64 {
	fit := 0.5 * (1 - mean)
	if demanding {
		fit = math.Max(0, mean-risk*sd)
	}
	return weight * (0.5 + fit + 0.05*early)
}

// prepareJobs checks the tasks and builds the jobs. Circular or unknown
// dependencies and negative estimates are EINVALID errors.
func prepareJobs(p *Problem, g *grid) ([]*job, error) {
	index := map[string]int{}
	for i, t := range p.Tasks {
		if t.ID == "" {
			return nil, attnflow.Errorf(attnflow.EINVALID, "task %d (%q) has no ID", i+1, t.Title)
		}
		if _, dup := index[t.ID]; dup {
			return nil, attnflow.Errorf(attnflow.EINVALID, "two tasks have the ID %q", t.ID)
		}
		if t.Estimate < 0 {
			return nil, attnflow.Errorf(attnflow.EINVALID, "task %q has a negative estimate %s", t.Title, t.Estimate)
		}
		index[t.ID] = i
	}
	jobs := make([]*job, len(p.Tasks))
	for i, t := range p.Tasks {
		jobs[i] = newJob(p, g, t)
	}
	for i, t := range p.Tasks {
		for _, id := range t.After {
			k, ok := index[id]
			if !ok {
				return nil, attnflow.Errorf(attnflow.EINVALID, "task %q waits for %q, which is not among the tasks; remove the dependency or add the task", t.Title, id)
			}
			jobs[i].preds = append(jobs[i].preds, k)
			jobs[k].succs = append(jobs[k].succs, i)
		}
	}
	if cyc := findCycle(jobs); cyc != nil {
		names := make([]string, len(cyc))
		for i, k := range cyc {
			names[i] = fmt.Sprintf("%q", jobs[k].task.Title)
		}
		return nil, attnflow.Errorf(attnflow.EINVALID, "circular dependency: %s; remove one of these links", strings.Join(names, " → "))
	}
	propagateWindows(jobs, g)
	return jobs, nil
}

// propagateWindows narrows windows that dependencies imply: a job cannot
// start before each job it waits for could possibly be finished (its work
// laid into the first free slots of its window), and cannot run at all if
// one of them cannot be finished. Every plan obeys this already; stating it
// makes the upper bound tighter.
func propagateWindows(jobs []*job, g *grid) {
	for _, j := range topological(jobs) {
		jb := jobs[j]
		for _, p := range jb.preds {
			finish, ok := earliestFinish(jobs[p], g)
			if !ok {
				finish = jb.hi // the predecessor cannot be finished: neither can this
			}
			jb.lo = max(jb.lo, finish)
		}
		jb.lo = min(jb.lo, jb.hi)
	}
	order := topological(jobs)
	for k := len(order) - 1; k >= 0; k-- { // successors first
		jb := jobs[order[k]]
		jb.softHi = jb.hi
		for _, q := range jb.succs {
			jb.softHi = min(jb.softHi, latestStart(jobs[q], g))
		}
		jb.softHi = max(jb.softHi, jb.lo)
	}
}

// latestStart is the last slot at which job jb could start and still do
// all its work in free slots before the end of its (soft) window.
func latestStart(jb *job, g *grid) int {
	left := jb.need
	end := min(jb.hi, jb.softHi)
	for i := end - 1; i >= jb.lo; i-- {
		if g.free[i] {
			if left--; left <= 0 {
				return i
			}
		}
	}
	return jb.lo
}

// earliestFinish is the first slot by which job jb could have all its work
// done, counting only free slots in its window; ok is false if never.
func earliestFinish(jb *job, g *grid) (int, bool) {
	left := jb.need
	if left == 0 {
		return jb.lo, true
	}
	for i := jb.lo; i < jb.hi; i++ {
		if g.free[i] {
			if left--; left == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

// topological orders jobs so that each comes after the jobs it waits for.
func topological(jobs []*job) []int {
	seen := make([]bool, len(jobs))
	var out []int
	var visit func(int)
	visit = func(v int) {
		if seen[v] {
			return
		}
		seen[v] = true
		for _, p := range jobs[v].preds {
			visit(p)
		}
		out = append(out, v)
	}
	for v := range jobs {
		visit(v)
	}
	return out
}

func newJob(p *Problem, g *grid, t Task) *job {
	pol := p.Policy
	ratio := 1.0
	if r, ok := pol.Ratio[t.Kind]; ok && r > 0 {
		ratio = r
	}
	work := time.Duration(float64(t.Estimate)*ratio) - p.Done[t.ID]
	for _, b := range p.Pinned {
		if b.TaskID == t.ID {
			work -= b.End.Sub(b.Start) // the person already placed this part
		}
	}
	j := &job{task: t, ratio: ratio, need: g.slots(work), weight: priorityWeight(t.Priority),
		deep: t.Kind == KindDeep, demanding: t.Kind.Demanding(), lo: 0, hi: g.n}
	if !t.Earliest.IsZero() {
		j.lo = max(0, g.ceilIndex(t.Earliest))
	}
	if !t.Deadline.IsZero() {
		j.hi = min(g.n, max(0, g.index(t.Deadline)))
	}
	j.minC = g.slots(orDefault(t.MinChunk, pol.MinChunk))
	j.maxC = g.slots(min(orDefault(t.MaxChunk, pol.MaxChunk), pol.FocusSpan))
	j.maxC = max(j.maxC, 1)
	j.minC = max(1, min(j.minC, j.maxC))
	j.val = make([]float64, g.n)
	for i := 0; i < g.n; i++ {
		early := 1 - float64(g.hour[i])/float64(max(1, g.hour[g.n-1]+1))
		j.val[i] = slotValue(j.weight, j.demanding, g.mean[i], g.sd[i], pol.RiskAversion, early)
	}
	return j
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// findCycle returns the jobs of one dependency cycle, or nil.
func findCycle(jobs []*job) []int {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(jobs))
	var stack []int
	var cycle []int
	var visit func(int) bool
	visit = func(v int) bool {
		color[v] = grey
		stack = append(stack, v)
		for _, u := range jobs[v].preds {
			if color[u] == grey {
				for k := len(stack) - 1; k >= 0; k-- {
					cycle = append([]int{stack[k]}, cycle...)
					if stack[k] == u {
						break
					}
				}
				return true
			}
			if color[u] == white && visit(u) {
				return true
			}
		}
		stack = stack[:len(stack)-1]
		color[v] = black
		return false
	}
	for v := range jobs {
		if color[v] == white && visit(v) {
			return cycle
		}
	}
	return nil
}

// sortedOrder lists the job indexes sorted by less (stable).
func sortedOrder(jobs []*job, less func(a, b int) bool) []int {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return less(order[a], order[b]) })
	return order
}
