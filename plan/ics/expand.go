package ics

import (
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
	"github.com/teambition/rrule-go"
)

// masters are the events that are not overrides of another's instance.
func masters(evs []event) []event {
	var out []event
	for _, e := range evs {
		if !e.isOverride {
			out = append(out, e)
		}
	}
	return out
}

// overrides are the events that replace instances of the event uid.
func overrides(evs []event, uid string) []event {
	var out []event
	for _, e := range evs {
		if e.isOverride && e.uid == uid && uid != "" {
			out = append(out, e)
		}
	}
	return out
}

// expand lists the busy instances of e that overlap window. An override
// replaces the instance it names: moved (its own times) or cancelled.
func (e event) expand(window attnflow.TimeRange, over []event) []plan.Busy {
	replaced := map[int64]bool{}
	var out []plan.Busy
	for _, o := range over {
		replaced[o.recurrence.Unix()] = true
		if o.busy && overlaps(o.start, o.end, window) {
			out = append(out, plan.Busy{Start: o.start, End: o.end, Title: o.title})
		}
	}
	if !e.busy {
		return out
	}
	for _, start := range e.starts(window) {
		if replaced[start.Unix()] {
			continue
		}
		end := start.Add(e.end.Sub(e.start))
		if e.allDay { // all-day events keep their length in days across DST
			end = start.AddDate(0, 0, int(e.end.Sub(e.start).Hours()/24+0.5))
		}
		if overlaps(start, end, window) {
			out = append(out, plan.Busy{Start: start, End: end, Title: e.title})
		}
	}
	return out
}

// starts are the instance starts of e that may overlap window.
func (e event) starts(window attnflow.TimeRange) []time.Time {
	if e.rule == nil {
		return append([]time.Time{e.start}, e.rdates...)
	}
	opt := *e.rule
	opt.Dtstart = e.start
	if !opt.Until.IsZero() && e.allDay {
		opt.Until = opt.Until.Add(24*time.Hour - time.Second)
	}
	r, err := rrule.NewRRule(opt)
	if err != nil {
		return nil
	}
	var set rrule.Set
	set.RRule(r)
	for _, t := range e.rdates {
		set.RDate(t)
	}
	for _, t := range e.exdates {
		set.ExDate(t)
	}
	length := e.end.Sub(e.start)
	var out []time.Time
	next := set.Iterator()
	seen := 0
	for t, ok := next(); ok && t.Before(window.End) && seen < maxIterations; t, ok = next() {
		seen++
		if t.Add(length).After(window.Start) || t.Equal(window.Start) {
			out = append(out, t)
		}
		if len(out) >= maxInstances {
			break
		}
	}
	return out
}

func overlaps(start, end time.Time, w attnflow.TimeRange) bool {
	if end.Equal(start) {
		return !start.Before(w.Start) && start.Before(w.End)
	}
	return start.Before(w.End) && end.After(w.Start)
}

// String is for debugging and golden files.
func busyString(b plan.Busy) string {
	return fmt.Sprintf("%s – %s %s", b.Start.Format("Mon 2006-01-02 15:04 MST"), b.End.Format("15:04 MST"), b.Title)
}
