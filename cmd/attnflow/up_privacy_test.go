package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/watch/x11/x11test"
)

// TestUpRedactsBeforeStoring runs "attnflow up" with privacy rules on a
// real X server, shows it a secret title, an excluded app and typed text,
// and then searches the database files themselves: none of the secrets,
// and no typed character, may be anywhere on disk.
func TestUpRedactsBeforeStoring(t *testing.T) {
	display := x11test.StartXvfb(t)
	x11test.StartWM(t, display)
	c := x11test.Dial(t, display)
	work := x11test.NewWindow(t, c, "AttnWork", "Invoice for Zebrafish Ltd — token sk_live_4f9a8b7c6d5e4f3a2b1c", "")
	vault := x11test.NewWindow(t, c, "Vaultapp", "bank PIN 4242 in the vault", "")
	x11test.Activate(t, display, work)

	up := startUp(t, display, "redact_titles = [\"Zebrafish\"]\nexclude_apps = [\"^Vaultapp$\"]\n")
	cl, host, dir, cmd := up.client, up.host, up.dir, up.cmd
	waitFor(t, 20*time.Second, func() bool {
		ev, err := cl.Events(context.Background(), "aw-watcher-window_"+host, attnflow.EventFilter{Limit: -1})
		return err == nil && len(ev) > 0 && ev[0].Data["app"] == "AttnWork"
	})
	x11test.Xdotool(t, display, "type", "--delay", "30", "hunter2 correct horse")
	x11test.Activate(t, display, vault)
	time.Sleep(1500 * time.Millisecond)
	x11test.Activate(t, display, work)
	waitFor(t, 20*time.Second, func() bool {
		ev, err := cl.Events(context.Background(), "aw-watcher-input_"+host, attnflow.EventFilter{Limit: -1})
		if err != nil {
			return false
		}
		for _, e := range ev {
			if n, _ := e.Data["presses"].(float64); n > 0 {
				return true
			}
		}
		return false
	})
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()

	var disk []byte
	for _, name := range []string{storeFile, storeFile + "-wal", storeFile + "-shm"} {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		disk = append(disk, b...)
	}
	if len(disk) == 0 {
		t.Fatal("no database files found")
	}
	for _, secret := range []string{"Zebrafish", "sk_live_4f9a8b7c6d5e4f3a2b1c", "Vaultapp", "PIN 4242", "hunter2", "correct horse"} {
		if bytes.Contains(disk, []byte(secret)) {
			t.Errorf("%q is in the database files", secret)
		}
	}
	if !bytes.Contains(disk, []byte("[redacted]")) || !bytes.Contains(disk, []byte("AttnWork")) {
		t.Errorf("the redacted window is not in the database files (logs: %s)", up.logs.String())
	}
}

func waitFor(t *testing.T, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", d)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
