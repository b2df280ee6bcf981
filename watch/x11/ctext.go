package x11

import (
	"strings"
	"unicode/utf8"
)

// decodeCompoundText decodes X11 COMPOUND_TEXT, the encoding xterm and
// other Xt/Xlib clients use for WM_NAME when a title is not Latin-1. It
// handles ASCII and Latin-1 (the defaults) and UTF-8 segments
// (ESC % G ... ESC % @), which is what such clients emit for Unicode
// titles. Text in other designated charsets (e.g. legacy CJK encodings)
// becomes U+FFFD.
func decodeCompoundText(b []byte) string {
	var sb strings.Builder
	utf8Mode, grLatin1 := false, true
	for i := 0; i < len(b); {
		if b[i] == 0x1b {
			n, seq := escapeSequence(b[i:])
			switch {
			case seq == "%G":
				utf8Mode = true
			case seq == "%@":
				utf8Mode = false
			case seq == "-A":
				grLatin1 = true
			case len(seq) > 0 && (seq[0] == '-' || seq[0] == '$' || seq[0] == ')'):
				grLatin1 = false // another charset in the right half
			}
			i += n
			continue
		}
		if utf8Mode {
			r, size := utf8.DecodeRune(b[i:])
			sb.WriteRune(r)
			i += size
			continue
		}
		switch c := b[i]; {
		case c < 0x80 || grLatin1:
			sb.WriteRune(rune(c))
		default:
			sb.WriteRune(utf8.RuneError)
		}
		i++
	}
	return sb.String()
}

// escapeSequence returns the length of the ISO 2022 escape sequence at the
// start of b (ESC, intermediate bytes 0x20-0x2F, one final byte) and the
// bytes after ESC.
func escapeSequence(b []byte) (int, string) {
	i := 1
	for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
		i++
	}
	if i < len(b) {
		i++ // the final byte
	}
	return i, string(b[1:i])
}
