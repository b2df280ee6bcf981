// Package plan is attnflow's planner: tasks, the person's focus capacity and
// calendar go in, a schedule of task blocks comes out, each with the reason
// it is where it is, together with an upper bound on how good any schedule
// could be so the gap to the optimum is known.
//
// It is pure: no clock, no I/O. Sub-packages parse quick-add text
// (plan/quickadd) and read and write iCalendar (plan/ics).
package plan

import (
	"context"
	"time"
)

// Kind is what sort of attention a task needs.
type Kind string

// The kinds the planner knows. A user's own kind is planned like shallow work.
const (
	KindDeep     Kind = "deep"     // long, demanding focus: belongs in peak hours
	KindShallow  Kind = "shallow"  // routine work that tolerates low capacity
	KindAdmin    Kind = "admin"    // email, forms, errands: batch it
	KindLearning Kind = "learning" // reading, courses: needs focus, less than deep work
)

// Demanding reports whether the kind needs high focus capacity.
func (k Kind) Demanding() bool { return k == KindDeep || k == KindLearning }

// Task is one piece of work to schedule.
type Task struct {
	ID       string
	Title    string
	Estimate time.Duration // the person's own estimate, before correction
	Deadline time.Time     // zero: none
	Earliest time.Time     // zero: now
	Priority int           // 1 (highest) … 4; 0 is read as 3
	Kind     Kind
	MinChunk time.Duration // zero: the policy's default
	MaxChunk time.Duration // zero: the policy's default
	After    []string      // IDs of tasks that must be finished first
	Project  string
	Tags     []string
}

// Busy is a time the person is not available (a meeting, an appointment).
type Busy struct {
	Start, End time.Time
	Title      string
}

// Block is one placed chunk of a task in a plan.
type Block struct {
	TaskID string
	Title  string
	Kind   Kind
	Start  time.Time
	End    time.Time
	Pinned bool   // the person fixed it; re-planning keeps it
	Reason string // why it is here, in words
}

// TaskStore is the little the planner's callers need from a task store.
// Implementations live outside plan (plan itself does no I/O).
type TaskStore interface {
	// OpenTasks returns the tasks not yet done.
	OpenTasks(ctx context.Context) ([]Task, error)
}
