package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/watch/x11/x11test"
)

// TestUpRecordsTheDesktop runs "attnflow up" — the main job — on a real X
// server and checks that the focused window and AFK status arrive in the
// embedded store and are served over the ActivityWatch API.
func TestUpRecordsTheDesktop(t *testing.T) {
	display := x11test.StartXvfb(t)
	x11test.StartWM(t, display)
	c := x11test.Dial(t, display)
	win := x11test.NewWindow(t, c, "AttnUp", "quarterly report — draft", "")
	x11test.Activate(t, display, win)
	up := startUp(t, display, "")

	ctx := context.Background()
	waitFor(t, 20*time.Second, func() bool {
		events, err := up.client.Events(ctx, "aw-watcher-window_"+up.host, attnflow.EventFilter{Limit: -1})
		return err == nil && len(events) > 0 && events[0].Data["app"] == "AttnUp" && events[0].Data["title"] == "quarterly report — draft"
	})
	afk, err := up.client.Events(ctx, "aw-watcher-afk_"+up.host, attnflow.EventFilter{Limit: -1})
	if err != nil || len(afk) == 0 {
		t.Errorf("AFK bucket: %v events, err %v", len(afk), err)
	}
}

// upProcess is a running "attnflow up" on an X display.
type upProcess struct {
	cmd    *exec.Cmd
	dir    string
	host   string
	client *server.Client
	logs   *bytes.Buffer
}

// startUp runs "attnflow up" on display with fast watcher settings plus
// extraWatch lines in the [watch] section, and stops it when the test ends.
func startUp(t *testing.T, display, extraWatch string) *upProcess {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("[watch]\npoll = \"200ms\"\ninput_bin = \"1s\"\n"+extraWatch), 0o600)
	cmd := exec.Command(binPath, "up", "--data", dir, "--port", fmt.Sprint(port), "--config", cfg)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	logs := &bytes.Buffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("attnflow up output:\n%s", logs.String())
		}
	})
	host, _ := os.Hostname()
	return &upProcess{cmd: cmd, dir: dir, host: host, logs: logs,
		client: server.NewClient(fmt.Sprintf("http://127.0.0.1:%d", port), "", nil)}
}
