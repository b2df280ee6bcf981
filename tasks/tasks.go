// Package tasks is the task list behind the planner: the stored form of a
// task (with its rules linking it to tracked activity and its pinned
// blocks), the storage contract, and the pure steps that turn stored tasks,
// measured activity and calendars into a planning problem.
//
// It does no I/O; sqlite implements Store, server and cmd wire it.
package tasks

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
)

// Task is one stored task. Durations are minutes so that the JSON form is
// plain numbers.
type Task struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	EstimateMin int       `json:"estimate_min"`
	Deadline    time.Time `json:"deadline,omitzero"`
	Earliest    time.Time `json:"earliest,omitzero"`
	Priority    int       `json:"priority"` // 1 (highest) … 4
	Kind        string    `json:"kind"`     // deep, shallow, admin, learning or the user's own
	MinChunkMin int       `json:"min_chunk_min,omitempty"`
	MaxChunkMin int       `json:"max_chunk_min,omitempty"`
	After       []string  `json:"after,omitempty"` // IDs of tasks to finish first
	Project     string    `json:"project,omitempty"`
	Tags        []string  `json:"tags,omitempty"`
	Rules       []Rule    `json:"rules,omitempty"`
	RRule       string    `json:"rrule,omitempty"` // recurrence as typed; informational
	Done        bool      `json:"done"`
	DoneAt      time.Time `json:"done_at,omitzero"`
	Created     time.Time `json:"created,omitzero"`
	Pinned      []Pin     `json:"pinned,omitempty"`
}

// Rule links a task to tracked activity: a regular expression matched
// against one field of the activity (app, title, project or url).
type Rule struct {
	Field   string `json:"field"`
	Pattern string `json:"pattern"`
}

// Pin is a block the person fixed for a task; re-planning keeps it.
type Pin struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Filter selects tasks in a listing.
type Filter struct {
	// Done includes finished tasks too.
	Done bool
}

// Store is the task storage contract. Errors carry attnflow codes:
// ENOTFOUND for an unknown id, EINVALID for a task Validate refuses.
type Store interface {
	// CreateTask stores a new task and returns it with its ID and Created set.
	CreateTask(ctx context.Context, t Task) (Task, error)
	// Task returns one task.
	Task(ctx context.Context, id string) (Task, error)
	// Tasks lists tasks in creation order.
	Tasks(ctx context.Context, f Filter) ([]Task, error)
	// UpdateTask replaces a stored task (matched by ID).
	UpdateTask(ctx context.Context, t Task) (Task, error)
	// DeleteTask removes a task.
	DeleteTask(ctx context.Context, id string) error
}

// Calendar is an imported iCalendar file whose events are busy time.
type Calendar struct {
	Name     string    `json:"name"`
	Imported time.Time `json:"imported"`
	Events   int       `json:"events"` // VEVENTs in the file, for display
	Data     []byte    `json:"-"`      // the file as imported
}

// CalendarStore keeps imported calendars; recurrences are expanded when a
// plan is made, over that plan's horizon.
type CalendarStore interface {
	// PutCalendar stores (or replaces) a calendar by name.
	PutCalendar(ctx context.Context, c Calendar) error
	// Calendars returns every stored calendar with its data.
	Calendars(ctx context.Context) ([]Calendar, error)
	// DeleteCalendar removes a calendar.
	DeleteCalendar(ctx context.Context, name string) error
}

// Fields a Rule may match.
var ruleFields = map[string]bool{"app": true, "title": true, "project": true, "url": true}

// Validate checks a task before it is stored.
func Validate(t Task) error {
	bad := func(format string, args ...any) error { return attnflow.Errorf(attnflow.EINVALID, format, args...) }
	switch {
	case strings.TrimSpace(t.Title) == "":
		return bad("task needs a title")
	case t.EstimateMin <= 0:
		return bad("task %q needs an estimate above 0 minutes, e.g. \"2h\"", t.Title)
	case t.EstimateMin > 1000*60:
		return bad("task %q: estimate of %d minutes is too long; split the task", t.Title, t.EstimateMin)
	case t.Priority < 0 || t.Priority > 4:
		return bad("task %q: priority %d; want 1 (highest) to 4", t.Title, t.Priority)
	case t.MinChunkMin < 0 || t.MaxChunkMin < 0:
		return bad("task %q: chunk limits must not be negative", t.Title)
	case t.MaxChunkMin > 0 && t.MinChunkMin > t.MaxChunkMin:
		return bad("task %q: minimum chunk %d min is above the maximum %d min", t.Title, t.MinChunkMin, t.MaxChunkMin)
	}
	for _, r := range t.Rules {
		if !ruleFields[r.Field] {
			return bad("task %q: rule field %q; want app, title, project or url", t.Title, r.Field)
		}
		if _, err := regexp.Compile(r.Pattern); err != nil {
			return bad("task %q: rule pattern %q is not a regular expression: %v", t.Title, r.Pattern, err)
		}
	}
	for _, p := range t.Pinned {
		if !p.End.After(p.Start) {
			return bad("task %q: a pinned block must end after it starts", t.Title)
		}
	}
	for _, id := range t.After {
		if id == t.ID && id != "" {
			return bad("task %q cannot depend on itself", t.Title)
		}
	}
	return nil
}

// Normalize fills defaults: priority 3 and kind shallow when unset, a
// lowercase kind, sorted-out blank tags.
func Normalize(t Task) Task {
	if t.Priority == 0 {
		t.Priority = 3
	}
	t.Kind = strings.ToLower(strings.TrimSpace(t.Kind))
	if t.Kind == "" {
		t.Kind = string(plan.KindShallow)
	}
	t.Title = strings.TrimSpace(t.Title)
	var tags []string
	for _, g := range t.Tags {
		if g = strings.TrimSpace(strings.TrimPrefix(g, "#")); g != "" {
			tags = append(tags, g)
		}
	}
	t.Tags = tags
	return t
}
