package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestGazeStreamCommand sends a Tobii export to a running attnflow and
// reads it back classified.
func TestGazeStreamCommand(t *testing.T) {
	d := startDaemon(t, t.TempDir(), freePort(t))
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs([]string{"gaze", "stream", "../../gaze/formats/testdata/tobii_prolab.tsv", "--server", d.url,
		"--session", "t1", "--start", "2026-03-03T09:00:00Z", "--screen-mm", "530x300", "--distance-mm", "650"})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("gaze stream: %v", err)
	}
	if !strings.Contains(out.String(), "as session \"t1\"") {
		t.Errorf("output %q", out.String())
	}
	resp, err := http.Get(d.url + "/api/v1/gaze/labels?session=t1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"label":"`) || !strings.Contains(string(body), `"t":1772528400`) {
		t.Errorf("labels: %d %s; want labelled samples from 2026-03-03T09:00:00Z", resp.StatusCode, body)
	}
	root = newRootCmd()
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	root.SetArgs([]string{"gaze", "stream", "../../gaze/formats/testdata/tobii_prolab.tsv", "--server", d.url, "--session", "t2", "--start", "yesterday"})
	if err := root.Execute(); err == nil || !strings.Contains(err.Error(), "RFC 3339") {
		t.Errorf("bad --start: error %v, want one naming RFC 3339", err)
	}
}
