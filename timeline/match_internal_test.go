package timeline

import (
	"regexp"
	"slices"
	"testing"
	"unicode"
)

// TestLiteralAlternationDetection checks which patterns take the substring
// fast path, and the literals it extracts.
func TestLiteralAlternationDetection(t *testing.T) {
	tests := []struct {
		pattern string
		lits    []string // nil: must use the regex engine
		fold    bool
	}{
		{"GitHub|Stack Overflow", []string{"GitHub", "Stack Overflow"}, false},
		{"(?i)(Firefox|nightly)", []string{"firefox", "nightly"}, true},
		{`docs\.|pkg\.go\.dev`, []string{"docs.", "pkg.go.dev"}, false},
		{`\(x\)`, []string{"(x)"}, false},
		{`\d+`, nil, false},
		{`a\|b`, nil, false},
		{"^vim$", nil, false},
		{"a|", nil, false},
		{"(a)|(b)", nil, false},
		{"(?i)é", nil, false},
	}
	for _, tt := range tests {
		m, ok := literalAlternation(regexp.MustCompile(tt.pattern))
		switch {
		case tt.lits == nil && ok:
			t.Errorf("%q: took the literal path with %q", tt.pattern, m.lits)
		case tt.lits != nil && !ok:
			t.Errorf("%q: did not take the literal path", tt.pattern)
		case ok && (!slices.Equal(m.lits, tt.lits) || m.fold != tt.fold):
			t.Errorf("%q: literals %q fold %v, want %q fold %v", tt.pattern, m.lits, m.fold, tt.lits, tt.fold)
		}
	}
}

// TestOnlyTwoRunesFoldToASCII backs literalMatcher's assumption: apart from
// K (U+212A) and ſ (U+017F), no non-ASCII rune case-folds to an ASCII one.
func TestOnlyTwoRunesFoldToASCII(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < 0x80 && r != '\u212a' && r != '\u017f' {
				t.Errorf("%U folds to ASCII %q", r, f)
			}
		}
	}
}
