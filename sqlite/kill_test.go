package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// childEnv names the store path a re-executed test binary writes to;
// childModeEnv "heartbeats" makes it send heartbeats only, so that what it
// acknowledges is in the heartbeat log alone when it is killed.
const (
	childEnv     = "ATTNFLOW_STORE_KILL_CHILD"
	childModeEnv = "ATTNFLOW_STORE_KILL_MODE"
)

// TestMain lets the test binary act as the writer that TestKillLosesNothing
// kills.
func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		if err := runKillChild(path, os.Getenv(childModeEnv) == "heartbeats"); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runKillChild writes heartbeats and single inserts forever, printing
// "ack ID DURATION_NS" after each call returned.
func runKillChild(path string, heartbeatsOnly bool) error {
	ctx := context.Background()
	db, err := Open(ctx, path, nil, Options{})
	if err != nil {
		return err
	}
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "b"}); err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		ts := t0.Add(time.Duration(i) * time.Second)
		var e attnflow.Event
		if heartbeatsOnly {
			data := attnflow.Data{"app": fmt.Sprint(i / 7)} // a new event every 7th
			if e, err = db.Heartbeat(ctx, "b", attnflow.Event{Timestamp: ts, Data: data}, 2*time.Second); err != nil {
				return err
			}
		} else if i%3 == 0 {
			evs, err := db.InsertEvents(ctx, "b", []attnflow.Event{{Timestamp: ts, Data: attnflow.Data{"i": i}}})
			if err != nil {
				return err
			}
			e = evs[0]
		} else if e, err = db.Heartbeat(ctx, "b", attnflow.Event{Timestamp: ts, Data: attnflow.Data{"app": "x"}}, 2*time.Second); err != nil {
			return err
		}
		fmt.Fprintf(out, "ack %d %d\n", e.ID, e.Duration)
		if err := out.Flush(); err != nil {
			return err
		}
	}
}

// startWriterChild starts the test binary as a process writing to the
// store at path and returns it with its acknowledgements.
func startWriterChild(t *testing.T, path string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), exe, "-test.run", "^$")
	cmd.Env = append(append(os.Environ(), childEnv+"="+path), env...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stdout)
}

// TestSecondProcessRefused: while one process has the store open, another
// gets ECONFLICT (the store holds its file exclusively), and gets in once
// the first has gone.
func TestSecondProcessRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "excl.db")
	cmd, sc := startWriterChild(t, path)
	if !sc.Scan() {
		t.Fatalf("child wrote nothing: %v", sc.Err())
	}
	start := time.Now()
	_, err := Open(t.Context(), path, nil, Options{BusyTimeoutMS: 50})
	t.Logf("refused after %v", time.Since(start))
	if got := attnflow.ErrorCode(err); got != attnflow.ECONFLICT {
		t.Errorf("open while another process holds the store: code %q (%v), want %q", got, err, attnflow.ECONFLICT)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	db := openAt(t, path)
	defer db.Close()
	if n, err := db.CountEvents(t.Context(), "b", attnflow.TimeRange{}); err != nil || n == 0 {
		t.Errorf("after the child died: %d events, %v; want some", n, err)
	}
}

// TestKillLosesNothing kills a writing process with SIGKILL and checks that
// every write it had acknowledged is in the store: inserts and heartbeats
// mixed, and heartbeats alone (acknowledged from the heartbeat log).
func TestKillLosesNothing(t *testing.T) {
	for _, mode := range []string{"mixed", "heartbeats"} {
		t.Run(mode, func(t *testing.T) { testKill(t, mode) })
	}
}

func testKill(t *testing.T, mode string) {
	path := filepath.Join(t.TempDir(), "kill.db")
	cmd, sc := startWriterChild(t, path, childModeEnv+"="+mode)
	acked := map[int64]time.Duration{} // id → longest acknowledged duration
	for len(acked) < 200 && sc.Scan() {
		f := strings.Fields(sc.Text())
		id, _ := strconv.ParseInt(f[1], 10, 64)
		d, _ := strconv.ParseInt(f[2], 10, 64)
		acked[id] = max(acked[id], time.Duration(d))
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(acked) < 200 {
		t.Fatalf("child acknowledged only %d events before stopping: %v", len(acked), sc.Err())
	}
	db := openAt(t, path)
	defer db.Close()
	for id, d := range acked {
		e, err := db.Event(t.Context(), "b", id)
		if err != nil {
			t.Fatalf("acknowledged event %d lost: %v", id, err)
		}
		if e.Duration < d {
			t.Fatalf("event %d: duration %v, but %v was acknowledged", id, e.Duration, d)
		}
	}
}
