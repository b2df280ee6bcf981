package plan

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteLP writes the planning problem as a mixed-integer program in CPLEX
// LP format, for an exact solver (GLPK's glpsol --lp, CBC) to check how far
// Solve is from the optimum. It is the same problem Solve works on: slot
// values, a switch cost per block, windows and deadlines, chunk limits,
// the daily deep-work cap, dependencies and the break rule. The break rule
// is exact when a break is one slot; for longer breaks the program asks
// only that every span+break slots of a run hold at most span slots of
// work, a relaxation, so its optimum still bounds every plan from above.
func WriteLP(w io.Writer, p Problem) error {
	p, g, jobs, err := setup(p)
	if err != nil {
		return err
	}
	s := newState(g, jobs, p.Policy)
	lw := &lpWriter{w: bufio.NewWriter(w)}
	lw.line(`\ attnflow planning problem: %d tasks, %d slots of %s`, len(jobs), g.n, g.slot)
	lw.line("Maximize")
	lw.objective(s)
	lw.line("Subject To")
	lw.slots(s)
	for j := range jobs {
		lw.job(s, j)
	}
	lw.deepCap(s)
	lw.breaks(s)
	lw.deps(s)
	lw.line("Binary")
	for j := range jobs {
		for _, t := range lw.allowed(s, j) {
			lw.line(" y%d_%d z%d_%d", j, t, j, t)
		}
		if len(jobs[j].succs) > 0 || len(jobs[j].preds) > 0 {
			lw.line(" u%d", j)
		}
	}
	lw.line("End")
	if lw.err == nil {
		lw.err = lw.w.Flush()
	}
	if lw.err != nil {
		return fmt.Errorf("write lp: %w", lw.err)
	}
	return nil
}

type lpWriter struct {
	w   *bufio.Writer
	err error
	n   int // constraint counter
}

func (lw *lpWriter) line(format string, args ...any) {
	if lw.err == nil {
		_, lw.err = fmt.Fprintf(lw.w, format+"\n", args...)
	}
}

// row writes one constraint "name: terms op rhs", wrapping long sums.
func (lw *lpWriter) row(terms []string, op string, rhs float64) {
	if len(terms) == 0 {
		return
	}
	lw.n++
	var b strings.Builder
	fmt.Fprintf(&b, " c%d:", lw.n)
	for i, t := range terms {
		if i > 0 && i%8 == 0 {
			b.WriteString("\n  ")
		}
		b.WriteString(" " + t)
	}
	fmt.Fprintf(&b, " %s %g", op, rhs)
	lw.line("%s", b.String())
}

// allowed are the slots job j may use: free and inside its window.
func (lw *lpWriter) allowed(s *state, j int) []int {
	var out []int
	for t := s.jobs[j].lo; t < s.jobs[j].hi; t++ {
		if s.g.free[t] && s.jobs[j].need > 0 {
			out = append(out, t)
		}
	}
	return out
}

func (lw *lpWriter) objective(s *state) {
	var terms []string
	for j, jb := range s.jobs {
		for _, t := range lw.allowed(s, j) {
			terms = append(terms, fmt.Sprintf("+ %.6f y%d_%d - %.6f z%d_%d", jb.val[t], j, t, s.pol.SwitchCost, j, t))
		}
	}
	if len(terms) == 0 {
		terms = []string{"0 y0_0"}
	}
	lw.line(" obj: %s", strings.Join(terms, "\n  "))
}

// slots: one job per slot.
func (lw *lpWriter) slots(s *state) {
	at := make([][]string, s.g.n)
	for j := range s.jobs {
		for _, t := range lw.allowed(s, j) {
			at[t] = append(at[t], fmt.Sprintf("+ y%d_%d", j, t))
		}
	}
	for _, terms := range at {
		if len(terms) > 1 {
			lw.row(terms, "<=", 1)
		}
	}
}

