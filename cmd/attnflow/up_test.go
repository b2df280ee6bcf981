package main

import (
	"bufio"
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

	dir := t.TempDir()
	port := freePort(t)
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("[watch]\npoll = \"200ms\"\ninput_bin = \"1s\"\n"), 0o600)
	cmd := exec.Command(binPath, "up", "--data", dir, "--port", fmt.Sprint(port), "--config", cfg)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logs []string
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs = append(logs, sc.Text())
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("attnflow up output: %q", logs)
		}
	})
	host, _ := os.Hostname()
	cl := server.NewClient(fmt.Sprintf("http://127.0.0.1:%d", port), "", nil)
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for {
		events, err := cl.Events(ctx, "aw-watcher-window_"+host, attnflow.EventFilter{Limit: -1})
		if err == nil && len(events) > 0 && events[0].Data["app"] == "AttnUp" {
			if events[0].Data["title"] != "quarterly report — draft" {
				t.Errorf("title = %q", events[0].Data["title"])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window event for AttnUp after 20 s (last: %v, %v)", events, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	afk, err := cl.Events(ctx, "aw-watcher-afk_"+host, attnflow.EventFilter{Limit: -1})
	if err != nil || len(afk) == 0 {
		t.Errorf("AFK bucket: %v events, err %v", len(afk), err)
	}
}
