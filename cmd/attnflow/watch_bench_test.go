package main

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/watchtest"
	"github.com/attnflow/attnflow/watch/x11/x11test"
)

// BenchmarkWatchFootprint measures the resident memory and CPU of the
// real "attnflow watch" binary running all three watchers under Xvfb and
// openbox while xdotool types at 300 keys/min, moves the pointer and
// switches windows every 10 s, polled at 1 s. Run it with
//
//	go test -run '^$' -bench WatchFootprint -benchtime 1x ./cmd/attnflow/
//
// ATTNFLOW_BENCH_SECONDS sets the duration (default 60).
func BenchmarkWatchFootprint(b *testing.B) {
	secs := 60
	if s, err := strconv.Atoi(os.Getenv("ATTNFLOW_BENCH_SECONDS")); err == nil && s > 0 {
		secs = s
	}
	bin := binPath // built by TestMain
	tb := testing.TB(b)
	display := x11test.StartXvfb(tb)
	x11test.StartWM(tb, display)
	c := x11test.Dial(tb, display)
	wins := []x11test.Window{
		x11test.NewWindow(tb, c, "BenchEditor", "main.go — attnflow", ""),
		x11test.NewWindow(tb, c, "BenchBrowser", "Docs — Mozilla Firefox", ""),
	}
	x11test.Activate(tb, display, wins[0])
	fake := watchtest.NewServer()
	srv := httptest.NewServer(fake)
	defer srv.Close()

	for range b.N {
		cmd := exec.Command(bin, "watch", "--server", srv.URL, "--queue", filepath.Join(b.TempDir(), "q.jsonl"))
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "GODEBUG=gctrace=1")
		var gctrace strings.Builder
		cmd.Stderr = &gctrace
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		time.Sleep(2 * time.Second) // start-up
		cpu0 := cpuTicks(b, cmd.Process.Pid)
		start := time.Now()
		for i := 0; time.Since(start) < time.Duration(secs)*time.Second; i++ {
			x11test.Activate(tb, display, wins[i%2])
			// 49 keys, one per 200 ms (xdotool splits --delay between key
			// down and up) = 300 keys/min for 10 s, with a pointer move.
			x11test.Xdotool(tb, display, "mousemove", strconv.Itoa(100+i*10), "200", "type", "--delay", "400",
				"the quick brown fox jumps over the lazy dog again")
		}
		elapsed := time.Since(start)
		cpu := float64(cpuTicks(b, cmd.Process.Pid)-cpu0) / 100 / elapsed.Seconds() * 100
		rss, hwm := memKB(b, cmd.Process.Pid, "VmRSS:"), memKB(b, cmd.Process.Pid, "VmHWM:")
		anon := memKB(b, cmd.Process.Pid, "RssAnon:") // heap and stacks; the rest is the binary's file pages
		cmd.Process.Kill()
		cmd.Wait()
		host, _ := os.Hostname()
		var counts []int
		for _, prefix := range []string{watch.WindowBucketPrefix, watch.AFKBucketPrefix, watch.InputBucketPrefix} {
			counts = append(counts, len(fake.Events(prefix+host)))
		}
		if slices.Contains(counts, 0) {
			b.Fatalf("events stored (window, afk, input) = %v: a watcher wrote nothing", counts)
		}
		b.Logf("events stored (window, afk, input): %v", counts)
		heap, cycles := maxLiveHeapMB(gctrace.String())
		b.ReportMetric(heap, "liveHeap-MB")
		b.ReportMetric(float64(cycles), "gc-cycles")
		b.ReportMetric(float64(rss)/1024, "RSS-MB")
		b.ReportMetric(float64(anon)/1024, "anonRSS-MB")
		b.ReportMetric(float64(hwm)/1024, "peakRSS-MB")
		b.ReportMetric(cpu, "cpu-%")
		b.Logf("over %v: RSS %.1f MB (peak %.1f MB; anonymous %.1f MB), CPU %.2f%% of one core; %d GC cycles, live heap after GC at most %.0f MB (no cycle: the heap never reached the runtime's 4 MB first target)",
			elapsed.Round(time.Second), float64(rss)/1024, float64(hwm)/1024, float64(anon)/1024, cpu, cycles, heap)
	}
}

// cpuTicks returns utime+stime of a process in clock ticks (1/100 s).
func cpuTicks(b *testing.B, pid int) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ut + st
}

// memKB reads one kB field of /proc/PID/status.
func memKB(b *testing.B, pid int, field string) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			v, _ := strconv.ParseInt(strings.Fields(rest)[0], 10, 64)
			return v
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// maxLiveHeapMB returns the largest live heap after a collection in a
// GODEBUG=gctrace=1 log ("gc 3 @1.2s 0%: ... 4->4->2 MB, ..."; the third
// number), in MB, and the number of collections.
func maxLiveHeapMB(log string) (float64, int) {
	best, cycles := 0.0, 0
	for _, line := range strings.Split(log, "\n") {
		_, rest, ok := strings.Cut(line, "->")
		if !strings.HasPrefix(line, "gc ") || !ok {
			continue
		}
		cycles++
		_, rest, _ = strings.Cut(rest, "->")
		live, _, _ := strings.Cut(rest, " ")
		if v, err := strconv.ParseFloat(live, 64); err == nil && v > best {
			best = v
		}
	}
	return best, cycles
}
