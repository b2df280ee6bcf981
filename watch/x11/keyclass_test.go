package x11

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow/watch"
)

func TestKeysymClass(t *testing.T) {
	tests := []struct {
		name     string
		ks       uint32
		want     watch.KeyClass
		shortcut bool
	}{
		{"a", 'a', watch.KeyAlnum, false},
		{"Z", 'Z', watch.KeyAlnum, false},
		{"7", '7', watch.KeyAlnum, false},
		{"KP_3", 0xffb3, watch.KeyAlnum, false},
		{"udiaeresis", 0xfc, watch.KeyAlnum, false},
		{"Cyrillic_a", 0x6c1, watch.KeyAlnum, false},
		{"U+4E2D", 0x01004e2d, watch.KeyAlnum, false},
		{"space", 0x20, watch.KeySpace, false},
		{"BackSpace", 0xff08, watch.KeyCorrection, false},
		{"Delete", 0xffff, watch.KeyCorrection, false},
		{"Left", 0xff51, watch.KeyNavigation, false},
		{"Next", 0xff56, watch.KeyNavigation, false},
		{"Tab", 0xff09, watch.KeyNavigation, false},
		{"Shift_L", 0xffe1, watch.KeyModifier, false},
		{"Caps_Lock", 0xffe5, watch.KeyModifier, false},
		{"ISO_Level3_Shift", 0xfe03, watch.KeyModifier, false},
		{"Control_L", 0xffe3, watch.KeyModifier, true},
		{"Alt_R", 0xffea, watch.KeyModifier, true},
		{"Super_L", 0xffeb, watch.KeyModifier, true},
		{"Return", 0xff0d, watch.KeyOther, false},
		{"comma", ',', watch.KeyOther, false},
		{"F5", 0xffc2, watch.KeyOther, false},
		{"NoSymbol", 0, watch.KeyOther, false},
	}
	for _, tt := range tests {
		got, sc := keysymClass(tt.ks)
		if got != tt.want || sc != tt.shortcut {
			t.Errorf("%s: got %v, %v; want %v, %v", tt.name, got, sc, tt.want, tt.shortcut)
		}
	}
}

func TestNewKeymapFallsBackToSecondKeysym(t *testing.T) {
	// keycodes 8, 9, 10 with two keysyms each
	km := newKeymap(8, 2, []uint32{'q', 'Q', 0, 0xff08, 0xffe3, 0})
	want := map[int]watch.KeyClass{8: watch.KeyAlnum, 9: watch.KeyCorrection, 10: watch.KeyModifier, 11: watch.KeyOther}
	for code, w := range want {
		if km.class[code] != w {
			t.Errorf("class[%d] = %v, want %v", code, km.class[code], w)
		}
	}
	if !km.shortcut[10] || km.shortcut[8] {
		t.Errorf("shortcut[10], shortcut[8] = %v, %v; want true, false", km.shortcut[10], km.shortcut[8])
	}
}

func TestServerTimeWraps(t *testing.T) {
	s := &recordSession{}
	got := []time.Duration{s.serverTime(0xffff_fff0), s.serverTime(0x0000_0010), s.serverTime(0x0000_0020)}
	base := time.Duration(0xffff_fff0) * time.Millisecond
	want := []time.Duration{base, base + 32*time.Millisecond, base + 48*time.Millisecond}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reading %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
