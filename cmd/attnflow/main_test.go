package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/server"
)

// binPath is the attnflow binary built once for the end-to-end tests.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "attnflow-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "attnflow")
	out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build attnflow: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// daemon is a running attnflow process.
type daemon struct {
	cmd *exec.Cmd
	url string
}

// startDaemon runs "attnflow serve" on dataDir and waits until it answers.
func startDaemon(t *testing.T, dataDir string, port int, args ...string) *daemon {
	t.Helper()
	all := append([]string{"serve", "--data", dataDir, "--port", fmt.Sprint(port), "--config", filepath.Join(dataDir, "none.toml")}, args...)
	os.WriteFile(filepath.Join(dataDir, "none.toml"), nil, 0o600)
	cmd := exec.Command(binPath, all...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { // drain logs
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
		}
	}()
	d := &daemon{cmd: cmd, url: fmt.Sprintf("http://127.0.0.1:%d", port)}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	c := server.NewClient(d.url, "", nil)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := c.Info(context.Background()); err == nil {
			return d
		}
		if time.Now().After(deadline) {
			t.Fatalf("attnflow did not start answering on %s", d.url)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestKill9LosesNothingAcknowledged kills the server with SIGKILL in the
// middle of a write load and checks that every acknowledged write is there
// after a restart.
func TestKill9LosesNothingAcknowledged(t *testing.T) {
	dir := t.TempDir()
	port := freePort(t)
	d := startDaemon(t, dir, port)
	ctx := context.Background()
	c := server.NewClient(d.url, "", nil)
	for _, b := range []string{"hb", "ins"} {
		if err := c.CreateBucket(ctx, attnflow.Bucket{ID: b, Type: "t", Client: "test", Hostname: "h"}); err != nil {
			t.Fatal(err)
		}
	}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	ackedHB := map[int64]time.Duration{} // id -> longest acknowledged duration
	ackedIns := map[int64]bool{}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	worker := func(w int) {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Heartbeats: a new event every 5th, merges in between.
			hb := attnflow.Event{Timestamp: base.Add(time.Duration(w*1_000_000+i) * time.Second), Data: attnflow.Data{"w": w, "g": i / 5}}
			if e, err := c.Heartbeat(ctx, "hb", hb, 2*time.Second); err == nil {
				mu.Lock()
				if e.Duration >= ackedHB[e.ID] {
					ackedHB[e.ID] = e.Duration
				}
				mu.Unlock()
			}
			batch := []attnflow.Event{{Timestamp: hb.Timestamp, Duration: time.Second, Data: attnflow.Data{"w": w, "i": i}}}
			if stored, err := c.InsertEvents(ctx, "ins", batch); err == nil {
				mu.Lock()
				for _, e := range stored {
					ackedIns[e.ID] = true
				}
				mu.Unlock()
			}
		}
	}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go worker(w)
	}
	time.Sleep(700 * time.Millisecond)
	if err := d.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	d.cmd.Wait()
	close(stop)
	wg.Wait()
	if len(ackedHB) < 10 || len(ackedIns) < 10 {
		t.Fatalf("load too small to mean anything: %d heartbeat events, %d inserts", len(ackedHB), len(ackedIns))
	}

	d2 := startDaemon(t, dir, freePort(t))
	c2 := server.NewClient(d2.url, "", nil)
	got, err := c2.Events(ctx, "hb", attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]time.Duration{}
	for _, e := range got {
		have[e.ID] = e.Duration
	}
	for id, dur := range ackedHB {
		if h, ok := have[id]; !ok || h < dur {
			t.Errorf("heartbeat event %d: acknowledged with duration %v, after kill -9 found %v (present %v)", id, dur, h, ok)
		}
	}
	ins, err := c2.Events(ctx, "ins", attnflow.EventFilter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	haveIns := map[int64]bool{}
	for _, e := range ins {
		haveIns[e.ID] = true
	}
	for id := range ackedIns {
		if !haveIns[id] {
			t.Errorf("inserted event %d was acknowledged but lost after kill -9", id)
		}
	}
	t.Logf("kill -9 after %d acknowledged heartbeat events and %d inserts: all present", len(ackedHB), len(ackedIns))
}

func TestPortInUseSaysSo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	out, err := exec.Command(binPath, "serve", "--data", dir, "--port", fmt.Sprint(port)).CombinedOutput()
	if err == nil {
		t.Fatal("serve on a taken port succeeded")
	}
	if !strings.Contains(string(out), "already in use") || !strings.Contains(string(out), "--port") {
		t.Errorf("output = %s, want it to say the port is in use and suggest --port", out)
	}
}

func TestStatus(t *testing.T) {
	dir := t.TempDir()
	port := freePort(t)
	out, _ := exec.Command(binPath, "status", "--data", dir, "--port", fmt.Sprint(port)).CombinedOutput()
	if !strings.Contains(string(out), "not running") {
		t.Errorf("status without server = %s", out)
	}
	startDaemon(t, dir, port)
	out, err := exec.Command(binPath, "status", "--data", dir, "--port", fmt.Sprint(port)).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "running at") || !strings.Contains(string(out), dir) {
		t.Errorf("status = %s (%v)", out, err)
	}
}

func TestBadConfigIsExplained(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("[server]\nprot = 5600\n"), 0o600)
	out, err := exec.Command(binPath, "status", "--config", cfg).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "prot") {
		t.Errorf("unknown key: %s (%v), want an error naming it", out, err)
	}
}
