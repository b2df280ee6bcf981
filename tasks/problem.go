package tasks

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/plan"
	"github.com/attnflow/attnflow/plan/quickadd"
)

// FromQuickAdd turns a parsed quick-add line into a task to store. A line
// without an estimate gets 60 minutes, which the caller should report as
// assumed (Assumed does).
func FromQuickAdd(r quickadd.Result) Task {
	t := Task{
		Title:       r.Title,
		EstimateMin: int(r.Estimate / time.Minute),
		Deadline:    r.Deadline,
		Earliest:    r.Earliest,
		Priority:    r.Priority,
		Kind:        r.Kind,
		Tags:        append([]string(nil), r.Tags...),
		RRule:       r.RRule,
	}
	if t.EstimateMin == 0 {
		t.EstimateMin = 60
	}
	return Normalize(t)
}

// Assumed lists what FromQuickAdd filled in that the line did not say,
// after the parser's own assumptions.
func Assumed(r quickadd.Result) []string {
	out := append([]string(nil), r.Assumed...)
	if r.Estimate == 0 {
		out = append(out, "no duration given: estimate 1h")
	}
	if r.Priority == 0 {
		out = append(out, "no priority given: P3")
	}
	if r.Kind == "" {
		out = append(out, "no kind given: shallow (add #deep, #admin or #learning)")
	}
	return out
}

// PlanTasks converts the open tasks to planner tasks and their pinned
// blocks. Dependencies on finished or deleted tasks are dropped: they no
// longer hold anything up. A recurring task becomes one planner task per
// occurrence in the horizon (whose start fixes the time zone).
func PlanTasks(ts []Task, horizon attnflow.TimeRange) ([]plan.Task, []plan.Block, error) {
	open := map[string]bool{}
	for _, t := range ts {
		if !t.Done {
			open[t.ID] = true
		}
	}
	var out []plan.Task
	var pins []plan.Block
	for _, t := range ts {
		if t.Done {
			continue
		}
		pt := plan.Task{
			ID: t.ID, Title: t.Title, Estimate: time.Duration(t.EstimateMin) * time.Minute,
			Deadline: t.Deadline, Earliest: t.Earliest, Priority: t.Priority, Kind: plan.Kind(t.Kind),
			MinChunk: time.Duration(t.MinChunkMin) * time.Minute, MaxChunk: time.Duration(t.MaxChunkMin) * time.Minute,
			Project: t.Project, Tags: t.Tags,
		}
		for _, id := range t.After {
			if open[id] {
				pt.After = append(pt.After, id)
			}
		}
		for _, p := range t.Pinned {
			pins = append(pins, plan.Block{TaskID: t.ID, Title: t.Title, Kind: plan.Kind(t.Kind), Start: p.Start, End: p.End, Pinned: true, Reason: "pinned by you"})
		}
		if t.RRule == "" {
			out = append(out, pt)
			continue
		}
		occ, err := occurrences(t, pt, horizon)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, occ...)
	}
	return out, pins, nil
}

// Capacity converts the flow engine's focus-capacity curve (Sunday-first
// cells with a credible interval) to the planner's (Monday-first, mean and
// standard deviation). A curve without cells gives a flat 0.5 ± 0.25.
func Capacity(fc flow.Capacity) plan.Capacity {
	var c plan.Capacity
	for i := range c.Mean {
		c.Mean[i], c.SD[i] = 0.5, 0.25
	}
	z := math.Sqrt2 * math.Erfinv(fc.Level)
	if fc.Level <= 0 || fc.Level >= 1 {
		z = 1.96
	}
	for _, cell := range fc.Week {
		if cell.Weekday < 0 || cell.Weekday > 6 || cell.Hour < 0 || cell.Hour > 23 {
			continue
		}
		h := ((cell.Weekday+6)%7)*24 + cell.Hour
		c.Mean[h] = clamp(cell.Mean, 0, 1)
		c.SD[h] = clamp((cell.Hi-cell.Lo)/(2*z), 0, 1)
	}
	return c
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

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
