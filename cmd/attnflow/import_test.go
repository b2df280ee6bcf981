package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fixtureExport is the ActivityWatch export the awimport tests use.
var fixtureExport = filepath.Join("..", "..", "awimport", "testdata", "aw-export.json")

// runSplit runs the attnflow binary and returns its standard output and error; it fails
// the test unless the exit status matches wantOK.
func runSplit(t *testing.T, wantOK bool, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if (err == nil) != wantOK {
		t.Fatalf("attnflow %s: err %v, want ok=%v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, wantOK, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

// totalLine returns the numbers of the summary's total line.
func totalLine(t *testing.T, summary string) string {
	t.Helper()
	for _, l := range strings.Split(summary, "\n") {
		if strings.HasPrefix(l, "total ") {
			return strings.Join(strings.Fields(l)[1:], " ")
		}
	}
	t.Fatalf("no total line in:\n%s", summary)
	return ""
}

func noConfig(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "none.toml")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportTwiceThenExportRoundTrips(t *testing.T) {
	dir := t.TempDir()
	cfg := noConfig(t, dir)
	data := filepath.Join(dir, "data")
	out, errs := runSplit(t, true, "import", "activitywatch", "--config", cfg, "--data", data, fixtureExport)
	if got := totalLine(t, out); got != "10 9 1 0" {
		t.Errorf("first import total = %q, want read 10, inserted 9, duplicates 1, invalid 0:\n%s", got, out)
	}
	if !strings.Contains(errs, "importing") || !strings.Contains(errs, "10/10 events") {
		t.Errorf("no progress on stderr: %q", errs)
	}
	out, _ = runSplit(t, true, "import", "aw", "--config", cfg, "--data", data, fixtureExport)
	if got := totalLine(t, out); got != "10 0 10 0" {
		t.Errorf("second import total = %q, want nothing inserted:\n%s", got, out)
	}

	exported := filepath.Join(dir, "export.json")
	runSplit(t, true, "export", "--config", cfg, "--data", data, "-o", exported)
	other := filepath.Join(dir, "other")
	out, _ = runSplit(t, true, "import", "activitywatch", "--config", cfg, "--data", other, exported)
	if got := totalLine(t, out); got != "9 9 0 0" {
		t.Errorf("import of the export: total = %q, want 9 inserted:\n%s", got, out)
	}
	// Ids are the stores' own; everything else must survive.
	ids := regexp.MustCompile(`"id":\d+,`)
	a, _ := runSplit(t, true, "export", "--config", cfg, "--data", data, "--format", "ndjson")
	b, _ := runSplit(t, true, "export", "--config", cfg, "--data", other, "--format", "ndjson")
	a, b = ids.ReplaceAllString(a, ""), ids.ReplaceAllString(b, "")
	if strings.Count(a, "\n") != 9 || a != b {
		t.Errorf("exports differ after a round trip:\n%s\n---\n%s", a, b)
	}
}

func TestImportRefusesBadFileAndServedStore(t *testing.T) {
	dir := t.TempDir()
	cfg := noConfig(t, dir)
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(fixtureExport)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.json")
	os.WriteFile(cut, whole[:len(whole)/2], 0o600)
	_, errs := runSplit(t, false, "import", "activitywatch", "--config", cfg, "--data", data, cut)
	if !strings.Contains(errs, "truncated") {
		t.Errorf("truncated file: stderr %q, want it to say truncated", errs)
	}

	port := freePort(t)
	d := startDaemon(t, data, port)
	p := fmt.Sprint(port)
	_, errs = runSplit(t, false, "import", "activitywatch", "--config", cfg, "--data", data, "--port", p, fixtureExport)
	if !strings.Contains(errs, "--server "+d.url) {
		t.Errorf("import beside a running server: stderr %q, want advice to use --server", errs)
	}
	out, _ := runSplit(t, true, "import", "activitywatch", "--config", cfg, "--server", d.url, fixtureExport)
	if got := totalLine(t, out); got != "10 9 1 0" {
		t.Errorf("import through the server: total = %q:\n%s", got, out)
	}
	out, _ = runSplit(t, true, "import", "activitywatch", "--config", cfg, "--server", d.url, fixtureExport)
	if got := totalLine(t, out); got != "10 0 10 0" {
		t.Errorf("second import through the server: total = %q:\n%s", got, out)
	}
	csv, _ := runSplit(t, true, "export", "--config", cfg, "--server", d.url, "--format", "csv", "--bucket", "aw-watcher-afk_laptop")
	if n := strings.Count(csv, "\n"); n != 3 {
		t.Errorf("csv export through the server has %d lines, want a header and 2 events:\n%s", n, csv)
	}
}
