package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestModelCommands(t *testing.T) {
	data := t.TempDir()
	out := run(t, true, "demo", "--serve=false", "--weeks", "1", "--persona", "developer", "--data", data)
	m := regexp.MustCompile(`--day (\d{4}-\d\d-\d\d)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("demo output names no day:\n%s", out)
	}
	day := m[1]
	tz := []string{"--data", data, "--tz", "Europe/Berlin"}

	// No model yet: explain says so and uses the day-one model.
	ex := run(t, true, append([]string{"model", "explain", day + "T14:30:00Z"}, tz...)...)
	for _, want := range []string{"no trained model yet", "attention score", "why:", "interruptibility", "fatigue", "on task"} {
		if !strings.Contains(ex, want) {
			t.Errorf("explain output lacks %q:\n%s", want, ex)
		}
	}

	for _, at := range []string{"T09:30:00Z", "T13:30:00Z", "T15:00:00Z"} {
		run(t, true, "checkin", "--focus", "4", "--demand", "3", "--interrupted", "no", "--at", day+at, "--data", data)
	}
	run(t, true, "checkin", "--focus", "2", "--at", day+"T10:00:00Z", "--data", data, "--state", "distracted")
	if bad := run(t, false, "checkin", "--focus", "9", "--data", data); !strings.Contains(bad, "focus = 9") {
		t.Errorf("bad check-in: %s", bad)
	}
	tr := run(t, true, append([]string{"model", "train", "--days", "10"}, tz...)...)
	if !strings.Contains(tr, "4 check-ins, at least 10 needed") || !strings.Contains(tr, "Saved ") {
		t.Errorf("train output:\n%s", tr)
	}
	files, _ := filepath.Glob(filepath.Join(data, "models", "model-v1-*.json"))
	if len(files) != 1 {
		t.Fatalf("model files %v, want one", files)
	}
	if ex := run(t, true, append([]string{"model", "explain", day + "T14:30:00Z"}, tz...)...); strings.Contains(ex, "no trained model") {
		t.Errorf("explain ignored the trained model:\n%s", ex)
	}
	// Check-ins on one day only: eval says what it needs.
	if ev := run(t, false, append([]string{"model", "eval", "--days", "10"}, tz...)...); !strings.Contains(ev, "at least 2 days") {
		t.Errorf("eval with one day of check-ins:\n%s", ev)
	}

	d, _ := time.Parse("2006-01-02", day)
	prev := d.AddDate(0, 0, -1).Format("2006-01-02")
	run(t, true, "checkin", "--focus", "5", "--at", prev+"T10:00:00Z", "--data", data)
	run(t, true, "checkin", "--focus", "3", "--at", prev+"T14:00:00Z", "--data", data)
	ev := run(t, true, append([]string{"model", "eval", "--days", "10"}, tz...)...)
	for _, want := range []string{"6 check-ins over 2 days", "day-one model", "baseline: your own mean", "baseline: rule (PRODUCT.md)"} {
		if !strings.Contains(ev, want) {
			t.Errorf("eval output lacks %q:\n%s", want, ev)
		}
	}

	// A damaged model file: a clear message and the day-one model.
	os.WriteFile(files[0], []byte(`{"format":"attnflow-model","version":1,"model":{`), 0o600)
	ex = run(t, true, append([]string{"model", "explain", day + "T14:30:00Z"}, tz...)...)
	if !strings.Contains(ex, "damaged") || !strings.Contains(ex, "attention score") {
		t.Errorf("explain with a damaged model:\n%s", ex)
	}
}

func TestModelEvalSim(t *testing.T) {
	out := run(t, true, "model", "eval", "--sim", "clinician", "--seeds", "21", "--sim-days", "10")
	if !strings.Contains(out, "clinician") || !strings.Contains(out, "FlowL") {
		t.Errorf("sim eval output:\n%s", out)
	}
}
