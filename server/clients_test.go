package server_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/attnflow/attnflow/server"
)

// requireTool fails under CI=true when a prerequisite is missing, and
// skips with a message otherwise.
func requireTool(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("prerequisite missing: %s (scripts/test installs it)", what)
	}
	t.Skipf("prerequisite missing: %s; run scripts/test to install it", what)
}

// TestActivityWatchJSClient runs ActivityWatch's own JavaScript client,
// unchanged, against a real attnflow server.
func TestActivityWatchJSClient(t *testing.T) {
	_, err := exec.LookPath("node")
	requireTool(t, err == nil, "node")
	dir := filepath.Join("testdata", "awclient-js")
	_, err = os.Stat(filepath.Join(dir, "node_modules", "aw-client"))
	requireTool(t, err == nil, "aw-client npm package (npm ci in "+dir+")")

	s := newTestServer(t, server.Config{Testing: true})
	out, err := exec.Command("node", filepath.Join(dir, "test.mjs"), s.url).CombinedOutput()
	if err != nil {
		t.Fatalf("aw-client-js against attnflow: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
