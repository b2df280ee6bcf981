package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/sim"
)

var update = flag.Bool("update", false, "rewrite the golden report files in testdata/")

// goldenReport builds the report of Thursday 2026-03-12 (day) or its week
// from three simulated weeks of the developer persona (seed 5).
func goldenReport(t *testing.T, period string) flow.Report {
	t.Helper()
	p, err := sim.BuiltIn("developer")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := sim.Generate(p, sim.Options{Start: "2026-02-23", Days: 21, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(p.Timezone)
	cfg := flow.Config{Location: loc}
	h := p.Host
	in := flow.Input{Hosts: []flow.Sources{{Host: h, Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}}, Input: ds.Events[sim.InputBucket(h)]}
	dates := []string{"2026-03-12"}
	if period == "week" {
		dates, _ = flow.WeekDates("2026-03-12")
	}
	days, err := flow.ComputeDays(in, dates, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	base, err := flow.ComputeDays(in, flow.DatesBefore(dates[0], 28), nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return flow.BuildReport(period, days, base, cfg)
}

// TestReportGolden renders reports and compares them with testdata/
// (go test ./cmd/attnflow -run ReportGolden -update rewrites them).
func TestReportGolden(t *testing.T) {
	for _, tt := range []struct{ period, format, file string }{
		{"day", "text", "report_day.txt"},
		{"week", "text", "report_week.txt"},
		{"week", "md", "report_week.md"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeReport(&buf, goldenReport(t, tt.period), tt.format); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file; got:\n%s", tt.file, buf.String())
			}
		})
	}
}
