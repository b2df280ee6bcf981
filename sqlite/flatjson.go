package sqlite

import (
	"strconv"
	"unicode/utf8"

	"github.com/attnflow/attnflow"
)

// Most event payloads are flat objects of short strings ({"app", "title"},
// a browser tab's url, title and flags), and a query over a year decodes
// a hundred thousand of them. decodeFlat decodes those several times
// faster than encoding/json into a map; anything else it declines, and
// the caller decodes with encoding/json. Both give the same Data
// (FuzzDecodeFlat checks it).

// flatMaxKeys bounds the members decodeFlat collects before building the
// map; larger objects are left to encoding/json.
const flatMaxKeys = 16

// internMaxLen bounds the strings an interner keeps: keys and short
// values (app names, flags) repeat across payloads, long titles rarely.
const internMaxLen = 40

// interner shares equal short strings among the payloads one read
// decodes. A nil interner shares nothing.
type interner map[string]string

func (in interner) get(b []byte) string {
	if in == nil || len(b) > internMaxLen {
		return string(b)
	}
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// decodeFlat decodes js, a JSON object whose values are strings without
// escape sequences, numbers, booleans or null, as json.Unmarshal into
// attnflow.Data would. ok is false for anything else: nested values,
// escapes, invalid UTF-8, whitespace, more than flatMaxKeys members,
// malformed input.
func decodeFlat(js []byte, in interner) (d attnflow.Data, ok bool) {
	var keys [flatMaxKeys]string
	var vals [flatMaxKeys]any
	n := 0
	if len(js) < 2 || js[0] != '{' {
		return nil, false
	}
	i := 1
	if js[i] == '}' {
		return attnflow.Data{}, i+1 == len(js)
	}
	for {
		if n == flatMaxKeys || i >= len(js) || js[i] != '"' {
			return nil, false
		}
		k, next, ok := flatString(js, i)
		if !ok || next >= len(js) || js[next] != ':' {
			return nil, false
		}
		v, next, ok := flatValue(js, next+1, in)
		if !ok || next >= len(js) {
			return nil, false
		}
		keys[n], vals[n] = in.get(k), v
		n++
		switch js[next] {
		case ',':
			i = next + 1
			continue
		case '}':
			if next+1 != len(js) {
				return nil, false
			}
		default:
			return nil, false
		}
		break
	}
	d = make(attnflow.Data, n)
	for j := range n {
		d[keys[j]] = vals[j] // a repeated key: the last wins, as in encoding/json
	}
	return d, true
}

// flatString returns the contents of the string starting at js[i] (a
// quote) and the index after its closing quote; ok is false for escapes,
// control characters and invalid UTF-8.
func flatString(js []byte, i int) (s []byte, next int, ok bool) {
	ascii := true
	for j := i + 1; j < len(js); j++ {
		switch c := js[j]; {
		case c == '"':
			s = js[i+1 : j]
			return s, j + 1, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, 0, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, 0, false
}

// flatValue decodes the scalar starting at js[i].
func flatValue(js []byte, i int, in interner) (v any, next int, ok bool) {
	if i >= len(js) {
		return nil, 0, false
	}
	switch c := js[i]; {
	case c == '"':
		s, next, ok := flatString(js, i)
		if !ok {
			return nil, 0, false
		}
		return in.get(s), next, true
	case c == 't':
		return true, i + 4, hasAt(js, i, "true")
	case c == 'f':
		return false, i + 5, hasAt(js, i, "false")
	case c == 'n':
		return nil, i + 4, hasAt(js, i, "null")
	case c == '-' || c >= '0' && c <= '9':
		end := numberEnd(js, i)
		if end < 0 {
			return nil, 0, false
		}
		f, err := strconv.ParseFloat(string(js[i:end]), 64)
		if err != nil {
			return nil, 0, false // out of range: encoding/json reports it
		}
		return f, end, true
	}
	return nil, 0, false
}

func hasAt(js []byte, i int, lit string) bool {
	return len(js) >= i+len(lit) && string(js[i:i+len(lit)]) == lit
}

// numberEnd returns the end of the JSON number starting at js[i], or -1
// if it does not follow JSON's grammar.
func numberEnd(js []byte, i int) int {
	if i < len(js) && js[i] == '-' {
		i++
	}
	switch {
	case i < len(js) && js[i] == '0':
		i++
	case i < len(js) && js[i] >= '1' && js[i] <= '9':
		i = digits(js, i)
	default:
		return -1
	}
	if i < len(js) && js[i] == '.' {
		j := digits(js, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(js) && (js[i] == 'e' || js[i] == 'E') {
		i++
		if i < len(js) && (js[i] == '+' || js[i] == '-') {
			i++
		}
		j := digits(js, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

func digits(js []byte, i int) int {
	for i < len(js) && js[i] >= '0' && js[i] <= '9' {
		i++
	}
	return i
}
