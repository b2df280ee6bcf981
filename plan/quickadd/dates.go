package quickadd

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ref is one date or time phrase found in the text, before it is tied to a
// task field. A day ref spans whole days [day, lastDay]; a clock ref gives
// minutes after midnight [from, to] (from == to for an exact time).
type ref struct {
	a, b     int
	hasDay   bool
	day      time.Time // midnight of the first day
	lastDay  time.Time // midnight of the last day
	hasClock bool
	from, to time.Duration
	within   bool   // "within 3 days", "3天内": a deadline without a prefix
	note     string // an assumption made while resolving it
}

func (r ref) exact() bool { return r.hasClock && r.from == r.to }

// start and end resolve the ref to instants.
func (r ref) start() time.Time { return r.day.Add(r.from) }

func (r ref) end() time.Time {
	if r.hasClock {
		return r.lastDay.Add(r.to)
	}
	return r.lastDay.Add(23*time.Hour + 59*time.Minute)
}

// refRule turns a regexp match into a ref; ok false rejects the match.
type refRule struct {
	re      *regexp.Regexp
	resolve func(p *parser, m []int) (ref, bool)
}

// field says which task field a date phrase fills.
type field int

const (
	fieldDo       field = iota // bare "Friday": do it then (earliest … end)
	fieldDeadline              // "by Friday", "周五前"
	fieldEarliest              // "from Friday", "从周五开始"
	fieldAfter                 // "after Friday", "周五以后": earliest is the end
)

var (
	rePrefixEn = regexp.MustCompile(`\b(by|before|due(?:\s+(?:on|by|at|before))?|until|till|til|no\s+later\s+than|deadline(?:\s+is)?|latest\s+by|after|from|starting(?:\s+(?:on|from|at))?|start(?:ing)?\s+on|start|not\s+before|beginning|on|at|for)\s+$`)
	rePrefixZh = regexp.MustCompile(`(截止到|截止日期|截止|截至|最晚|最迟|不晚于|不早于|到|在|于|从|自)\s*$`)
	reSuffixEn = regexp.MustCompile(`^\s+(at\s+the\s+latest|latest|onwards?|or\s+later)\b`)
	reSuffixZh = regexp.MustCompile(`^\s*(之前|以前|前|为止|截止|之后|以后|后|起|开始)`)
	reJoin     = regexp.MustCompile(`^(?:\s+|\s*,\s*|\s+on\s+|\s+at\s+|\s*的\s*|\s*，\s*)?$`)
)

var prefixField = map[string]field{
	"by": fieldDeadline, "before": fieldDeadline, "due": fieldDeadline, "until": fieldDeadline,
	"till": fieldDeadline, "til": fieldDeadline, "no later than": fieldDeadline, "deadline": fieldDeadline,
	"latest by": fieldDeadline, "after": fieldAfter, "from": fieldEarliest, "starting": fieldEarliest,
	"start": fieldEarliest, "start on": fieldEarliest, "starting on": fieldEarliest, "not before": fieldEarliest,
	"beginning": fieldEarliest,
	"截止到":       fieldDeadline, "截止日期": fieldDeadline, "截止": fieldDeadline, "截至": fieldDeadline, "最晚": fieldDeadline,
	"最迟": fieldDeadline, "不晚于": fieldDeadline, "到": fieldDeadline, "不早于": fieldEarliest, "从": fieldEarliest, "自": fieldEarliest,
	"之前": fieldDeadline, "以前": fieldDeadline, "前": fieldDeadline, "为止": fieldDeadline,
	"之后": fieldAfter, "以后": fieldAfter, "后": fieldAfter, "起": fieldEarliest, "开始": fieldEarliest,
	"at the latest": fieldDeadline, "latest": fieldDeadline, "onward": fieldEarliest, "onwards": fieldEarliest, "or later": fieldEarliest,
}

// dates finds date and time phrases, joins "tomorrow" with "afternoon",
// reads the word that says which field they fill, and sets the fields.
func (p *parser) dates() {
	days := p.findRefs(dayRules)
	for _, r := range days {
		p.s.consume(r.a, r.b)
	}
	clocks := p.findRefs(clockRules)
	refs := append(days, clocks...)
	sort.Slice(refs, func(i, j int) bool { return refs[i].a < refs[j].a })
	for _, r := range p.merge(refs) {
		p.s.consume(r.a, r.b)
		p.apply(r)
	}
}

func (p *parser) findRefs(rules []refRule) []ref {
	var out []ref
	for _, rule := range rules {
		for _, m := range p.s.all(rule.re) {
			if !p.s.free(m[0], m[1]) {
				continue
			}
			r, ok := rule.resolve(p, m)
			if !ok {
				continue
			}
			r.a, r.b = m[0], m[1]
			p.s.consume(r.a, r.b) // so later rules cannot take it again
			p.mark(p.s.orig[r.a:r.b])
			out = append(out, r)
		}
	}
	return out
}

// merge joins a day and a clock that stand next to each other; a clock on
// its own is today's (tomorrow's when it has passed).
func (p *parser) merge(refs []ref) []ref {
	var out []ref
	for i := 0; i < len(refs); i++ {
		r := refs[i]
		if i+1 < len(refs) && joinable(r, refs[i+1]) && reJoin.MatchString(p.s.orig[r.b:refs[i+1].a]) {
			n := refs[i+1]
			d, c := r, n
			if !r.hasDay {
				d, c = n, r
			}
			d.hasClock, d.from, d.to = true, c.from, c.to
			d.a, d.b = r.a, n.b
			d.note = strings.TrimSpace(d.note + " " + c.note)
			r = d
			i++
		}
		if !r.hasDay {
			r = p.todayOrTomorrow(r)
		}
		out = append(out, r)
	}
	return out
}

