package ics

import (
	"fmt"
	"io"
	"time"

	"github.com/attnflow/attnflow/plan"
	"github.com/emersion/go-ical"
)

// prodID names attnflow as the producer of the calendars it writes.
const prodID = "-//attnflow//planner//EN"

// WritePlan writes blocks as an iCalendar file of events: the title as the
// summary, the reason as the description, times in UTC. Each event's UID
// is stable for the same task and start, so re-importing a re-plan updates
// events instead of duplicating them. stamp is the DTSTAMP (when it was made).
func WritePlan(w io.Writer, blocks []plan.Block, stamp time.Time) error {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, prodID)
	for _, b := range blocks {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, fmt.Sprintf("%s-%d@attnflow", b.TaskID, b.Start.Unix()))
		ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeStart, b.Start.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeEnd, b.End.UTC())
		ev.Props.SetText(ical.PropSummary, b.Title)
		if b.Reason != "" {
			ev.Props.SetText(ical.PropDescription, b.Reason)
		}
		if b.Kind != "" {
			ev.Props.SetText(ical.PropCategories, string(b.Kind))
		}
		cal.Children = append(cal.Children, ev.Component)
	}
	if err := ical.NewEncoder(w).Encode(cal); err != nil {
		return fmt.Errorf("write plan calendar: %w", err)
	}
	return nil
}
