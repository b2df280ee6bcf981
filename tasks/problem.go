package tasks

import (
	"math"
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
// longer hold anything up, and so are dependencies on recurring tasks,
// which never finish. A recurring task becomes one planner task per
// occurrence in the horizon (whose start fixes the time zone).
func PlanTasks(ts []Task, horizon attnflow.TimeRange) ([]plan.Task, []plan.Block, error) {
	open := map[string]bool{} // tasks one can wait for: a series never finishes
	for _, t := range ts {
		if !t.Done && t.RRule == "" {
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
