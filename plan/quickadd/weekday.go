package quickadd

import (
	"fmt"
	"time"
)

// weekdayRef resolves a weekday with a qualifier: "" (the next one, today
// included), "this" (this calendar week, or the next one when it has
// passed), "next" (next calendar week), "nextnext" (the week after).
// Weeks start on Monday.
func (p *parser) weekdayRef(wd time.Weekday, qual string, text string) ref {
	today := midnight(p.now)
	ahead := (int(wd) - int(p.now.Weekday()) + 7) % 7
	switch qual {
	case "next", "nextnext":
		weeks := 1
		if qual == "nextnext" {
			weeks = 2
		}
		monday := today.AddDate(0, 0, -mondayIndex(p.now.Weekday())+7*weeks)
		r := dayRef(monday.AddDate(0, 0, mondayIndex(wd)))
		if coming := today.AddDate(0, 0, ahead); qual == "next" && !coming.Equal(r.day) && ahead != 0 {
			r.note = fmt.Sprintf("%q read as %s (next week), not the coming %s", text, r.day.Format("Mon 2 Jan"), coming.Format("Mon 2 Jan"))
		}
		return r
	case "this":
		if mondayIndex(wd) < mondayIndex(p.now.Weekday()) {
			r := dayRef(today.AddDate(0, 0, ahead))
			r.note = fmt.Sprintf("%q has passed this week: read as %s", text, r.day.Format("Mon 2 Jan"))
			return r
		}
		return dayRef(today.AddDate(0, 0, mondayIndex(wd)-mondayIndex(p.now.Weekday())))
	}
	r := dayRef(today.AddDate(0, 0, ahead))
	if ahead == 0 {
		r.note = fmt.Sprintf("%q is today: read as today (say \"next %s\" for next week)", text, wd)
	}
	return r
}

// mondayIndex numbers weekdays from Monday = 0 to Sunday = 6.
func mondayIndex(wd time.Weekday) int { return (int(wd) + 6) % 7 }

// weekSpan is Monday … Friday of the week `weeks` after this one (0: this
// week, from today).
func (p *parser) weekSpan(weeks int) ref {
	today := midnight(p.now)
	monday := today.AddDate(0, 0, -mondayIndex(p.now.Weekday())+7*weeks)
	first := monday
	if weeks == 0 {
		first = today
	}
	friday := monday.AddDate(0, 0, 4)
	if friday.Before(first) {
		friday = monday.AddDate(0, 0, 6)
	}
	r := spanRef(first, friday)
	return r
}

// weekendSpan is Saturday … Sunday of this week (weeks = 0) or a later one.
func (p *parser) weekendSpan(weeks int) ref {
	today := midnight(p.now)
	monday := today.AddDate(0, 0, -mondayIndex(p.now.Weekday())+7*weeks)
	return spanRef(monday.AddDate(0, 0, 5), monday.AddDate(0, 0, 6))
}

// monthSpan is the month `months` after this one (0: from today to its end).
func (p *parser) monthSpan(months int) ref {
	today := midnight(p.now)
	first := time.Date(today.Year(), today.Month()+time.Month(months), 1, 0, 0, 0, 0, today.Location())
	last := first.AddDate(0, 1, -1)
	if months == 0 {
		first = today
	}
	return spanRef(first, last)
}

// endOfMonth is the last day of the month `months` after this one.
func (p *parser) endOfMonth(months int) ref {
	r := p.monthSpan(months)
	return dayRef(r.lastDay)
}

// dateRef is a day of a month; a date already past this year means next year.
func (p *parser) dateRef(year int, month time.Month, day int, text string) (ref, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return ref{}, false
	}
	explicit := year != 0
	if !explicit {
		year = p.now.Year()
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, p.now.Location())
	if t.Day() != day {
		return ref{}, false
	}
	r := dayRef(t)
	if !explicit && t.Before(midnight(p.now)) {
		r = dayRef(t.AddDate(1, 0, 0))
		r.note = fmt.Sprintf("%q has passed this year: read as %s", text, r.day.Format("2 Jan 2006"))
	}
	return r, true
}
