// Package quickadd parses a task typed in plain English or Chinese
// ("write Q3 report 3h by Fri p1 #deep", "周五前写完季度报告 3小时 高优先级 #深度")
// into the fields of a task, saying what it understood and what it assumed.
//
// It is a focused grammar, not a general date parser: every rule knows which
// task field it fills and which part of the text it consumes, so the title is
// what is left over. Time is injected (now and its location); nothing here
// reads the clock or does I/O.
//
// Why not a date library. github.com/olebedev/when (rules for en, ru, br,
// nl and zh) and github.com/markusmobius/go-dateparser (a port of Python's
// dateparser, 200+ locales) find one date in a text. A quick-add needs more
// and different things: which date is the deadline ("by Fri", "周五前") and
// which the start ("from Monday", "从下周一开始"), times attached to the day
// they qualify ("明早8点"), estimates ("1.5h", "一个半小时") that the date
// libraries would read as times or skip, priorities, tags, kinds and
// recurrences, the exact spans consumed so the title is clean, and a list
// of the assumptions made ("next Friday" means next week's). Wrapping a
// library would still leave all of that to write here, and two grammars
// would then disagree about which words are dates. So the rules are here,
// short regular expressions per phrase family (dates_en.go, dates_zh.go,
// duration.go, fields.go, recur.go), and testdata/en.tsv and zh.tsv (150+
// phrasings each) pin their behaviour.
//
// Dates the text names without a time run to the end of that day (23:59).
// A bare date ("Friday", "tomorrow afternoon") is read as when to do the
// task: Earliest and Deadline bound that day or part of day, and Assumed
// says so. Weeks start on Monday.
package quickadd

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/attnflow/attnflow"
)

// Result is what Parse understood of one quick-add line.
type Result struct {
	Title    string        // what is left once every recognised phrase is removed
	Estimate time.Duration // 0 when none was given
	Earliest time.Time     // zero when none was given
	Deadline time.Time     // zero when none was given
	Priority int           // 1 (highest) … 4; 0 when none was given
	Kind     string        // deep, shallow, admin, learning, or "" when none was given
	Tags     []string      // tags other than kinds, without '#'
	RRule    string        // an iCalendar RRULE value ("FREQ=WEEKLY;BYDAY=MO"), or ""
	Lang     string        // "en", "zh" or "mixed": which rules matched

	Understood []string // one line per recognised phrase: `"3h" → estimate 3h0m0s`
	Assumed    []string // what an ambiguous phrase was taken to mean
}

// Parse reads one quick-add line. now fixes "today" and the time zone of
// every date it returns. An input with nothing left for a title is an
// EINVALID error that says what was understood.
func Parse(input string, now time.Time) (Result, error) {
	input = strings.TrimSpace(input)
	if input == "" {
		return Result{}, attnflow.Errorf(attnflow.EINVALID, "empty task: type a title, e.g. \"write report 2h by Fri\"")
	}
	p := &parser{s: newScanner(input), now: now}
	p.tags()
	p.priorities()
	p.recurrence()
	p.dates()
	p.durations()
	p.res.Title = p.s.rest()
	p.res.Lang = p.lang()
	if p.res.Title == "" {
		return p.res, attnflow.Errorf(attnflow.EINVALID,
			"no title left in %q after reading %s; add words that say what the task is",
			input, strings.Join(p.res.Understood, ", "))
	}
	return p.res, nil
}

// parser holds the state of one Parse call.
type parser struct {
	s     *scanner
	now   time.Time
	res   Result
	en    bool // an English rule matched
	zh    bool // a Chinese rule matched
	prios int  // how many priority phrases were seen
}

func (p *parser) understood(phrase, format string, args ...any) {
	p.res.Understood = append(p.res.Understood, fmt.Sprintf("%q → ", strings.TrimSpace(phrase))+fmt.Sprintf(format, args...))
}

func (p *parser) assume(format string, args ...any) {
	p.res.Assumed = append(p.res.Assumed, fmt.Sprintf(format, args...))
}

// mark records which language's rule matched, judged by the phrase itself:
// Han characters mean Chinese, ASCII letters English, digits alone neither.
func (p *parser) mark(phrase string) {
	for _, r := range phrase {
		switch {
		case unicode.Is(unicode.Han, r):
			p.zh = true
			return
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			p.en = true
		}
	}
}

func (p *parser) lang() string {
	han := false
	for _, r := range p.s.orig {
		if unicode.Is(unicode.Han, r) {
			han = true
			break
		}
	}
	switch {
	case han && p.en:
		return "mixed"
	case han:
		return "zh"
	default:
		return "en"
	}
}
