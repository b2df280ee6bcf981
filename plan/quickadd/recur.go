package quickadd

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// byDay are the iCalendar BYDAY codes.
var byDay = map[time.Weekday]string{
	time.Monday: "MO", time.Tuesday: "TU", time.Wednesday: "WE", time.Thursday: "TH",
	time.Friday: "FR", time.Saturday: "SA", time.Sunday: "SU",
}

const weekdaysRule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"

// recurRule maps a phrase to an RRULE.
type recurRule struct {
	re   *regexp.Regexp
	rule func(p *parser, m []int) string
}

func fixed(rule string) func(*parser, []int) string {
	return func(*parser, []int) string { return rule }
}

var recurRules = []recurRule{
	{re(`(?:\b(?:every|each)\s+((?:` + enWeekday + `)s?(?:\s*(?:,|and|&|\+)\s*(?:` + enWeekday + `)s?)*)\b|\bon\s+((?:` + enWeekday + `)s(?:\s*(?:,|and|&)\s*(?:` + enWeekday + `)s)*))\b(?:\s+(?:mornings?|afternoons?|evenings?|nights?))?`), enEveryWeekday},
	{re(`\b(?:every|each)\s+(?:week\s*day|working\s+day|work\s*day|business\s+day)s?\b|\b(?:on\s+)?weekdays\b|\bmon(?:day)?\s*(?:-|–|to|through)\s*fri(?:day)?\b`), fixed(weekdaysRule)},
	{re(`\b(?:every|each)\s+weekend\b|\b(?:on\s+)?weekends\b`), fixed("FREQ=WEEKLY;BYDAY=SA,SU")},
	{re(`\b(?:every|each)\s+day\b|\bdaily\b|\bevery\s+morning\b|\bevery\s+evening\b|\beveryday\b`), fixed("FREQ=DAILY")},
	{re(`\b(?:every|each)\s+(` + enNumberWords + `|other)\s+(days?|weeks?|months?)\b`), enEveryN},
	{re(`\b(?:every|each)\s+week\b|\bweekly\b`), fixed("FREQ=WEEKLY")},
	{re(`\b(?:every|each)\s+month\b|\bmonthly\b`), fixed("FREQ=MONTHLY")},
	{re(`\b(?:every|each)\s+year\b|\byearly\b|\bannually\b`), fixed("FREQ=YEARLY")},
	{re(`\bbiweekly\b|\bfortnightly\b`), fixed("FREQ=WEEKLY;INTERVAL=2")},
	{re(`每个?工作日|工作日每天|每逢工作日|周一到周五每天`), fixed(weekdaysRule)},
	{re(`每个?周末`), fixed("FREQ=WEEKLY;BYDAY=SA,SU")},
	{re(`(?:每天|每日|天天)(?:早上|早晨|上午|中午|下午|晚上)?|每晚`), fixed("FREQ=DAILY")},
	{re(`每隔一(?:周|个?星期)|每两(?:周|个?星期)|隔周`), fixed("FREQ=WEEKLY;INTERVAL=2")},
	{re(`每(?:个)?(?:周|星期|礼拜)([一二三四五六日天](?:\s*[、和,，及]?\s*(?:周|星期)?[一二三四五六日天])*)`), zhEveryWeekday},
	{re(`每隔?(` + zhNumber + `)(天|周|个?月)`), zhEveryN},
	{re(`每(?:个)?(?:周|星期|礼拜)|每週`), fixed("FREQ=WEEKLY")},
	{re(`每个?月|每月`), fixed("FREQ=MONTHLY")},
	{re(`每年`), fixed("FREQ=YEARLY")},
}

// recurrence reads a repetition ("every weekday", "每周一").
func (p *parser) recurrence() {
	for _, r := range recurRules {
		for _, m := range p.s.all(r.re) {
			if !p.s.free(m[0], m[1]) {
				continue
			}
			rule := r.rule(p, m)
			if rule == "" {
				continue
			}
			if p.res.RRule != "" {
				continue // the first, most specific rule wins; the rest may be title words
			}
			phrase := p.s.orig[m[0]:m[1]]
			p.s.consume(m[0], m[1])
			p.mark(phrase)
			p.res.RRule = rule
			p.understood(phrase, "repeats %s", rule)
		}
	}
}

func enEveryN(p *parser, m []int) string {
	n, ok := number(p.s.group(m, 1))
	if !ok {
		n = 2 // "other"
	}
	freq := map[byte]string{'d': "DAILY", 'w': "WEEKLY", 'm': "MONTHLY"}[p.s.group(m, 2)[0]]
	if n == 1 {
		return "FREQ=" + freq
	}
	return fmt.Sprintf("FREQ=%s;INTERVAL=%d", freq, n)
}

var reEnWeekdayWord = re(enWeekday)

func enEveryWeekday(p *parser, m []int) string {
	list := p.s.group(m, 1) + p.s.group(m, 2)
	var days []time.Weekday
	for _, w := range reEnWeekdayWord.FindAllString(list, -1) {
		days = append(days, enWeekdays[w])
	}
	return weeklyOn(days)
}

func zhEveryWeekday(p *parser, m []int) string {
	var days []time.Weekday
	for _, r := range p.s.orig[m[2]:m[3]] {
		if wd, ok := zhWeekdays[string(r)]; ok {
			days = append(days, wd)
		}
	}
	return weeklyOn(days)
}

func zhEveryN(p *parser, m []int) string {
	n, ok := number(p.s.group(m, 1))
	if !ok || n < 1 {
		return ""
	}
	freq := map[string]string{"天": "DAILY", "周": "WEEKLY", "月": "MONTHLY", "个月": "MONTHLY"}[p.s.group(m, 2)]
	if n == 1 {
		return "FREQ=" + freq
	}
	return fmt.Sprintf("FREQ=%s;INTERVAL=%d", freq, n)
}

// weeklyOn is a weekly rule on the given days, in week order without repeats.
func weeklyOn(days []time.Weekday) string {
	seen := map[time.Weekday]bool{}
	var codes []string
	for i := 0; i < 7; i++ {
		wd := time.Weekday((i + 1) % 7)
		for _, d := range days {
			if d == wd && !seen[wd] {
				seen[wd] = true
				codes = append(codes, byDay[wd])
			}
		}
	}
	if len(codes) == 0 {
		return ""
	}
	return "FREQ=WEEKLY;BYDAY=" + strings.Join(codes, ",")
}
