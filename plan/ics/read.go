// Package ics reads busy blocks from iCalendar (RFC 5545) files, expanding
// recurring events (RRULE, RDATE, EXDATE, moved or cancelled instances) in
// their own time zones, and writes a plan as iCalendar so it shows up in any
// calendar app. It parses with github.com/emersion/go-ical and expands
// recurrences with github.com/teambition/rrule-go.
package ics

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // calendars name zones; do not depend on the host's tzdata

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// maxInstances bounds how many instances one recurring event may expand to
// inside the window, so a malformed rule cannot exhaust memory.
const maxInstances = 10000

// maxIterations bounds how many instances are generated before the window
// ends, for rules that start long before it.
const maxIterations = 1_000_000

// ReadBusy returns the busy blocks of the calendar in r that overlap window
// (both ends must be set), sorted by start. Floating times (no zone) are read
// in loc. Cancelled events and events marked TRANSP:TRANSPARENT are not busy.
// A malformed calendar is an EINVALID error naming the event at fault.
func ReadBusy(r io.Reader, window attnflow.TimeRange, loc *time.Location) ([]plan.Busy, error) {
	if window.Start.IsZero() || window.End.IsZero() {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read calendar: the window needs a start and an end")
	}
	cal, err := ical.NewDecoder(r).Decode()
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "read calendar: not an iCalendar file (%v); export it again as .ics", err)
	}
	evs, err := parseEvents(cal, loc)
	if err != nil {
		return nil, err
	}
	var out []plan.Busy
	for _, m := range masters(evs) {
		out = append(out, m.expand(window, overrides(evs, m.uid))...)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].End.Before(out[j].End)
	})
	return out, nil
}

// event is one VEVENT with its times resolved.
type event struct {
	uid, title  string
	start, end  time.Time
	allDay      bool
	busy        bool
	rule        *rrule.ROption
	exdates     []time.Time
	rdates      []time.Time
	recurrence  time.Time // RECURRENCE-ID: this event replaces that instance
	isOverride  bool
	description string
}

func parseEvents(cal *ical.Calendar, loc *time.Location) ([]event, error) {
	var out []event
	for i, ve := range cal.Events() {
		e, err := parseEvent(ve, loc)
		if err != nil {
			name := e.title
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			return nil, attnflow.Errorf(attnflow.EINVALID, "read calendar: event %q: %v", name, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func parseEvent(ve ical.Event, loc *time.Location) (event, error) {
	e := event{busy: true}
	e.uid, _ = ve.Props.Text(ical.PropUID)
	e.title, _ = ve.Props.Text(ical.PropSummary)
	startProp := ve.Props.Get(ical.PropDateTimeStart)
	if startProp == nil {
		return e, fmt.Errorf("no DTSTART")
	}
	var err error
	if e.start, e.allDay, err = propTime(startProp, loc); err != nil {
		return e, fmt.Errorf("DTSTART: %w", err)
	}
	if e.end, err = eventEnd(ve, e, loc); err != nil {
		return e, err
	}
	if st, _ := ve.Props.Text(ical.PropStatus); strings.EqualFold(st, "CANCELLED") {
		e.busy = false
	}
	if tr, _ := ve.Props.Text(ical.PropTransparency); strings.EqualFold(tr, "TRANSPARENT") {
		e.busy = false
	}
	if e.rule, err = ve.Props.RecurrenceRule(); err != nil {
		return e, fmt.Errorf("RRULE: %w", err)
	}
	if e.exdates, err = timeList(ve.Props.Values(ical.PropExceptionDates), loc); err != nil {
		return e, fmt.Errorf("EXDATE: %w", err)
	}
	if e.rdates, err = timeList(ve.Props.Values(ical.PropRecurrenceDates), loc); err != nil {
		return e, fmt.Errorf("RDATE: %w", err)
	}
	if rid := ve.Props.Get(ical.PropRecurrenceID); rid != nil {
		if e.recurrence, _, err = propTime(rid, loc); err != nil {
			return e, fmt.Errorf("RECURRENCE-ID: %w", err)
		}
		e.isOverride = true
	}
	return e, nil
}

// eventEnd reads DTEND or DURATION; without either an event lasts one day
// (all-day) or no time (RFC 5545 §3.6.1).
func eventEnd(ve ical.Event, e event, loc *time.Location) (time.Time, error) {
	if p := ve.Props.Get(ical.PropDateTimeEnd); p != nil {
		end, _, err := propTime(p, loc)
		if err != nil {
			return end, fmt.Errorf("DTEND: %w", err)
		}
		if end.Before(e.start) {
			return end, fmt.Errorf("DTEND %s is before DTSTART %s", end.Format(time.RFC3339), e.start.Format(time.RFC3339))
		}
		return end, nil
	}
	if p := ve.Props.Get(ical.PropDuration); p != nil {
		d, err := p.Duration()
		if err != nil {
			return time.Time{}, fmt.Errorf("DURATION: %w", err)
		}
		return e.start.Add(d), nil
	}
	if e.allDay {
		return e.start.AddDate(0, 0, 1), nil
	}
	return e.start, nil
}

// propTime reads a DATE or DATE-TIME value in its TZID, UTC, or loc.
func propTime(p *ical.Prop, loc *time.Location) (time.Time, bool, error) {
	ts, allDay, err := propTimes(p, loc)
	if err != nil {
		return time.Time{}, false, err
	}
	if len(ts) != 1 {
		return time.Time{}, false, fmt.Errorf("want one date, got %d", len(ts))
	}
	return ts[0], allDay, nil
}

// propTimes reads a comma-separated list of DATE or DATE-TIME values.
func propTimes(p *ical.Prop, loc *time.Location) ([]time.Time, bool, error) {
	if tzid := p.Params.Get(ical.PropTimezoneID); tzid != "" {
		l, err := time.LoadLocation(strings.Trim(tzid, `"`))
		if err != nil {
			return nil, false, fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/Berlin", tzid)
		}
		loc = l
	}
	allDay := p.Params.Get(ical.ParamValue) == string(ical.ValueDate)
	var out []time.Time
	for _, v := range strings.Split(p.Value, ",") {
		v = strings.TrimSpace(v)
		var t time.Time
		var err error
		switch {
		case len(v) == len("20060102"):
			allDay = true
			t, err = time.ParseInLocation("20060102", v, loc)
		case strings.HasSuffix(v, "Z"):
			t, err = time.Parse("20060102T150405Z", v)
		default:
			t, err = time.ParseInLocation("20060102T150405", v, loc)
		}
		if err != nil {
			return nil, false, fmt.Errorf("bad date %q", v)
		}
		out = append(out, t)
	}
	return out, allDay, nil
}

func timeList(props []ical.Prop, loc *time.Location) ([]time.Time, error) {
	var out []time.Time
	for i := range props {
		ts, _, err := propTimes(&props[i], loc)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return out, nil
}
