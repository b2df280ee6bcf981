package quickadd

import (
	"fmt"
	"strconv"
	"time"
)

// zhWeekdays maps the character after 周/星期/礼拜 to a weekday.
var zhWeekdays = map[string]time.Weekday{
	"一": time.Monday, "二": time.Tuesday, "三": time.Wednesday, "四": time.Thursday, "五": time.Friday,
	"六": time.Saturday, "日": time.Sunday, "天": time.Sunday, "1": time.Monday, "2": time.Tuesday,
	"3": time.Wednesday, "4": time.Thursday, "5": time.Friday, "6": time.Saturday, "7": time.Sunday,
}

var zhDayRules = []refRule{
	{re(`大后天`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now.AddDate(0, 0, 3)), true }},
	{re(`后天`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now.AddDate(0, 0, 2)), true }},
	{re(`今晚|今天晚上`), func(p *parser, m []int) (ref, bool) { return withPeriod(dayRef(p.now), "晚上"), true }},
	{re(`明早|明天早上`), func(p *parser, m []int) (ref, bool) {
		return withPeriod(dayRef(p.now.AddDate(0, 0, 1)), "早上"), true
	}},
	{re(`明晚|明天晚上`), func(p *parser, m []int) (ref, bool) {
		return withPeriod(dayRef(p.now.AddDate(0, 0, 1)), "晚上"), true
	}},
	{re(`明天|明日|明儿`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now.AddDate(0, 0, 1)), true }},
	{re(`今天|今日|当天`), func(p *parser, m []int) (ref, bool) { return dayRef(p.now), true }},
	{re(`(下下|下个|下|这个|这|本)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])`), zhWeekdayRule},
	{re(`(下下|下个|下|这个|这|本)\s*(?:周|星期|礼拜)(末)?|(周末)`), zhWeekRule},
	{re(`(本|这个|下个?)?\s*月(?:底|末)`), func(p *parser, m []int) (ref, bool) {
		if g := p.s.group(m, 1); g == "下" || g == "下个" {
			return p.endOfMonth(1), true
		}
		return p.endOfMonth(0), true
	}},
	{re(`下个?月初`), func(p *parser, m []int) (ref, bool) { return dayRef(p.monthSpan(1).day), true }},
	{re(`下个?月`), func(p *parser, m []int) (ref, bool) { return p.monthSpan(1), true }},
	{re(`年底|年末`), func(p *parser, m []int) (ref, bool) {
		return dayRef(time.Date(p.now.Year(), 12, 31, 0, 0, 0, 0, p.now.Location())), true
	}},
	{re(`(?:(\d{4}|明|今)\s*年\s*)?(` + zhNumber + `)\s*月\s*(` + zhNumber + `)\s*[日号]`), func(p *parser, m []int) (ref, bool) {
		y := zhYear(p, p.s.group(m, 1))
		mo, ok1 := number(p.s.group(m, 2))
		d, ok2 := number(p.s.group(m, 3))
		if !ok1 || !ok2 {
			return ref{}, false
		}
		return p.dateRef(y, time.Month(mo), d, p.s.orig[m[0]:m[1]])
	}},
	{re(`(` + zhNumber + `)\s*个?\s*(小时|钟头|分钟)\s*(?:后|之后|以后)`), zhInClock},
	{re(`(` + zhNumber + `)\s*(天|日|周|个?星期|个?礼拜|个月)\s*(后|之后|以后|内|之内|以内)`), zhInDays},
	{re(`(?:本月|这个月)?\s*(\d{1,2})\s*[日号]`), func(p *parser, m []int) (ref, bool) {
		d, _ := strconv.Atoi(p.s.group(m, 1))
		r, ok := p.dateRef(p.now.Year(), p.now.Month(), d, "")
		if ok && r.day.Before(midnight(p.now)) {
			r, ok = p.dateRef(p.now.Year(), p.now.Month()+1, d, "")
			r.note = fmt.Sprintf("%d号 has passed this month: read as %s", d, r.day.Format("2 Jan"))
		}
		return r, ok
	}},
}

