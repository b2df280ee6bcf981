package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestReportWhileUpRuns checks that the CLI can read the store while a
// server holds it: people run "attnflow report" beside "attnflow up".
func TestReportWhileUpRuns(t *testing.T) {
	dir := t.TempDir()
	port := freePort(t)
	startDaemon(t, dir, port)
	out, err := exec.Command(binPath, "report", "--data", dir, "--format", "json").CombinedOutput()
	if err != nil && strings.Contains(string(out), "in use") {
		t.Fatalf("report while the server runs: %s", out)
	}
}
