package ics

import (
	"bytes"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

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
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return fmt.Errorf("write plan calendar: %w", err)
	}
	if _, err := w.Write(fold(buf.Bytes())); err != nil {
		return fmt.Errorf("write plan calendar: %w", err)
	}
	return nil
}

// fold breaks content lines longer than 75 octets as RFC 5545 §3.1 asks:
// CRLF and a space, never inside a UTF-8 sequence.
func fold(b []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(b, []byte("\r\n")) {
		limit := 75
		for len(line) > limit+2 && !bytes.Equal(line, []byte("\r\n")) {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the leading space counts
		}
		out.Write(line)
	}
	return out.Bytes()
}
