package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/flow"
)

// run runs the attnflow binary with an empty config and returns its
// combined output.
func run(t *testing.T, wantOK bool, args ...string) string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "none.toml")
	os.WriteFile(cfg, nil, 0o600)
	cmd := exec.Command(binPath, append(args, "--config", cfg)...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	out, err := cmd.CombinedOutput()
	if (err == nil) != wantOK {
		t.Fatalf("attnflow %s: err %v, want ok=%v\n%s", strings.Join(args, " "), err, wantOK, out)
	}
	return string(out)
}

func TestDemoThenReport(t *testing.T) {
	data := t.TempDir()
	out := run(t, true, "demo", "--serve=false", "--weeks", "1", "--persona", "clinician", "--data", data)
	for _, want := range []string{"Simulating 1 weeks", "attnflow report —", "Headline", "Focus sessions", "Focus capacity", "attnflow serve --data " + data} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	day := regexp.MustCompile(`--day (\d{4}-\d\d-\d\d)`).FindStringSubmatch(out)
	if day == nil {
		t.Fatalf("demo output names no day to report:\n%s", out)
	}
	js := run(t, true, "report", "--data", data, "--tz", "America/New_York", "--day", day[1], "--format", "json")
	var rep flow.Report
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatalf("report JSON: %v\n%s", err, js)
	}
	if rep.Period != "day" || rep.From != day[1] || rep.Summary.Measures.ActiveSec < 3600 || len(rep.Capacity.Day) != 24 {
		t.Errorf("report %s %s, active %.0f s", rep.Period, rep.From, rep.Summary.Measures.ActiveSec)
	}
	md := run(t, true, "report", "--data", data, "--tz", "America/New_York", "--day", day[1], "--week", "--format", "md")
	if !strings.Contains(md, "## Days") || !strings.Contains(md, "|---|") {
		t.Errorf("markdown week report:\n%s", md)
	}
	port := freePort(t)
	d := startDaemon(t, data, port)
	srv := run(t, true, "report", "--server", d.url, "--tz", "America/New_York", "--day", day[1], "--format", "json")
	var rep2 flow.Report
	if err := json.Unmarshal([]byte(srv), &rep2); err != nil || rep2.Summary.Measures.Switches != rep.Summary.Measures.Switches {
		t.Errorf("report over the server: %v; switches %d, want %d", err, rep2.Summary.Measures.Switches, rep.Summary.Measures.Switches)
	}
}

func TestReportErrors(t *testing.T) {
	empty := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--data", empty}, "attnflow demo"},
		{[]string{"report", "--data", empty, "--format", "pdf"}, "text, md or json"},
		{[]string{"report", "--data", empty, "--tz", "Nowhere/City"}, "tz"},
		{[]string{"demo", "--persona", "astronaut", "--serve=false", "--data", empty}, "developer"},
		{[]string{"demo", "--weeks", "0", "--serve=false", "--data", empty}, "weeks"},
	} {
		if out := run(t, false, tt.args...); !strings.Contains(out, tt.want) {
			t.Errorf("attnflow %s: output %q, want it to mention %q", strings.Join(tt.args, " "), out, tt.want)
		}
	}
}
