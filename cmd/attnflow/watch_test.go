package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/watchtest"
	"github.com/attnflow/attnflow/watch/x11/x11test"
)

// startWatch runs the built binary's "attnflow watch" with args.
func startWatch(t *testing.T, display string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"watch"}, args...)...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start attnflow watch: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("attnflow watch output:\n%s", out.String())
		}
	})
	return cmd
}

// TestWatchSurvivesKillWhileServerDown runs attnflow watch against a server
// that is down, kills it (SIGKILL), starts it again, brings the server
// back, and checks that what the first process captured arrived — and
// that the queue file on disk never held a secret or a key.
func TestWatchSurvivesKillWhileServerDown(t *testing.T) {
	display := x11test.StartXvfb(t)
	x11test.StartWM(t, display)
	c := x11test.Dial(t, display)
	win := x11test.NewWindow(t, c, "AttnCmd", "report.md — ann@example.com", "")
	x11test.Activate(t, display, win)

	fake := watchtest.NewServer()
	fake.SetDown(true)
	srv := httptest.NewServer(fake)
	defer srv.Close()
	queue := filepath.Join(t.TempDir(), "queue.jsonl")
	args := []string{"--server", srv.URL, "--queue", queue, "--poll", "100ms", "--bin", "300ms", "--afk-timeout", "1m"}

	first := startWatch(t, display, args...)
	x11test.WaitFor(t, "the first watcher to queue its buckets", func() bool { return strings.Contains(readFile(queue), watch.InputBucketPrefix) })
	time.Sleep(500 * time.Millisecond) // RECORD starts right after the bucket
	x11test.Xdotool(t, display, "type", "--delay", "30", "abcde")
	x11test.WaitFor(t, "the typed keys in the queue", func() bool { return queuedPresses(t, queue) == 5 })
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	killedAt := time.Now()
	// What waits on disk is already redacted and holds no key identity.
	onDisk := readFile(queue)
	if !strings.Contains(onDisk, "report.md — [redacted]") {
		t.Fatalf("queue file after the kill lacks the redacted title:\n%s", onDisk)
	}
	for _, leak := range []string{"ann@example.com", "abcde"} {
		if strings.Contains(onDisk, leak) {
			t.Errorf("queue file contains %q", leak)
		}
	}

	startWatch(t, display, args...)
	time.Sleep(500 * time.Millisecond)
	fake.SetDown(false)
	host, _ := os.Hostname()
	winID, inputID := watch.WindowBucketPrefix+host, watch.InputBucketPrefix+host
	x11test.WaitFor(t, "the first watcher's keys on the server", func() bool { return presses(fake.Events(inputID)) >= 5 })
	x11test.Xdotool(t, display, "type", "--delay", "30", "fgh")
	x11test.WaitFor(t, "the second watcher's keys on the server", func() bool { return presses(fake.Events(inputID)) >= 8 })
	if got := presses(fake.Events(inputID)); got != 8 {
		t.Errorf("key presses stored = %d, want 8 (5 before the kill, 3 after)", got)
	}
	evs := fake.Events(winID)
	if len(evs) == 0 || evs[0].Data["app"] != "AttnCmd" || !evs[0].Timestamp.Before(killedAt) {
		t.Errorf("window events = %v, want the first watcher's AttnCmd window first", evs)
	}
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// queuedPresses sums the key presses of the input bins in a queue file.
func queuedPresses(t *testing.T, path string) int {
	t.Helper()
	n := 0
	for _, line := range strings.Split(readFile(path), "\n") {
		var l struct {
			Op *watch.Op `json:"op"`
		}
		if json.Unmarshal([]byte(line), &l) != nil || l.Op == nil || l.Op.Kind != watch.OpInsert {
			continue
		}
		n += presses(l.Op.Events)
	}
	return n
}

func presses(evs []attnflow.Event) int {
	n := 0
	for _, e := range evs {
		switch v := e.Data["presses"].(type) {
		case float64:
			n += int(v)
		case int:
			n += v
		}
	}
	return n
}
