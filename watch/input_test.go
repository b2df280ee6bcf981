package watch

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

func TestInputCounterFlush(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var c InputCounter
	if _, ok := c.Flush(); ok {
		t.Fatalf("empty counter flushed a bin")
	}
	for i, k := range []KeyClass{KeyAlnum, KeyAlnum, KeySpace, KeyAlnum, KeyCorrection, KeyModifier, KeyShortcut, KeyNavigation} {
		c.Key(k, ms(100*i*i)) // intervals 100, 300, 500, 700, (modifier), 1100+... grow
	}
	c.Click()
	c.Scroll(0, -3)
	c.Scroll(2, 0)
	c.MoveTo(0, 0)
	c.MoveTo(3, 4)
	c.MoveTo(0, 0)
	got, ok := c.Flush()
	if !ok {
		t.Fatalf("Flush found nothing")
	}
	want := attnflow.Data{
		"presses": 8, "clicks": 1, "deltaX": 6, "deltaY": 8, "scrollX": 2, "scrollY": 3, "distance": 10,
		"keysAlnum": 3, "keysSpace": 1, "keysCorrection": 1, "keysNavigation": 1, "keysShortcut": 1,
		"keysModifier": 1, "keysOther": 0,
		// press times 0,100,400,900,1600,(2500 modifier),3600,4900:
		// intervals 100,300,500,700,2000,1300 → sorted 100,300,500,700,1300,2000
		"ikiCount": 6, "ikiMedianMs": 600, "ikiP25Ms": 350, "ikiP75Ms": 1150,
	}
	if !got.Equal(want) {
		t.Errorf("Flush() = %s\nwant      %s", got.Canonical(), want.Canonical())
	}
	if _, ok := c.Flush(); ok {
		t.Errorf("second Flush found data, want an empty bin")
	}
	// The last key and position carry over into the next bin.
	c.Key(KeyAlnum, ms(5000))
	c.MoveTo(1, 0)
	got, _ = c.Flush()
	if got["ikiCount"] != 1 || got["ikiMedianMs"] != 100.0 || got["deltaX"] != 1 {
		t.Errorf("next bin = %s, want one 100 ms interval and deltaX 1", got.Canonical())
	}
}

func TestInputCounterIgnoresPauses(t *testing.T) {
	var c InputCounter
	c.Key(KeyAlnum, 0)
	c.Key(KeyAlnum, MaxKeyInterval+time.Millisecond)
	got, _ := c.Flush()
	if got["ikiCount"] != 0 {
		t.Errorf("ikiCount = %v, want 0 (a pause is no interval)", got["ikiCount"])
	}
	if _, has := got["ikiMedianMs"]; has {
		t.Errorf("median present without intervals: %s", got.Canonical())
	}
}

func TestInputDataKeysCoverFlush(t *testing.T) {
	var c InputCounter
	c.Key(KeyAlnum, 0)
	c.Key(KeyOther, time.Millisecond)
	got, _ := c.Flush()
	allowed := map[string]bool{}
	for _, k := range InputDataKeys() {
		allowed[k] = true
	}
	for k := range got {
		if !allowed[k] {
			t.Errorf("Flush emitted key %q missing from InputDataKeys", k)
		}
	}
}
