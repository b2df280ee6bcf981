package quickadd

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanner keeps the input and a working copy in which consumed phrases are
// blanked out. The working copy lowers ASCII letters only, so byte offsets
// are the same in both.
type scanner struct {
	orig string
	work []byte
}

func newScanner(s string) *scanner {
	w := []byte(s)
	for i, c := range w {
		if 'A' <= c && c <= 'Z' {
			w[i] = c + 'a' - 'A'
		}
	}
	return &scanner{orig: s, work: w}
}

// all returns the submatch indexes of every match of re in the working copy.
func (s *scanner) all(re *regexp.Regexp) [][]int {
	return re.FindAllSubmatchIndex(s.work, -1)
}

// text returns the working (lowered) text of [a, b).
func (s *scanner) text(a, b int) string { return string(s.work[a:b]) }

// group returns submatch g of match m, or "" when it did not take part.
func (s *scanner) group(m []int, g int) string {
	if m[2*g] < 0 {
		return ""
	}
	return string(s.work[m[2*g]:m[2*g+1]])
}

// consume blanks [a, b) so no later rule sees it and the title leaves it out.
func (s *scanner) consume(a, b int) {
	for i := a; i < b; i++ {
		s.work[i] = 0
	}
}

// free reports whether [a, b) holds no consumed byte.
func (s *scanner) free(a, b int) bool {
	for i := a; i < b; i++ {
		if s.work[i] == 0 {
			return false
		}
	}
	return true
}

// rest is the title: the original text minus consumed bytes, with spaces
// collapsed and stray joining punctuation trimmed.
func (s *scanner) rest() string {
	var b strings.Builder
	for i := 0; i < len(s.orig); i++ {
		if s.work[i] == 0 {
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(s.orig[i])
	}
	fields := strings.Fields(b.String())
	out := joinFields(fields)
	return strings.TrimFunc(out, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、。;；:：-–—~", r)
	})
}

// joinFields joins words with one space, except between two Han characters,
// which Chinese writes without spaces.
func joinFields(fields []string) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(fields[i-1])
			first, _ := utf8.DecodeRuneInString(f)
			if !(isHan(last) && isHan(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(f)
	}
	return b.String()
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
