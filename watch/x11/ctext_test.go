package x11

import "testing"

func TestDecodeCompoundText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"ascii", "plain title", "plain title"},
		{"latin-1 right half", "caf\xe9", "café"},
		{"explicit latin-1", "\x1b-Acaf\xe9", "café"},
		{"utf-8 segment (xterm)", "interop \x1b%G\xe2\x80\x94\x1b%@ bob", "interop — bob"},
		{"utf-8 CJK", "\x1b%G\xe5\xad\xa3\xe5\xba\xa6\x1b%@.txt", "季度.txt"},
		{"other charset right half", "\x1b$)B\xb0\xa1x", "\uFFFD\uFFFDx"},
		{"truncated escape", "abc\x1b%", "abc"},
		{"invalid utf-8 in segment", "\x1b%G\xff\x1b%@", "\uFFFD"},
	}
	for _, tt := range tests {
		if got := decodeCompoundText([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
