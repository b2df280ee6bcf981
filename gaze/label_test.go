package gaze

import "testing"

func TestLabelRoundTrip(t *testing.T) {
	for _, l := range AllLabels() {
		got, err := ParseLabel(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLabel(%q) = %v, %v; want %v", l.String(), got, err, l)
		}
		if back := LabelFromCode(l.Code()); back != l {
			t.Errorf("LabelFromCode(%d) = %v, want %v", l.Code(), back, l)
		}
	}
	if _, err := ParseLabel("wink"); err == nil {
		t.Error("ParseLabel(wink): want error")
	}
	if got := LabelFromCode(0); got != Undefined {
		t.Errorf("LabelFromCode(0) = %v, want undefined", got)
	}
}
