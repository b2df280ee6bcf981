package query_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/eval/*.test with current results")

// defaultPeriod is the period of every eval case without a "--- period".
const defaultPeriod = "2026-01-01T00:00:00+00:00/2026-01-02T00:00:00+00:00"

// evalCase is one case of a testdata/eval/*.test file:
//
//	=== name
//	--- period            (optional)
//	start/end
//	--- query
//	...
//	--- want              (JSON)
//	...
//	--- error             (instead of want: kind, position, message part)
//	QueryParseError 2:5 expected
type evalCase struct {
	name     string
	sections map[string]string
	order    []string
}

func readCases(t *testing.T, path string) []*evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []*evalCase
	var cur *evalCase
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			cur = &evalCase{name: strings.TrimPrefix(line, "=== "), sections: map[string]string{}}
			cases = append(cases, cur)
			section = ""
		case strings.HasPrefix(line, "--- ") && cur != nil:
			section = strings.TrimPrefix(line, "--- ")
			cur.order = append(cur.order, section)
		case cur != nil && section != "":
			cur.sections[section] += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func writeCases(t *testing.T, path string, cases []*evalCase) {
	t.Helper()
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("=== " + c.name + "\n")
		for _, s := range c.order {
			b.WriteString("--- " + s + "\n")
			b.WriteString(strings.TrimRight(c.sections[s], "\n") + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadSource reads testdata/buckets.json (ActivityWatch export form).
func loadSource(t testing.TB) *query.MemorySource {
	t.Helper()
	b, err := os.ReadFile("testdata/buckets.json")
	if err != nil {
		t.Fatal(err)
	}
	var export struct {
		Buckets map[string]struct {
			ID, Type, Client, Hostname string
			Events                     []attnflow.Event
		}
	}
	if err := json.Unmarshal(b, &export); err != nil {
		t.Fatal(err)
	}
	src := query.NewMemorySource()
	for id, bk := range export.Buckets {
		src.Add(attnflow.Bucket{ID: id, Type: bk.Type, Client: bk.Client, Hostname: bk.Hostname}, bk.Events)
	}
	return src
}

func normJSON(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("invalid JSON %q: %v", b, err)
	}
	out, _ := json.MarshalIndent(v, "", " ")
	return string(out)
}

func compactJSON(b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return string(b)
	}
	return buf.String()
}

// TestEval runs every case of testdata/eval/*.test against the buckets of
// testdata/buckets.json.
func TestEval(t *testing.T) {
	src := loadSource(t)
	files, _ := filepath.Glob("testdata/eval/*.test")
	if len(files) == 0 {
		t.Fatal("no testdata/eval/*.test files")
	}
	for _, file := range files {
		cases := readCases(t, file)
		for _, c := range cases {
			t.Run(filepath.Base(file)+"/"+c.name, func(t *testing.T) { runCase(t, src, c) })
		}
		if *update {
			writeCases(t, file, cases)
		}
	}
}

func runCase(t *testing.T, src query.Source, c *evalCase) {
	period := strings.TrimSpace(c.sections["period"])
	if period == "" {
		period = defaultPeriod
	}
	tr, err := attnflow.ParseTimeRange(period)
	if err != nil {
		t.Fatal(err)
	}
	got, err := compileAndRun(src, c.sections["query"], tr)
	if want, ok := c.sections["error"]; ok {
		checkError(t, err, strings.TrimSpace(want))
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	gotJSON, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("result does not marshal: %v", err)
	}
	if *update {
		c.sections["want"] = compactJSON(gotJSON) + "\n"
		if !contains(c.order, "want") {
			c.order = append(c.order, "want")
		}
		return
	}
	if normJSON(t, gotJSON) != normJSON(t, []byte(c.sections["want"])) {
		t.Errorf("\n got: %s\nwant: %s", compactJSON(gotJSON), strings.TrimSpace(c.sections["want"]))
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func compileAndRun(src query.Source, text string, tr attnflow.TimeRange) (any, error) {
	p, err := query.Compile(text)
	if err != nil {
		return nil, err
	}
	return p.Run(context.Background(), src, tr, query.Options{Name: "test"})
}

// checkError compares err with "Kind line:col message-part" (position "-"
// for none).
func checkError(t *testing.T, err error, want string) {
	t.Helper()
	parts := strings.SplitN(want, " ", 3)
	if len(parts) < 3 {
		t.Fatalf("bad error spec %q", want)
	}
	var qe *query.Error
	if !errors.As(err, &qe) {
		t.Fatalf("error = %v, want a *query.Error %s", err, want)
	}
	pos := qe.Pos.String()
	if qe.Pos.Line == 0 {
		pos = "-"
	}
	if qe.Kind != parts[0] || pos != parts[1] || !strings.Contains(qe.Msg, parts[2]) {
		t.Errorf("error = %s %s %q, want %s %s containing %q", qe.Kind, pos, qe.Msg, parts[0], parts[1], parts[2])
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
