package x11

import (
	"unicode"

	"github.com/attnflow/attnflow/watch"
)

// keysym ranges and values from X11/keysymdef.h.
const (
	xkSpace       = 0x0020
	xkKPSpace     = 0xff80
	xkBackSpace   = 0xff08
	xkTab         = 0xff09
	xkDelete      = 0xffff
	xkKPDelete    = 0xff9f
	xkISOLeftTab  = 0xfe20
	xkHome        = 0xff50 // Home Left Up Right Down Prior Next End Begin: ff50..ff58
	xkBegin       = 0xff58
	xkKPHome      = 0xff95 // KP_Home .. KP_Begin: ff95..ff9d
	xkKPBegin     = 0xff9d
	xkKP0         = 0xffb0
	xkKP9         = 0xffb9
	xkShiftL      = 0xffe1 // Shift_L .. Hyper_R: ffe1..ffee
	xkHyperR      = 0xffee
	xkControlL    = 0xffe3
	xkControlR    = 0xffe4
	xkMetaL       = 0xffe7 // Meta_L Meta_R Alt_L Alt_R Super_L Super_R Hyper_L Hyper_R
	xkModeSwitch  = 0xff7e
	xkNumLock     = 0xff7f
	xkISOLock     = 0xfe01 // ISO_Lock .. ISO_Level5_Lock: fe01..fe13
	xkISOLevel5   = 0xfe13
	xkUnicodeBase = 0x01000000
)

// keysymClass returns the class of a key by its (unshifted) keysym and
// whether the key is a shortcut modifier (Control, Alt, Meta, Super, Hyper).
func keysymClass(ks uint32) (watch.KeyClass, bool) {
	switch {
	case ks == xkSpace || ks == xkKPSpace:
		return watch.KeySpace, false
	case ks == xkBackSpace || ks == xkDelete || ks == xkKPDelete:
		return watch.KeyCorrection, false
	case ks == xkTab || ks == xkISOLeftTab,
		ks >= xkHome && ks <= xkBegin,
		ks >= xkKPHome && ks <= xkKPBegin:
		return watch.KeyNavigation, false
	case ks == xkControlL || ks == xkControlR || (ks >= xkMetaL && ks <= xkHyperR):
		return watch.KeyModifier, true
	case ks >= xkShiftL && ks <= xkHyperR, ks == xkModeSwitch, ks == xkNumLock,
		ks >= xkISOLock && ks <= xkISOLevel5:
		return watch.KeyModifier, false
	case ks >= xkKP0 && ks <= xkKP9:
		return watch.KeyAlnum, false
	}
	if r, ok := keysymRune(ks); ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return watch.KeyAlnum, false
	}
	return watch.KeyOther, false
}

// keysymRune maps Latin-1 and Unicode keysyms to their rune. Legacy
// non-Latin keysyms (0x100..0x20ff: Latin-2..4, Kana, Arabic, Cyrillic,
// Greek, ...) are letters with few exceptions, so they map to a letter.
func keysymRune(ks uint32) (rune, bool) {
	switch {
	case ks >= 0x20 && ks <= 0x7e, ks >= 0xa0 && ks <= 0xff:
		return rune(ks), true
	case ks >= xkUnicodeBase && ks <= xkUnicodeBase+0x10ffff:
		return rune(ks - xkUnicodeBase), true
	case ks >= 0x100 && ks <= 0x20ff:
		return 'a', true
	}
	return 0, false
}

// keymap classifies keycodes. It is built from the server's keyboard
// mapping and holds no keysym: only each keycode's class.
type keymap struct {
	class    [256]watch.KeyClass
	shortcut [256]bool // Control, Alt, Meta, Super, Hyper
}

// newKeymap builds a keymap from the first keysym of each keycode
// starting at minKeycode, per keysymsPerCode keysyms.
func newKeymap(minKeycode int, keysymsPerCode int, keysyms []uint32) *keymap {
	km := &keymap{}
	for i := range km.class {
		km.class[i] = watch.KeyOther
	}
	if keysymsPerCode <= 0 {
		return km
	}
	for i := 0; i*keysymsPerCode < len(keysyms); i++ {
		code := minKeycode + i
		if code < 0 || code > 255 {
			break
		}
		ks := keysyms[i*keysymsPerCode]
		if ks == 0 && keysymsPerCode > 1 {
			ks = keysyms[i*keysymsPerCode+1]
		}
		km.class[code], km.shortcut[code] = keysymClass(ks)
	}
	return km
}
