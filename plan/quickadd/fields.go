package quickadd

import (
	"regexp"
	"strings"
)

// kindTags maps a tag (lowered, without '#') to the task kind it names.
var kindTags = map[string]string{
	"deep": "deep", "deepwork": "deep", "deep-work": "deep", "focus": "deep",
	"shallow": "shallow", "admin": "admin", "learning": "learning", "learn": "learning", "study": "learning",
	"深度": "deep", "深度工作": "deep", "专注": "deep",
	"浅层": "shallow", "浅度": "shallow", "浅层工作": "shallow", "杂事": "shallow", "琐事": "shallow",
	"行政": "admin", "事务": "admin", "管理": "admin",
	"学习": "learning",
}

var reTag = regexp.MustCompile(`(?:^|[\s,，])(#[\p{L}\p{N}_\-/.]+)`)

// tags reads "#word" tags; the ones that name a kind set the kind.
func (p *parser) tags() {
	for _, m := range p.s.all(reTag) {
		a, b := m[2], m[3]
		tag := strings.TrimRight(p.s.orig[a+1:b], ".")
		b = a + 1 + len(tag)
		p.s.consume(a, b)
		p.mark(tag)
		if kind, ok := kindTags[strings.ToLower(tag)]; ok {
			if p.res.Kind != "" && p.res.Kind != kind {
				p.assume("two kinds given (%s, %s): kept %s", p.res.Kind, kind, kind)
			}
			p.res.Kind = kind
			p.understood("#"+tag, "kind %s", kind)
			continue
		}
		p.res.Tags = append(p.res.Tags, tag)
		p.understood("#"+tag, "tag %s", tag)
	}
}

// priorityRule maps a phrase to a priority.
type priorityRule struct {
	re   *regexp.Regexp
	prio int // 0: the first submatch holds the digit
}

var priorityRules = []priorityRule{
	{regexp.MustCompile(`\b(?:p|priority\s*|prio\s*)([1-4])\b`), 0},
	{regexp.MustCompile(`!!!`), 1},
	{regexp.MustCompile(`\b(?:urgent(?:ly)?|asap|top[- ]priority|highest[- ]priority|high[- ]priority|high[- ]prio|critical)\b`), 1},
	{regexp.MustCompile(`\b(?:important|medium[- ]priority|medium[- ]prio)\b`), 2},
	{regexp.MustCompile(`\b(?:normal[- ]priority|normal[- ]prio)\b`), 3},
	{regexp.MustCompile(`\b(?:low[- ]priority|low[- ]prio|lowest[- ]priority|whenever|someday)\b`), 4},
	{regexp.MustCompile(`最高优先级|高优先级|优先级高|高优|紧急|十万火急|特急|很急|非常急|加急`), 1},
	{regexp.MustCompile(`最低优先级|低优先级|优先级低|不着急|不重要|不急`), 4},
	{regexp.MustCompile(`普通优先级|一般优先级|优先级普通|不太急`), 3},
	{regexp.MustCompile(`中优先级|优先级中|中等优先级|重要`), 2},
}

// priorities reads p1–p4 and priority words in both languages.
func (p *parser) priorities() {
	for _, r := range priorityRules {
		for _, m := range p.s.all(r.re) {
			if !p.s.free(m[0], m[1]) {
				continue
			}
			prio := r.prio
			if prio == 0 {
				prio = int(p.s.group(m, 1)[0] - '0')
			}
			phrase := p.s.orig[m[0]:m[1]]
			p.s.consume(m[0], m[1])
			p.mark(phrase)
			p.prios++
			if p.prios > 1 && p.res.Priority != prio {
				p.assume("two priorities given (P%d, P%d): kept the higher, P%d", p.res.Priority, prio, min(p.res.Priority, prio))
				prio = min(p.res.Priority, prio)
			}
			p.res.Priority = prio
			p.understood(phrase, "priority P%d", prio)
		}
	}
}