// joinable reports whether a and b are a day and a time of it: "tomorrow"
// "3pm", or "明早" (a day with a part of it) "8点" (an exact time).
func joinable(a, b ref) bool {
	if a.hasDay != b.hasDay && a.hasClock != b.hasClock {
		return true
	}
	return a.hasDay && a.hasClock && !a.exact() && !b.hasDay && b.exact()
}

func (p *parser) todayOrTomorrow(r ref) ref {
	r.hasDay, r.day = true, midnight(p.now)
	r.lastDay = r.day
	if r.end().Before(p.now) {
		r.day = r.day.AddDate(0, 0, 1)
		r.lastDay = r.day
		r.note = strings.TrimSpace(r.note + " " + fmt.Sprintf("%s has passed today: read as tomorrow", clockText(r.to)))
	}
	return r
}

// fieldOf reads the word before or after a ref, consuming it.
func (p *parser) fieldOf(r *ref) (field, string) {
	f, word := fieldDo, ""
	before := string(p.s.work[:r.a])
	if m := rePrefixEn.FindStringSubmatchIndex(before); m != nil {
		word = strings.Join(strings.Fields(before[m[2]:m[3]]), " ")
		p.s.consume(m[0], r.a)
		r.a = m[0]
	} else if m := rePrefixZh.FindStringSubmatchIndex(before); m != nil {
		word = before[m[2]:m[3]]
		p.s.consume(m[0], r.a)
		r.a = m[0]
	}
	if g, ok := prefixField[word]; ok {
		f = g
	} else if fs := strings.Fields(word); len(fs) > 0 {
		if g, ok := prefixField[fs[0]]; ok {
			f = g
		}
	}
	after := string(p.s.work[r.b:])
	for _, re := range []*regexp.Regexp{reSuffixEn, reSuffixZh} {
		if m := re.FindStringSubmatchIndex(after); m != nil {
			w := strings.Join(strings.Fields(after[m[2]:m[3]]), " ")
			if g, ok := prefixField[w]; ok {
				f, word = g, strings.TrimSpace(word+" "+w)
				p.s.consume(r.b, r.b+m[1])
				r.b += m[1]
			}
			break
		}
	}
	if r.within && f == fieldDo {
		f = fieldDeadline
	}
	return f, word
}

// apply sets the task field a ref fills.
func (p *parser) apply(r ref) {
	f, _ := p.fieldOf(&r)
	phrase := p.s.orig[r.a:r.b]
	p.mark(phrase)
	if r.note != "" {
		p.assume("%s", r.note)
	}
	switch f {
	case fieldDeadline:
		p.setDeadline(phrase, r.end())
	case fieldEarliest:
		p.setEarliest(phrase, r.start())
	case fieldAfter:
		at := r.end()
		if !r.hasClock {
			at = r.lastDay.AddDate(0, 0, 1)
		}
		p.setEarliest(phrase, at)
	default:
		p.setWindow(phrase, r)
	}
}

// setWindow sets both fields from a bare date: do it then. An exact time
// opens the window, which closes at the end of that day.
func (p *parser) setWindow(phrase string, r ref) {
	start, end := r.start(), r.end()
	if r.exact() {
		end = r.lastDay.Add(23*time.Hour + 59*time.Minute)
	}
	if p.res.Earliest.IsZero() || start.After(p.res.Earliest) {
		p.res.Earliest = start
	}
	if p.res.Deadline.IsZero() || end.Before(p.res.Deadline) {
		p.res.Deadline = end
	}
	p.understood(phrase, "do between %s and %s", stamp(start), stamp(end))
	p.assume("%q read as when to do it; say \"by …\" for a deadline", strings.TrimSpace(phrase))
}

func (p *parser) setDeadline(phrase string, t time.Time) {
	if !p.res.Deadline.IsZero() && !t.Equal(p.res.Deadline) {
		p.assume("two deadlines given: kept the earlier")
		if t.After(p.res.Deadline) {
			return
		}
	}
	if t.Before(p.now) {
		p.assume("deadline %s is in the past", stamp(t))
	}
	p.res.Deadline = t
	p.understood(phrase, "deadline %s", stamp(t))
}

func (p *parser) setEarliest(phrase string, t time.Time) {
	if !p.res.Earliest.IsZero() && !t.Equal(p.res.Earliest) {
		p.assume("two start dates given: kept the later")
		if t.Before(p.res.Earliest) {
			return
		}
	}
	p.res.Earliest = t
	p.understood(phrase, "start no earlier than %s", stamp(t))
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func stamp(t time.Time) string { return t.Format("Mon 2 Jan 15:04") }

func clockText(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// dayRef is a ref of the whole day t.
func dayRef(t time.Time) ref {
	d := midnight(t)
	return ref{hasDay: true, day: d, lastDay: d}
}

// spanRef is a ref of the days first … last.
func spanRef(first, last time.Time) ref {
	return ref{hasDay: true, day: midnight(first), lastDay: midnight(last)}
}

// clockRef is a ref of an exact time of day.
func clockRef(h, m int) ref {
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	return ref{hasClock: true, from: d, to: d}
}

// periodRef is a ref of a part of the day, in hours.
func periodRef(from, to float64) ref {
	return ref{hasClock: true, from: time.Duration(from * float64(time.Hour)), to: time.Duration(to * float64(time.Hour))}
}

// periods are the parts of the day both languages name.
var periods = map[string][2]float64{
	"morning": {8, 12}, "afternoon": {13, 18}, "evening": {18, 22}, "night": {18, 22}, "noon": {12, 13},
	"上午": {8, 12}, "早上": {8, 12}, "早晨": {8, 12}, "中午": {12, 13}, "下午": {13, 18}, "晚上": {18, 22}, "傍晚": {17, 19}, "夜里": {18, 22},
}
