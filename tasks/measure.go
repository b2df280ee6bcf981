package tasks

import (
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/plan"
)

// matcher is a task's compiled rules and the time it was worked on.
type matcher struct {
	id       string
	from, to time.Time // zero: open
	rules    []compiledRule
}

type compiledRule struct {
	field string
	re    *regexp.Regexp
}

func (m matcher) match(s flow.Segment) bool {
	if (!m.from.IsZero() && !s.End.After(m.from)) || (!m.to.IsZero() && !s.Start.Before(m.to)) {
		return false
	}
	for _, r := range m.rules {
		var v string
		switch r.field {
		case "app":
			v = s.App
		case "title":
			v = s.Title
		case "project":
			v = s.Project
		case "url":
			v = s.URL
		}
		if v != "" && r.re.MatchString(v) {
			return true
		}
	}
	return false
}

// Actual measures the tracked time per task: the length of the activity
// segments any of the task's rules match, between the task's creation and
// its completion (when set). A segment that several tasks match counts for
// each. Tasks without rules are absent from the map.
func Actual(ts []Task, segs []flow.Segment) map[string]time.Duration {
	var ms []matcher
	for _, t := range ts {
		m := matcher{id: t.ID, from: t.Created, to: t.DoneAt}
		for _, r := range t.Rules {
			re, err := regexp.Compile(r.Pattern)
			if err == nil {
				m.rules = append(m.rules, compiledRule{field: r.Field, re: re})
			}
		}
		if len(m.rules) > 0 {
			ms = append(ms, m)
		}
	}
	out := map[string]time.Duration{}
	for _, m := range ms {
		out[m.id] += 0
		for _, s := range segs {
			if m.match(s) {
				out[m.id] += s.Duration()
			}
		}
	}
	return out
}

// Ratio bounds: a measured ratio is clamped so that one odd task cannot
// halve or triple every estimate of its kind.
const (
	minRatio = 0.5
	maxRatio = 3.0
)

// Ratios estimates the planning-fallacy correction per kind: over the done
// tasks with rules and measured time, total actual time over total
// estimate, clamped to [0.5, 3]. It needs at least two such tasks of a
// kind; the notes say what was measured.
func Ratios(ts []Task, actual map[string]time.Duration) (map[plan.Kind]float64, []string) {
	type sum struct {
		act, est time.Duration
		n        int
	}
	by := map[string]*sum{}
	for _, t := range ts {
		a, ok := actual[t.ID]
		if !t.Done || !ok || a <= 0 {
			continue
		}
		s := by[t.Kind]
		if s == nil {
			s = &sum{}
			by[t.Kind] = s
		}
		s.act += a
		s.est += time.Duration(t.EstimateMin) * time.Minute
		s.n++
	}
	kinds := make([]string, 0, len(by))
	for k := range by {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	ratios := map[plan.Kind]float64{}
	var notes []string
	for _, k := range kinds {
		s := by[k]
		if s.n < 2 {
			notes = append(notes, fmt.Sprintf("%s: only %d finished task with measured time; estimates not corrected yet", k, s.n))
			continue
		}
		r := clamp(s.act.Hours()/s.est.Hours(), minRatio, maxRatio)
		ratios[plan.Kind(k)] = r
		notes = append(notes, fmt.Sprintf("%s: %d finished tasks took %.2f× their estimates; new %s estimates scaled by %.2f", k, s.n, s.act.Hours()/s.est.Hours(), k, r))
	}
	return ratios, notes
}