func withPeriod(r ref, period string) ref {
	pr := periods[period]
	r.hasClock, r.from, r.to = true, time.Duration(pr[0]*float64(time.Hour)), time.Duration(pr[1]*float64(time.Hour))
	return r
}

func zhQual(q string) string {
	switch q {
	case "下", "下个":
		return "next"
	case "下下":
		return "nextnext"
	case "这", "这个", "本":
		return "this"
	}
	return ""
}

func zhWeekdayRule(p *parser, m []int) (ref, bool) {
	return p.weekdayRef(zhWeekdays[p.s.group(m, 2)], zhQual(p.s.group(m, 1)), p.s.orig[m[0]:m[1]]), true
}

func zhWeekRule(p *parser, m []int) (ref, bool) {
	if p.s.group(m, 3) != "" {
		return p.weekendSpan(0), true
	}
	n := 0
	switch zhQual(p.s.group(m, 1)) {
	case "next":
		n = 1
	case "nextnext":
		n = 2
	}
	if p.s.group(m, 2) != "" {
		return p.weekendSpan(n), true
	}
	r := p.weekSpan(n)
	r.note = fmt.Sprintf("%q read as %s – %s", p.s.orig[m[0]:m[1]], r.day.Format("Mon 2 Jan"), r.lastDay.Format("Mon 2 Jan"))
	return r, true
}

func zhInClock(p *parser, m []int) (ref, bool) {
	n, ok := number(p.s.group(m, 1))
	if !ok {
		return ref{}, false
	}
	unit := time.Hour
	if p.s.group(m, 2) == "分钟" {
		unit = time.Minute
	}
	return pointRef(p.now.Add(time.Duration(n) * unit)), true
}

func zhInDays(p *parser, m []int) (ref, bool) {
	n, ok := number(p.s.group(m, 1))
	if !ok {
		return ref{}, false
	}
	var t time.Time
	switch unit := p.s.group(m, 2); unit {
	case "天", "日":
		t = p.now.AddDate(0, 0, n)
	case "个月":
		t = p.now.AddDate(0, n, 0)
	default:
		t = p.now.AddDate(0, 0, 7*n)
	}
	switch p.s.group(m, 3) {
	case "内", "之内", "以内":
		r := spanRef(p.now, t)
		r.within = true
		return r, true
	}
	return dayRef(t), true
}

var zhClockRules = []refRule{
	{re(`(上午|早上|早晨|中午|下午|晚上|傍晚|凌晨|夜里)?\s*(` + zhNumber + `)\s*[点點]\s*(?:(半)|(一刻)|(三刻)|(` + zhNumber + `)\s*分)?\s*钟?`), zhClock},
	{re(`(上午|早上|早晨|中午|下午|晚上|傍晚|夜里)`), func(p *parser, m []int) (ref, bool) {
		pr := periods[p.s.group(m, 1)]
		return periodRef(pr[0], pr[1]), true
	}},
}

func zhClock(p *parser, m []int) (ref, bool) {
	h, ok := number(p.s.group(m, 2))
	if !ok || h > 24 {
		return ref{}, false
	}
	mins := 0
	switch {
	case p.s.group(m, 3) != "":
		mins = 30
	case p.s.group(m, 4) != "":
		mins = 15
	case p.s.group(m, 5) != "":
		mins = 45
	case p.s.group(m, 6) != "":
		mins, _ = number(p.s.group(m, 6))
	}
	switch p.s.group(m, 1) {
	case "":
		r, ok := ambiguousHour(h, p.s.orig[m[0]:m[1]])
		r.from += time.Duration(mins) * time.Minute
		r.to = r.from
		return r, ok
	case "下午", "晚上", "傍晚", "夜里":
		if h < 12 {
			h += 12
		}
	case "中午":
		if h < 6 {
			h += 12
		}
	}
	return clockRef(h%24, mins), true
}

// zhYear reads the year before 年: digits, 今 (this year) or 明 (next).
func zhYear(p *parser, s string) int {
	switch s {
	case "":
		return 0
	case "今":
		return p.now.Year()
	case "明":
		return p.now.Year() + 1
	}
	y, _ := strconv.Atoi(s)
	return y
}
