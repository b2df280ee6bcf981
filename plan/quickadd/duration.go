package quickadd

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// durationLead is the optional word before an estimate ("for 2h", "用3小时").
const durationLead = `(?:\b(?:for|takes?|about|around|approx\.?|roughly|est\.?|estimated?)\s*|~\s*)?`

var (
	// 2h, 1.5h, 2h30m, 2h 30min, 90m, 90 min, 2 hours, 1 hr 15 mins
	reDurNum = regexp.MustCompile(durationLead +
		`\b(?:(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\b(?:\s*(\d+)\s*(?:m|mins?|minutes?)\b)?|(\d+)\s*(?:h)(\d+)\s*(?:m|min)?\b|(\d+)\s*(?:m|mins?|minutes?)\b)`)
	// an hour, two hours, half an hour, an hour and a half, a couple of hours
	reDurWord = regexp.MustCompile(durationLead +
		`\b(?:(half\s+an?\s+hour|half\s+hour|a\s+quarter\s+of\s+an\s+hour|quarter\s+hour|(?:an?|one)\s+hour\s+and\s+a\s+half|(?:a\s+)?couple\s+(?:of\s+)?hours)|(` + enNumberWords + `)\s+(?:hours?|hrs?)(?:\s+and\s+a\s+half)?|(` + enNumberWords + `)\s+minutes?)\b`)
	// 3小时, 两个小时, 一个半小时, 1.5小时, 半小时, 90分钟, 1小时30分钟, 一刻钟
	reDurZh = regexp.MustCompile(`(?:用|花|花费|需要|需|大约|大概|约|预计|耗时|共)?\s*` +
		`(?:(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)\s*个?(半)?\s*(?:小时|钟头)(?:\s*(\d+|[零一二两三四五六七八九十]+)\s*分钟?)?|(半)\s*个?\s*(?:小时|钟头)|(\d+|[零一二两三四五六七八九十]+)\s*分钟|([一三])刻钟)`)
)

// durations reads the estimate.
func (p *parser) durations() {
	for _, m := range p.s.all(reDurNum) {
		p.setEstimate(m, p.durNum(m))
	}
	for _, m := range p.s.all(reDurWord) {
		p.setEstimate(m, p.durWord(m))
	}
	for _, m := range p.s.all(reDurZh) {
		p.setEstimate(m, p.durZh(m))
	}
}

func (p *parser) setEstimate(m []int, d time.Duration) {
	if d <= 0 || !p.s.free(m[0], m[1]) {
		return
	}
	phrase := p.s.orig[m[0]:m[1]]
	p.s.consume(m[0], m[1])
	p.mark(phrase)
	if p.res.Estimate != 0 {
		p.assume("two estimates given (%s, %s): added them", shortDuration(p.res.Estimate), shortDuration(d))
	}
	p.res.Estimate += d
	if d > 12*time.Hour {
		p.assume("estimate %s is longer than a day of work; check it", shortDuration(d))
	}
	p.understood(phrase, "estimate %s", shortDuration(d))
}

func (p *parser) durNum(m []int) time.Duration {
	g := func(i int) string { return p.s.group(m, i) }
	switch {
	case g(1) != "":
		h, _ := strconv.ParseFloat(g(1), 64)
		mins, _ := strconv.Atoi(g(2))
		return time.Duration(h*float64(time.Hour)) + time.Duration(mins)*time.Minute
	case g(3) != "":
		h, _ := strconv.Atoi(g(3))
		mins, _ := strconv.Atoi(g(4))
		return time.Duration(h)*time.Hour + time.Duration(mins)*time.Minute
	default:
		mins, _ := strconv.Atoi(g(5))
		return time.Duration(mins) * time.Minute
	}
}

func (p *parser) durWord(m []int) time.Duration {
	phrase := strings.Join(strings.Fields(p.s.text(m[0], m[1])), " ")
	switch g := p.s.group(m, 1); {
	case strings.HasPrefix(g, "half"):
		return 30 * time.Minute
	case strings.Contains(g, "quarter"):
		return 15 * time.Minute
	case strings.Contains(g, "and a half"):
		return 90 * time.Minute
	case strings.Contains(g, "couple"):
		p.assume("%q read as 2 hours", phrase)
		return 2 * time.Hour
	}
	if n, ok := number(p.s.group(m, 2)); ok {
		d := time.Duration(n) * time.Hour
		if strings.HasSuffix(phrase, "and a half") {
			d += 30 * time.Minute
		}
		return d
	}
	n, _ := number(p.s.group(m, 3))
	return time.Duration(n) * time.Minute
}

func (p *parser) durZh(m []int) time.Duration {
	g := func(i int) string { return p.s.group(m, i) }
	switch {
	case g(1) != "":
		var d time.Duration
		if h, err := strconv.ParseFloat(g(1), 64); err == nil {
			d = time.Duration(h * float64(time.Hour))
		} else if n, ok := number(g(1)); ok {
			d = time.Duration(n) * time.Hour
		}
		if g(2) != "" {
			d += 30 * time.Minute
		}
		if mins, ok := number(g(3)); ok {
			d += time.Duration(mins) * time.Minute
		}
		return d
	case g(4) != "":
		return 30 * time.Minute
	case g(5) != "":
		n, _ := number(g(5))
		return time.Duration(n) * time.Minute
	case g(6) == "一":
		return 15 * time.Minute
	default:
		return 45 * time.Minute
	}
}

// shortDuration writes 1h30m, 2h, 45m.
func shortDuration(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}