// job: demand, block starts, chunk limits.
func (lw *lpWriter) job(s *state, j int) {
	jb, g := s.jobs[j], s.g
	ok := map[int]bool{}
	var need []string
	for _, t := range lw.allowed(s, j) {
		ok[t] = true
		need = append(need, fmt.Sprintf("+ y%d_%d", j, t))
	}
	lw.row(need, "<=", float64(jb.need))
	same := func(a, b int) bool { return ok[a] && ok[b] && g.run[a] == g.run[b] }
	m := min(jb.minC, jb.need)
	for t := range ok {
		if same(t-1, t) {
			lw.row([]string{fmt.Sprintf("+ z%d_%d", j, t), fmt.Sprintf("- y%d_%d", j, t), fmt.Sprintf("+ y%d_%d", j, t-1)}, ">=", 0)
		} else {
			lw.row([]string{fmt.Sprintf("+ z%d_%d", j, t), fmt.Sprintf("- y%d_%d", j, t)}, ">=", 0)
		}
		for k := 1; k < m; k++ {
			if same(t, t+k) {
				lw.row([]string{fmt.Sprintf("+ y%d_%d", j, t+k), fmt.Sprintf("- z%d_%d", j, t)}, ">=", 0)
			} else {
				lw.row([]string{fmt.Sprintf("+ z%d_%d", j, t)}, "<=", 0)
				break
			}
		}
		if same(t, t+jb.maxC) {
			var win []string
			for k := 0; k <= jb.maxC; k++ {
				win = append(win, fmt.Sprintf("+ y%d_%d", j, t+k))
			}
			lw.row(win, "<=", float64(jb.maxC))
		}
	}
}

func (lw *lpWriter) deepCap(s *state) {
	days := map[int][]string{}
	for j, jb := range s.jobs {
		if !jb.deep {
			continue
		}
		for _, t := range lw.allowed(s, j) {
			days[s.g.day[t]] = append(days[s.g.day[t]], fmt.Sprintf("+ y%d_%d", j, t))
		}
	}
	for d := 0; d <= s.g.nDays; d++ {
		if terms := days[d]; len(terms) > s.deepCapOn(d) {
			lw.row(terms, "<=", float64(s.deepCapOn(d)))
		}
	}
}

// breaks: every span+brk slots of a run hold at most span slots of work.
func (lw *lpWriter) breaks(s *state) {
	at := make([][]string, s.g.n)
	for j := range s.jobs {
		for _, t := range lw.allowed(s, j) {
			at[t] = append(at[t], fmt.Sprintf("+ y%d_%d", j, t))
		}
	}
	width := s.span + max(1, s.brk)
	for _, r := range s.g.runs {
		for a := r[0]; a+width <= r[1]; a++ {
			var terms []string
			for t := a; t < a+width; t++ {
				terms = append(terms, at[t]...)
			}
			if len(terms) > s.span {
				lw.row(terms, "<=", float64(s.span))
			}
		}
	}
}

// deps: a job works only once each predecessor is complete, and after it.
// u_j is 1 when job j works at all; c_p is one past p's last slot.
func (lw *lpWriter) deps(s *state) {
	T := float64(s.g.n + 1)
	for j, jb := range s.jobs {
		if len(jb.preds) == 0 && len(jb.succs) == 0 {
			continue
		}
		al := lw.allowed(s, j)
		var use []string
		for _, t := range al {
			use = append(use, fmt.Sprintf("+ y%d_%d", j, t))
		}
		lw.row(append(use, fmt.Sprintf("- %d u%d", max(1, jb.need), j)), "<=", 0)
		for _, t := range al { // c_j >= t+1 when j works at t
			lw.row([]string{fmt.Sprintf("+ c%d", j), fmt.Sprintf("- %d y%d_%d", t+1, j, t)}, ">=", 0)
		}
		for _, p := range jb.preds {
			var done []string
			for _, t := range lw.allowed(s, p) {
				done = append(done, fmt.Sprintf("+ y%d_%d", p, t))
			}
			lw.row(append(done, fmt.Sprintf("- %d u%d", s.jobs[p].need, j)), ">=", 0)
			for _, t := range al { // c_p <= t when j works at t
				lw.row([]string{fmt.Sprintf("+ c%d", p), fmt.Sprintf("+ %g y%d_%d", T, j, t)}, "<=", T+float64(t))
			}
		}
	}
}
