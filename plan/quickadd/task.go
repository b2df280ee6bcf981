package quickadd

import "github.com/attnflow/attnflow/plan"

// Task turns the result into a planner task with the given ID. The
// recurrence (RRule) is not part of a task: the store expands it into one
// task per occurrence.
func (r Result) Task(id string) plan.Task {
	return plan.Task{
		ID:       id,
		Title:    r.Title,
		Estimate: r.Estimate,
		Deadline: r.Deadline,
		Earliest: r.Earliest,
		Priority: r.Priority,
		Kind:     plan.Kind(r.Kind),
		Tags:     append([]string(nil), r.Tags...),
	}
}
