package timeline

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"
)

// Matcher reports whether a pattern is found somewhere in a string (a
// regex search, not a full match). *regexp.Regexp is a Matcher.
type Matcher interface {
	MatchString(s string) bool
}

// CompilePattern compiles a regular expression for searching, with inline
// flags such as (?i) allowed; ignoreCase adds (?i). Patterns that are
// plain alternations of literals ("GitHub|Stack Overflow", the usual
// category rule) get a substring matcher that is much faster than the
// regex engine and matches exactly the same strings.
func CompilePattern(expr string, ignoreCase bool) (Matcher, error) {
	full := expr
	if ignoreCase {
		full = "(?i)" + expr
	}
	re, err := regexp.Compile(full)
	if err == nil {
		return NewMatcher(re), nil
	}
	// Lookarounds and backreferences work on the reference servers (Python
	// re, fancy-regex) but not in RE2: run those patterns on a
	// backtracking engine, with a time limit per search.
	bt, btErr := regexp2.Compile(full, regexp2.RE2)
	if btErr != nil {
		return nil, err
	}
	bt.MatchTimeout = BacktrackTimeout
	return backtracking{bt}, nil
}

// BacktrackTimeout bounds one search of a pattern that needs the
// backtracking engine; a search that times out counts as no match.
const BacktrackTimeout = 50 * time.Millisecond

// backtracking is a Matcher over regexp2, for patterns RE2 rejects.
type backtracking struct{ re *regexp2.Regexp }

// MatchString reports a match; a search that times out is no match.
func (b backtracking) MatchString(s string) bool {
	ok, err := b.re.MatchString(s)
	return ok && err == nil
}

// NewMatcher returns re, or a faster equivalent when re is an alternation
// of literal strings.
func NewMatcher(re *regexp.Regexp) Matcher {
	if m, ok := literalAlternation(re); ok {
		return m
	}
	return re
}

// literalMatcher finds any of a set of literals, optionally ignoring ASCII
// case. Unicode case folding maps two non-ASCII runes to ASCII letters
// (K KELVIN SIGN to k, ſ LONG S to s): strings holding either fall back to
// the regex when folding; for all others, lowering the ASCII bytes and
// searching the ASCII literals is exact.
type literalMatcher struct {
	lits []string
	fold bool
	re   *regexp.Regexp
}

// MatchString reports whether s contains one of the literals.
func (m *literalMatcher) MatchString(s string) bool {
	var low lowered
	return m.matchLowered(s, &low)
}

// matchLowered is MatchString with the lower-cased form of s computed at
// most once for all the rules tried on s.
func (m *literalMatcher) matchLowered(s string, low *lowered) bool {
	if m.fold {
		low.compute(s)
		if !low.foldable {
			return m.re.MatchString(s)
		}
		s = low.s
	}
	for _, l := range m.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// lowered caches a string's ASCII lower case for case-folding matchers.
type lowered struct {
	done, foldable bool
	s              string
}

func (l *lowered) compute(s string) {
	if !l.done {
		l.done = true
		l.foldable = !strings.ContainsRune(s, '\u212a') && !strings.ContainsRune(s, '\u017f')
		if l.foldable {
			l.s = asciiLower(s)
		}
	}
}

// matchWith runs m on s, sharing low between literal matchers.
func matchWith(m Matcher, s string, low *lowered) bool {
	if lm, ok := m.(*literalMatcher); ok {
		return lm.matchLowered(s, low)
	}
	return m.MatchString(s)
}

func literalAlternation(re *regexp.Regexp) (*literalMatcher, bool) {
	src := re.String()
	fold := false
	if rest, ok := strings.CutPrefix(src, "(?i)"); ok {
		fold, src = true, rest
	}
	if strings.HasPrefix(src, "(") && strings.HasSuffix(src, ")") && strings.Count(src, "(") == 1 && strings.Count(src, ")") == 1 {
		src = src[1 : len(src)-1]
	}
	if src == "" {
		return nil, false
	}
	parts := strings.Split(src, "|")
	for i, p := range parts {
		lit, ok := unescapeLiteral(p)
		if !ok || lit == "" || !utf8.ValidString(lit) {
			return nil, false
		}
		if fold {
			if !isASCII(lit) {
				return nil, false
			}
			lit = asciiLower(lit)
		}
		parts[i] = lit
	}
	return &literalMatcher{lits: parts, fold: fold, re: re}, true
}

// unescapeLiteral returns the string a regex piece matches when it is a
// plain literal: no metacharacters except backslash-escaped punctuation
// such as \. or \-.
func unescapeLiteral(p string) (string, bool) {
	if !strings.Contains(p, `\`) {
		return p, regexp.QuoteMeta(p) == p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\\' {
			if i+1 >= len(p) || !isPunct(p[i+1]) {
				return "", false
			}
			i++
			b.WriteByte(p[i])
			continue
		}
		if regexp.QuoteMeta(string(c)) != string(c) {
			return "", false
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

// isPunct reports ASCII punctuation, which a backslash makes literal.
func isPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
