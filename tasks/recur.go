package tasks

import (
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
	"github.com/teambition/rrule-go"
)

// maxOccurrences bounds how many occurrences one recurring task expands to
// in one horizon.
const maxOccurrences = 400

// occurrences expands a recurring task over the horizon: one planner task
// per occurrence, due by the end of its day and not before it starts. The
// occurrence ids are "ID@YYYY-MM-DD". The series starts at the task's
// earliest start, else its creation.
func occurrences(t Task, pt plan.Task, horizon attnflow.TimeRange) ([]plan.Task, error) {
	opt, err := rrule.StrToROption(t.RRule)
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "task %q: recurrence %q: %v", t.Title, t.RRule, err)
	}
	loc := horizon.Start.Location()
	anchor := t.Earliest
	if anchor.IsZero() {
		anchor = t.Created
	}
	if anchor.IsZero() {
		anchor = horizon.Start
	}
	anchor = anchor.In(loc)
	clock := anchor.Hour() != 0 || anchor.Minute() != 0
	if !clock {
		anchor = dayStart(anchor)
	}
	opt.Dtstart = anchor
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "task %q: recurrence %q: %v", t.Title, t.RRule, err)
	}
	var out []plan.Task
	next := r.Iterator()
	for o, ok := next(); ok && o.Before(horizon.End) && len(out) < maxOccurrences; o, ok = next() {
		end := dayStart(o).AddDate(0, 0, 1)
		if !end.After(horizon.Start) {
			continue
		}
		occ := pt
		occ.ID = fmt.Sprintf("%s@%s", t.ID, o.Format("2006-01-02"))
		occ.Earliest, occ.Deadline = o, end
		out = append(out, occ)
	}
	return out, nil
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
