package quickadd

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// enWeekdays maps English weekday names and abbreviations.
var enWeekdays = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday, "tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "thursday": time.Thursday, "thu": time.Thursday,
	"thur": time.Thursday, "thurs": time.Thursday, "friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday, "sunday": time.Sunday, "sun": time.Sunday,
}

const enWeekday = `monday|mon|tuesday|tues?|wednesday|wed|thursday|thurs?|thur|thu|friday|fri|saturday|sat|sunday|sun`

// enMonths maps English month names and abbreviations.
var enMonths = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const enMonth = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// dayRules are the day phrases of both languages, longest first.
var dayRules = append(enDayRules, zhDayRules...)

var enDayRules = []refRule{
	{re(`\b(?:the\s+)?day\s+after\s+tomorrow\b`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now.AddDate(0, 0, 2)), true }},
	{re(`\btonight\b`), func(p *parser, m []int) (ref, bool) {
		r := dayRef(p.now)
		r.hasClock, r.from, r.to = true, 18*time.Hour, 22*time.Hour
		return r, true
	}},
	{re(`\b(?:today)\b`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now), true }},
	{re(`\b(?:tomorrow|tmrw?|tmr|tomorow|tommorow|tommorrow)\b`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now.AddDate(0, 0, 1)), true }},
	{re(`\bend\s+of\s+(?:the\s+)?(day|week|month|year|next\s+week|next\s+month)\b|\b(eod|eow|eom|eoy)\b`), enEndOf},
	{re(`\b(next|this|coming)\s+(week(?:end)?|month)\b`), enRelSpan},
	{re(`\b(?:(the\s+)?week\s+after\s+next)\b`), func(p *parser, m []int) (ref, bool) { return p.weekSpan(2), true }},
	{re(`\b(?:(next|this|coming)\s+)?(` + enWeekday + `)\b\.?`), enWeekdayRule},
	{re(`\bin\s+(` + enNumberWords + `)\s+(hours?|hrs?|minutes?|mins?)\b|\bin\s+half\s+an\s+hour\b`), enInClock},
	{re(`\b(in|within)\s+(` + enNumberWords + `)\s+(days?|weeks?|months?)\b|\b(in|within)\s+a\s+fortnight\b`), enInDays},
	{re(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`), func(p *parser, m []int) (ref, bool) {
		y, _ := strconv.Atoi(p.s.group(m, 1))
		mo, _ := strconv.Atoi(p.s.group(m, 2))
		d, _ := strconv.Atoi(p.s.group(m, 3))
		return p.dateRef(y, time.Month(mo), d, p.s.text(m[0], m[1]))
	}},
	{re(`\b(\d{1,2})/(\d{1,2})\b`), func(p *parser, m []int) (ref, bool) {
		a, _ := strconv.Atoi(p.s.group(m, 1))
		b, _ := strconv.Atoi(p.s.group(m, 2))
		month, day := a, b
		if a > 12 {
			month, day = b, a
		}
		r, ok := p.dateRef(0, time.Month(month), day, p.s.text(m[0], m[1]))
		if ok && a <= 12 && b <= 12 && a != b {
			r.note = strings.TrimSpace(r.note + fmt.Sprintf(" %q read as month/day (%s)", p.s.text(m[0], m[1]), r.day.Format("2 Jan")))
		}
		return r, ok
	}},
	{re(`\b(` + enMonth + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`), func(p *parser, m []int) (ref, bool) {
		d, _ := strconv.Atoi(p.s.group(m, 2))
		return p.dateRef(0, enMonths[p.s.group(m, 1)], d, p.s.text(m[0], m[1]))
	}},
	{re(`\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + enMonth + `)\b`), func(p *parser, m []int) (ref, bool) {
		d, _ := strconv.Atoi(p.s.group(m, 1))
		return p.dateRef(0, enMonths[p.s.group(m, 2)], d, p.s.text(m[0], m[1]))
	}},
	{re(`\bthe\s+(\d{1,2})(st|nd|rd|th)\b`), func(p *parser, m []int) (ref, bool) {
		d, _ := strconv.Atoi(p.s.group(m, 1))
		r, ok := p.dateRef(p.now.Year(), p.now.Month(), d, "")
		if ok && r.day.Before(midnight(p.now)) {
			r, ok = p.dateRef(p.now.Year(), p.now.Month()+1, d, "")
			r.note = fmt.Sprintf("the %d%s has passed this month: read as %s", d, p.s.group(m, 2), r.day.Format("2 Jan"))
		}
		return r, ok
	}},
}

func enEndOf(p *parser, m []int) (ref, bool) {
	what := strings.Join(strings.Fields(p.s.group(m, 1)+p.s.group(m, 2)), " ")
	switch what {
	case "day", "eod":
		return dayRef(p.now), true
	case "week", "eow":
		r := p.weekSpan(0)
		r = dayRef(r.lastDay)
		r.note = fmt.Sprintf("end of week read as %s", r.day.Format("Mon 2 Jan"))
		return r, true
	case "next week":
		return dayRef(p.weekSpan(1).lastDay), true
	case "month", "eom":
		return p.endOfMonth(0), true
	case "next month":
		return p.endOfMonth(1), true
	default: // year
		return dayRef(time.Date(p.now.Year(), 12, 31, 0, 0, 0, 0, p.now.Location())), true
	}
}

func enRelSpan(p *parser, m []int) (ref, bool) {
	qual, what := p.s.group(m, 1), p.s.group(m, 2)
	n := 0
	if qual == "next" {
		n = 1
	}
	switch what {
	case "week":
		r := p.weekSpan(n)
		r.note = fmt.Sprintf("%q read as %s – %s", p.s.text(m[0], m[1]), r.day.Format("Mon 2 Jan"), r.lastDay.Format("Mon 2 Jan"))
		return r, true
	case "weekend":
		return p.weekendSpan(n), true
	default:
		return p.monthSpan(n), true
	}
}

func enWeekdayRule(p *parser, m []int) (ref, bool) {
	qual := p.s.group(m, 1)
	if qual == "coming" {
		qual = ""
	}
	return p.weekdayRef(enWeekdays[p.s.group(m, 2)], qual, strings.TrimRight(p.s.text(m[0], m[1]), ".")), true
}

func enInClock(p *parser, m []int) (ref, bool) {
	d := 30 * time.Minute
	if g := p.s.group(m, 1); g != "" {
		n, _ := number(g)
		unit := time.Minute
		if strings.HasPrefix(p.s.group(m, 2), "h") {
			unit = time.Hour
		}
		d = time.Duration(n) * unit
	}
	return pointRef(p.now.Add(d)), true
}

// pointRef is a ref of one instant.
func pointRef(t time.Time) ref {
	r := dayRef(t)
	r.hasClock = true
	r.from = t.Sub(r.day).Truncate(time.Minute)
	r.to = r.from
	return r
}

func enInDays(p *parser, m []int) (ref, bool) {
	word := p.s.group(m, 1) + p.s.group(m, 4)
	n, unit := 2, "weeks"
	if g := p.s.group(m, 2); g != "" {
		n, _ = number(g)
		unit = p.s.group(m, 3)
	}
	var t time.Time
	switch {
	case strings.HasPrefix(unit, "day"):
		t = p.now.AddDate(0, 0, n)
	case strings.HasPrefix(unit, "week"):
		t = p.now.AddDate(0, 0, 7*n)
	default:
		t = p.now.AddDate(0, n, 0)
	}
	if word == "within" {
		r := spanRef(p.now, t)
		r.within = true
		return r, true
	}
	return dayRef(t), true
}

// clockRules are the time-of-day phrases of both languages.
var clockRules = append(enClockRules, zhClockRules...)

var enClockRules = []refRule{
	{re(`(?:\bat\s+|@\s*)?\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)`), func(p *parser, m []int) (ref, bool) {
		h, _ := strconv.Atoi(p.s.group(m, 1))
		mins, _ := strconv.Atoi(p.s.group(m, 2))
		if h < 1 || h > 12 || mins > 59 {
			return ref{}, false
		}
		h %= 12
		if strings.HasPrefix(p.s.group(m, 3), "p") {
			h += 12
		}
		return clockRef(h, mins), true
	}},
	{re(`\b(\d{1,2}):(\d{2})\b`), func(p *parser, m []int) (ref, bool) {
		h, _ := strconv.Atoi(p.s.group(m, 1))
		mins, _ := strconv.Atoi(p.s.group(m, 2))
		if h > 23 || mins > 59 {
			return ref{}, false
		}
		return clockRef(h, mins), true
	}},
	{re(`(?:\bat\s+|@\s*)(\d{1,2})\b`), func(p *parser, m []int) (ref, bool) {
		h, _ := strconv.Atoi(p.s.group(m, 1))
		return ambiguousHour(h, p.s.text(m[0], m[1]))
	}},
	{re(`\b(?:at\s+)?(noon|midday|midnight)\b`), func(p *parser, m []int) (ref, bool) {
		if p.s.group(m, 1) == "midnight" {
			return clockRef(23, 59), true
		}
		return clockRef(12, 0), true
	}},
	{re(`\b(?:(this|in\s+the)\s+)?(morning|afternoon|evening|night)\b`), func(p *parser, m []int) (ref, bool) {
		pr := periods[p.s.group(m, 2)]
		r := periodRef(pr[0], pr[1])
		if p.s.group(m, 1) == "this" {
			d := dayRef(p.now)
			r.hasDay, r.day, r.lastDay = true, d.day, d.lastDay
		}
		return r, true
	}},
}

// ambiguousHour reads an hour said without am/pm: 1–7 as afternoon.
func ambiguousHour(h int, text string) (ref, bool) {
	if h > 23 {
		return ref{}, false
	}
	r := clockRef(h, 0)
	if h >= 1 && h <= 7 {
		r = clockRef(h+12, 0)
		r.note = fmt.Sprintf("%q read as %02d:00", strings.TrimSpace(text), h+12)
	}
	return r, true
}
