package query

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind int

const (
	tEOF tokenKind = iota
	tIdent
	tInt
	tFloat
	tString
	tBool
	tIf
	tElif
	tElse
	tReturn
	tPlus
	tMinus
	tStar
	tSlash
	tPercent
	tEq
	tAssign
	tLParen
	tRParen
	tLBrack
	tRBrack
	tLBrace
	tRBrace
	tComma
	tColon
	tSemi
)

var tokenNames = [...]string{
	tEOF: "end of query", tIdent: "name", tInt: "integer", tFloat: "number", tString: "string",
	tBool: "boolean", tIf: "'if'", tElif: "'elif'", tElse: "'else'", tReturn: "'return'",
	tPlus: "'+'", tMinus: "'-'", tStar: "'*'", tSlash: "'/'", tPercent: "'%'", tEq: "'=='",
	tAssign: "'='", tLParen: "'('", tRParen: "')'", tLBrack: "'['", tRBrack: "']'",
	tLBrace: "'{'", tRBrace: "'}'", tComma: "','", tColon: "':'", tSemi: "';'",
}

// String names the token kind for error messages.
func (k tokenKind) String() string { return tokenNames[k] }

// token is one lexical token with its position and value.
type token struct {
	kind tokenKind
	pos  Pos
	text string // identifier name or string value
	i    int64
	f    float64
	b    bool
}

var keywords = map[string]tokenKind{"if": tIf, "elif": tElif, "else": tElse, "return": tReturn}

var punct = map[byte]tokenKind{
	'+': tPlus, '-': tMinus, '*': tStar, '/': tSlash, '%': tPercent, '(': tLParen, ')': tRParen,
	'[': tLBrack, ']': tRBrack, '{': tLBrace, '}': tRBrace, ',': tComma, ':': tColon, ';': tSemi,
}

// lex splits src into tokens. Whitespace and # comments are skipped.
// Strings take double or single quotes; as in both reference servers the
// only escape is a backslash before the quote character, every other
// backslash stays in the string (so regexes like "\w" pass through).
func lex(src string) ([]token, error) {
	l := &lexer{src: src, line: 1, lineStart: 0}
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tEOF {
			return toks, nil
		}
	}
}

type lexer struct {
	src       string
	off       int
	line      int
	lineStart int
}

func (l *lexer) pos() Pos {
	return Pos{Line: l.line, Col: utf8.RuneCountInString(l.src[l.lineStart:l.off]) + 1}
}

func (l *lexer) skipSpace() {
	for l.off < len(l.src) {
		switch c := l.src[l.off]; c {
		case '\n':
			l.off++
			l.line++
			l.lineStart = l.off
		case ' ', '\t', '\r':
			l.off++
		case '#':
			for l.off < len(l.src) && l.src[l.off] != '\n' {
				l.off++
			}
		default:
			return
		}
	}
}

func (l *lexer) next() (token, error) {
	l.skipSpace()
	p := l.pos()
	if l.off >= len(l.src) {
		return token{kind: tEOF, pos: p}, nil
	}
	c := l.src[l.off]
	switch {
	case c == '"' || c == '\'':
		return l.str(p, c)
	case c >= '0' && c <= '9':
		return l.number(p)
	case isIdentStart(c):
		start := l.off
		for l.off < len(l.src) && isIdentPart(l.src[l.off]) {
			l.off++
		}
		word := l.src[start:l.off]
		switch word {
		case "true", "True":
			return token{kind: tBool, pos: p, b: true}, nil
		case "false", "False":
			return token{kind: tBool, pos: p}, nil
		}
		if k, ok := keywords[word]; ok {
			return token{kind: k, pos: p}, nil
		}
		return token{kind: tIdent, pos: p, text: word}, nil
	case c == '=':
		if strings.HasPrefix(l.src[l.off:], "==") {
			l.off += 2
			return token{kind: tEq, pos: p}, nil
		}
		l.off++
		return token{kind: tAssign, pos: p}, nil
	}
	if k, ok := punct[c]; ok {
		l.off++
		return token{kind: k, pos: p}, nil
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.off:])
	return token{}, errorf(KindParse, p, "unexpected character %q", r)
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }

func (l *lexer) str(p Pos, quote byte) (token, error) {
	l.off++ // opening quote
	var b strings.Builder
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == quote:
			l.off++
			return token{kind: tString, pos: p, text: b.String()}, nil
		case c == '\\' && l.off+1 < len(l.src) && l.src[l.off+1] == quote:
			b.WriteByte(quote)
			l.off += 2
		case c == '\n':
			b.WriteByte(c)
			l.off++
			l.line++
			l.lineStart = l.off
		default:
			b.WriteByte(c)
			l.off++
		}
	}
	return token{}, errorf(KindParse, p, "string is not closed: add a matching %c", quote)
}

// number lexes [0-9]+ as an integer and [0-9]+.[0-9]* as a float, like
// aw-server-rust; integers too large for 64 bits become floats.
func (l *lexer) number(p Pos) (token, error) {
	start := l.off
	for l.off < len(l.src) && l.src[l.off] >= '0' && l.src[l.off] <= '9' {
		l.off++
	}
	isFloat := false
	if l.off < len(l.src) && l.src[l.off] == '.' {
		isFloat = true
		l.off++
		for l.off < len(l.src) && l.src[l.off] >= '0' && l.src[l.off] <= '9' {
			l.off++
		}
	}
	text := l.src[start:l.off]
	if !isFloat {
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			return token{kind: tInt, pos: p, i: i}, nil
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(text, "."), 64)
	if err != nil || math.IsInf(f, 0) {
		return token{}, errorf(KindParse, p, "number %s is out of range", text)
	}
	return token{kind: tFloat, pos: p, f: f}, nil
}
