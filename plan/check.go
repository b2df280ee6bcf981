package plan

import (
	"errors"
	"fmt"
	"sort"
)

// Check verifies a plan against the problem's rules and returns every
// violation found, joined, or nil. Solve's plans always pass; it exists so
// tests (and a cautious caller) can check any plan, including one edited by
// hand: blocks in free working time only, no overlaps, chunk limits,
// windows and deadlines, no more work than needed, dependencies, the daily
// deep-work cap and breaks after sustained focus.
func Check(p Problem, plan *Plan) error {
	p, g, jobs, err := setup(p)
	if err != nil {
		return err
	}
	s := newState(g, jobs, p.Policy)
	index := map[string]int{}
	for j, jb := range jobs {
		index[jb.task.ID] = j
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, b := range plan.Blocks {
		if b.Pinned {
			continue
		}
		j, ok := index[b.TaskID]
		if !ok {
			bad("block %s: unknown task %q", span(b), b.TaskID)
			continue
		}
		a, e := g.index(b.Start), g.index(b.End)
		if a < 0 || e > g.n || e <= a || !g.at(a).Equal(b.Start) || !g.at(e).Equal(b.End) {
			bad("block %s of %q: not on the slot grid of the horizon", span(b), b.Title)
			continue
		}
		for i := a; i < e; i++ {
			switch {
			case !g.free[i]:
				bad("block %s of %q: %s is not free working time", span(b), b.Title, g.at(i).Format("Mon 15:04"))
			case s.at[i] >= 0:
				bad("block %s of %q: overlaps %q at %s", span(b), b.Title, jobs[s.at[i]].task.Title, g.at(i).Format("Mon 15:04"))
			default:
				s.at[i] = j
				s.placed[j]++
				if jobs[j].deep {
					s.deepDay[g.day[i]]++
				}
				continue
			}
			break
		}
	}
	errs = append(errs, s.violations()...)
	return errors.Join(errs...)
}

func span(b Block) string { return b.Start.Format("Mon 15:04") + "–" + b.End.Format("15:04") }

// violations checks a filled state against every rule.
func (s *state) violations() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	g := s.g
	at := func(i int) string { return g.at(i).Format("Mon 15:04") }
	for j, jb := range s.jobs {
		name := jb.task.Title
		if s.placed[j] > jb.need {
			bad("%q: %d slots placed, only %d needed", name, s.placed[j], jb.need)
		}
		for _, r := range s.runsOf(j) {
			if r[0] < jb.lo {
				bad("%q: starts %s, before its earliest start", name, at(r[0]))
			}
			if r[1] > jb.hi {
				bad("%q: works until %s, past its deadline", name, g.at(r[1]).Format("Mon 15:04"))
			}
			if l := r[1] - r[0]; l > jb.maxC {
				bad("%q: block at %s is %s, longer than the %s maximum chunk", name, at(r[0]), fmtDur(g.dur(l)), fmtDur(g.dur(jb.maxC)))
			} else if l < min(jb.minC, jb.need) {
				bad("%q: block at %s is %s, shorter than the %s minimum chunk", name, at(r[0]), fmtDur(g.dur(l)), fmtDur(g.dur(jb.minC)))
			}
		}
		first, _ := s.extent(j)
		for _, p := range jb.preds {
			if first < 0 {
				break
			}
			if s.placed[p] < s.jobs[p].need {
				bad("%q: planned although %q, which it waits for, is not fully planned", name, s.jobs[p].task.Title)
			}
			if _, end := s.extent(p); end > first {
				bad("%q: starts %s, before %q ends", name, at(first), s.jobs[p].task.Title)
			}
		}
	}
	days := make([]int, 0, len(s.deepDay))
	for d := range s.deepDay {
		days = append(days, d)
	}
	sort.Ints(days)
	for _, d := range days {
		if s.deepDay[d] > s.deepCapOn(d) {
			bad("day %d: %s of deep work, over the daily cap of %s", d+1, fmtDur(g.dur(s.deepDay[d])), fmtDur(g.dur(s.deepCapOn(d))))
		}
	}
	for r := range g.runs {
		if !s.breaksOK(r, 0, 0) {
			bad("%s: more than %s of work without a %s break", at(g.runs[r][0]), fmtDur(g.dur(s.span)), fmtDur(g.dur(s.brk)))
		}
	}
	return errs
}
