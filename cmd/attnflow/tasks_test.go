package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the attnflow command tree in-process against dataDir.
func runCLI(t *testing.T, dataDir string, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetIn(strings.NewReader(""))
	root.SetArgs(append([]string{"--data", dataDir}, args...))
	err := root.Execute()
	return out.String(), err
}

func TestTasksAndPlanCLI(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:s@t\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART:20260105T093000Z\r\nDTEND:20260105T094500Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nSUMMARY:stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(filepath.Join(dir, "work.ics"), []byte(cal), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		args []string
		want []string // substrings of the output
		err  string   // substring of the error, "" for none
	}{
		{[]string{"tasks", "add", "write Q3 report 3h by Fri p1 #deep", "--tz", "UTC"}, []string{`"write Q3 report"  3h  P1  deep`, `understood: "3h"`, "saved task 1"}, ""},
		{[]string{"tasks", "add", "周五前写完季度报告 3小时 高优先级 #深度", "--yes"}, []string{"3h  P1  deep", "saved task 2"}, ""},
		{[]string{"tasks", "add", "call the bank", "-y"}, []string{"assumed:    no duration given: estimate 1h", "saved task 3"}, ""},
		{[]string{"tasks", "add", "p1 #deep"}, nil, "no title left"},
		{[]string{"tasks", "edit", "3", "--after", "1", "--rule", "app=^firefox$", "--estimate", "30m"}, []string{"30m", "after 1", "tracks app~^firefox$"}, ""},
		{[]string{"tasks", "edit", "3", "--rule", "app=("}, nil, "not a regular expression"},
		{[]string{"tasks", "done", "2"}, []string{"done: 2"}, ""},
		{[]string{"tasks", "list"}, []string{"write Q3 report", "call the bank"}, ""},
		{[]string{"tasks", "rm", "42"}, nil, "no task 42"},
		{[]string{"calendar", "import", filepath.Join(dir, "missing.ics")}, nil, "read calendar"},
		{[]string{"calendar", "import", filepath.Join(dir, "work.ics")}, []string{`imported calendar "work" (1 events)`}, ""},
		{[]string{"calendar", "list"}, []string{"work"}, ""},
		{[]string{"plan", "--week", "--tz", "UTC", "--ics", filepath.Join(dir, "plan.ics"), "--export-lp", filepath.Join(dir, "plan.lp")}, []string{"write Q3 report [deep]", "09:30–09:45  stand-up [busy]", "within", "blocks to", "glpsol --lp"}, ""},
	}
	for _, s := range steps {
		out, err := runCLI(t, dir, s.args...)
		if s.err == "" && err != nil {
			t.Fatalf("%q: %v\n%s", s.args, err, out)
		}
		if s.err != "" && (err == nil || !strings.Contains(err.Error(), s.err)) {
			t.Errorf("%q: error %v, want one containing %q", s.args, err, s.err)
		}
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: output lacks %q:\n%s", s.args, w, out)
			}
		}
	}
	out, _ := runCLI(t, dir, "tasks", "list")
	if strings.Contains(out, "季度报告") {
		t.Errorf("done task still listed:\n%s", out)
	}
	if lp, err := os.ReadFile(filepath.Join(dir, "plan.lp")); err != nil || !bytes.Contains(lp, []byte("Maximize")) && !bytes.Contains(lp, []byte("maximize")) {
		t.Errorf("plan.lp: %v; want an LP with an objective", err)
	}
	ics, err := os.ReadFile(filepath.Join(dir, "plan.ics"))
	if err != nil || !bytes.Contains(ics, []byte("SUMMARY:write Q3 report")) {
		t.Errorf("plan.ics: %v; want the report's blocks", err)
	}
}
