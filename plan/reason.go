package plan

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// reasoner writes the reasons for blocks and risks.
type reasoner struct {
	p     *Problem
	g     *grid
	means []float64 // capacity of every free slot, sorted, for percentiles
}

func newReasoner(p *Problem, g *grid) *reasoner {
	r := &reasoner{p: p, g: g}
	for i := 0; i < g.n; i++ {
		if g.free[i] {
			r.means = append(r.means, g.mean[i])
		}
	}
	sort.Float64s(r.means)
	return r
}

// above is the share of free time with higher capacity than m.
func (r *reasoner) above(m float64) float64 {
	if len(r.means) == 0 {
		return 0
	}
	i := sort.SearchFloat64s(r.means, m+1e-9)
	return float64(len(r.means)-i) / float64(len(r.means))
}

func (r *reasoner) reason(s *state, j, a, b, part, parts int) string {
	jb := s.jobs[j]
	mean, sd := 0.0, 0.0
	for i := a; i < b; i++ {
		mean += r.g.mean[i]
		sd += r.g.sd[i]
	}
	mean, sd = mean/float64(b-a), sd/float64(b-a)
	when := fmt.Sprintf("%s–%s", r.g.at(a).Format("Mon 15:04"), r.g.at(b).Format("15:04"))
	parts2 := []string{r.fit(jb, mean, sd), r.due(jb)}
	if parts > 1 {
		parts2 = append(parts2, r.split(jb, part, parts))
	}
	if jb.ratio != 1 {
		parts2 = append(parts2, fmt.Sprintf("planned %s, your %s estimates run ×%.2f", fmtDur(r.g.dur(jb.need)), kindName(jb.task.Kind), jb.ratio))
	}
	if len(jb.preds) > 0 {
		var names []string
		for _, p := range jb.preds {
			names = append(names, fmt.Sprintf("%q", s.jobs[p].task.Title))
		}
		parts2 = append(parts2, "after "+strings.Join(names, ", "))
	}
	return when + ": " + strings.Join(parts2, "; ")
}

func (r *reasoner) fit(jb *job, mean, sd float64) string {
	higher := r.above(mean)
	capText := fmt.Sprintf("capacity %.2f ± %.2f", mean, sd)
	kind := kindName(jb.task.Kind)
	switch {
	case jb.demanding && higher < 0.25:
		return fmt.Sprintf("%s in your peak hours (%s)", kind, capText)
	case jb.demanding && higher < 0.6:
		return fmt.Sprintf("%s in good focus hours (%s)", kind, capText)
	case jb.demanding:
		return fmt.Sprintf("%s in the best focus time left in its window (%s)", kind, capText)
	case higher > 0.5:
		return fmt.Sprintf("%s batched into a low-capacity hour (%s), keeping peak hours for deep work", kind, capText)
	default:
		return fmt.Sprintf("%s here because lower-capacity time is taken or outside its window (%s)", kind, capText)
	}
}

func (r *reasoner) due(jb *job) string {
	pr := fmt.Sprintf("P%d", max(1, jb.task.Priority))
	if jb.task.Priority == 0 {
		pr = "P3 (default)"
	}
	if jb.task.Deadline.IsZero() {
		return pr + ", no deadline"
	}
	return fmt.Sprintf("%s, due %s", pr, jb.task.Deadline.Format("Mon 2 Jan 15:04"))
}

func (r *reasoner) split(jb *job, part, parts int) string {
	if jb.need <= jb.maxC {
		return fmt.Sprintf("part %d of %d, split to fit the free time around other work", part, parts)
	}
	why := fmt.Sprintf("your focus span is set to %s", fmtDur(r.p.Policy.FocusSpan))
	if fs := r.p.Policy.FocusSessions; fs > 0 {
		why = fmt.Sprintf("your focus sessions average %s", fmtDur(fs))
	}
	return fmt.Sprintf("part %d of %d, chunks of at most %s because %s", part, parts, fmtDur(r.g.dur(jb.maxC)), why)
}

func (r *reasoner) risk(s *state, j int) Risk {
	jb := s.jobs[j]
	missing := r.g.dur(jb.need - s.placed[j])
	rk := Risk{TaskID: jb.task.ID, Title: jb.task.Title, Missing: missing}
	free := 0
	for i := jb.lo; i < jb.hi; i++ {
		if r.g.free[i] {
			free++
		}
	}
	switch {
	case !jb.task.Deadline.IsZero() && !jb.task.Deadline.After(r.p.Now):
		rk.Reason = fmt.Sprintf("the deadline %s has passed; set a new one", jb.task.Deadline.Format("Mon 2 Jan 15:04"))
	case !s.predsDone(j):
		rk.Reason = "it waits for a task that could not be fully planned; plan that one first or drop the dependency"
	case free < jb.need:
		rk.Reason = fmt.Sprintf("only %s of free time before its deadline for %s of work; move the deadline, shorten it, or free time", fmtDur(r.g.dur(free)), fmtDur(r.g.dur(jb.need)))
	default:
		rk.Reason = fmt.Sprintf("its free time went to more valuable or more urgent work; %s still missing: raise its priority or move its deadline", fmtDur(missing))
	}
	return rk
}

func (s *state) predsDone(j int) bool {
	for _, p := range s.jobs[j].preds {
		if s.placed[p] < s.jobs[p].need {
			return false
		}
	}
	return true
}

func (r *reasoner) fallacyNote(jb *job) string {
	return fmt.Sprintf("%q: estimate %s × %.2f (your measured actual/estimate ratio for %s) = %s planned",
		jb.task.Title, fmtDur(jb.task.Estimate), jb.ratio, kindName(jb.task.Kind), fmtDur(time.Duration(float64(jb.task.Estimate)*jb.ratio)))
}

func kindName(k Kind) string {
	switch k {
	case KindDeep:
		return "deep work"
	case "":
		return "work"
	case KindShallow:
		return "shallow work"
	}
	return string(k) + " work"
}

// fmtDur writes 1h30m, 45m, 2h.
func fmtDur(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}
