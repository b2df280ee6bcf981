package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/bench"
	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

func newBenchCmd() *cobra.Command {
	var (
		dur    time.Duration
		events int
		format string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure ingest speed, memory and disk use against this machine's ceiling",
		Long: `bench starts two child processes on loopback — a bare HTTP handler that only
decodes and echoes a heartbeat (this machine's ceiling) and a real "attnflow
serve" on a temporary store — and measures them side by side:

  heartbeats/s from one sequential client and from four concurrent clients to
  four buckets, on the merge path and the new-event path, as a share of the
  bare handler's rate; bulk-insert events/s; the server's resident memory
  after ingesting --events window events; bytes of disk per event.

Absolute rates drift with the machine's load; the ratios are the targets.`,
		Example: `  attnflow bench
  attnflow bench --duration 3s --events 200000 --format md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), cmd.OutOrStdout(), dur, events, format)
		},
	}
	cmd.Flags().DurationVar(&dur, "duration", 5*time.Second, "how long each heartbeat load runs")
	cmd.Flags().IntVar(&events, "events", 1_000_000, "window events to bulk-insert for the memory and disk figures")
	cmd.Flags().StringVar(&format, "format", "text", "output: text or md")
	cmd.AddCommand(newBenchBareCmd())
	return cmd
}

func newBenchBareCmd() *cobra.Command {
	var port int
	cmd := &cobra.Command{
		Use:    "bare",
		Short:  "Serve the bare reference heartbeat handler (used by attnflow bench)",
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srv := &http.Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), Handler: bench.BareHandler()}
			go func() { <-cmd.Context().Done(); srv.Close() }()
			if err := srv.ListenAndServe(); err != http.ErrServerClosed {
				return err
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&port, "port", 5699, "port")
	return cmd
}

// child is a process started by bench.
type child struct {
	cmd *exec.Cmd
	url string
}

func startChild(ctx context.Context, port int, args ...string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %v: %w", args, err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return &child{cmd: cmd, url: "http://" + addr}, nil
		}
	}
	cmd.Process.Kill()
	return nil, fmt.Errorf("%v did not start listening on %s", args, addr)
}

func (c *child) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}

func pickPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// benchRow is one line of the report.
type benchRow struct {
	name, value, target string
	ok                  bool
}

func runBench(ctx context.Context, out io.Writer, dur time.Duration, events int, format string) error {
	dir, err := os.MkdirTemp("", "attnflow-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfgPath := filepath.Join(dir, "empty.toml")
	if err := os.WriteFile(cfgPath, nil, 0o600); err != nil {
		return err
	}
	pBare, _ := pickPort()
	pAF, _ := pickPort()
	bare, err := startChild(ctx, pBare, "bench", "bare", "--port", fmt.Sprint(pBare))
	if err != nil {
		return err
	}
	defer bare.stop()
	af, err := startChild(ctx, pAF, "serve", "--config", cfgPath, "--data", dir, "--port", fmt.Sprint(pAF), "--log-level", "error")
	if err != nil {
		return err
	}
	defer af.stop()
	cl := server.NewClient(af.url, "", nil)
	buckets := []string{"bench-0", "bench-1", "bench-2", "bench-3"}
	for _, b := range append(buckets, "bench-window") {
		if err := cl.CreateBucket(ctx, attnflow.Bucket{ID: b, Type: "currentwindow", Client: "bench", Hostname: "bench"}); err != nil {
			return err
		}
	}
	var rows []benchRow
	for _, workers := range []int{1, 4} {
		for _, mode := range []bench.Mode{bench.Merge, bench.New} {
			progress("heartbeats: %d client(s), %s path", workers, mode)
			ref := bench.Heartbeats(ctx, bare.url, buckets, workers, mode, dur)
			got := bench.Heartbeats(ctx, af.url, buckets, workers, mode, dur)
			want := 0.85
			if workers > 1 {
				want = 0.75
			}
			ratio := got.Rate() / ref.Rate()
			rows = append(rows, benchRow{
				name:   fmt.Sprintf("heartbeats, %d client(s), %s path", workers, mode),
				value:  fmt.Sprintf("%.0f/s vs bare %.0f/s = %.0f%% (errors %d)", got.Rate(), ref.Rate(), 100*ratio, got.Errors),
				target: fmt.Sprintf("≥ %.0f%%", 100*want), ok: ratio >= want && got.Errors == 0,
			})
		}
	}
	before, _ := bench.DirSize(dir, "attnflow.db")
	res, err := bench.BulkInsert(ctx, af.url, "bench-window", events, 1000, func(done int) {
		if done%100_000 == 0 || done == events {
			progress("bulk insert: %d/%d events", done, events)
		}
	})
	if err != nil {
		return err
	}
	rows = append(rows, benchRow{name: "bulk insert over HTTP (1000/request)", value: fmt.Sprintf("%.0f events/s", res.Rate()), target: "≥ 100000/s", ok: res.Rate() >= 100_000})
	rss, peak, err := bench.RSS(af.cmd.Process.Pid)
	if err != nil {
		return err
	}
	rows = append(rows, benchRow{name: fmt.Sprintf("server RSS after %d events", events), value: fmt.Sprintf("%.1f MB (peak %.1f MB)", float64(rss)/1e6, float64(peak)/1e6), target: "< 40 MB", ok: rss < 40e6})
	af.stop()
	after, _ := bench.DirSize(dir, "attnflow.db")
	perEvent := float64(after-before) / float64(events)
	rows = append(rows, benchRow{name: "disk per window event", value: fmt.Sprintf("%.0f bytes", perEvent), target: "≤ 150 bytes", ok: perEvent <= 150})
	printBench(out, rows, format)
	return nil
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func printBench(out io.Writer, rows []benchRow, format string) {
	mark := map[bool]string{true: "ok", false: "MISSED"}
	if format == "md" {
		fmt.Fprintln(out, "| measure | result | target | |")
		fmt.Fprintln(out, "|---|---|---|---|")
		for _, r := range rows {
			fmt.Fprintf(out, "| %s | %s | %s | %s |\n", r.name, r.value, r.target, mark[r.ok])
		}
		return
	}
	for _, r := range rows {
		fmt.Fprintf(out, "%-42s %-50s %-12s %s\n", r.name, r.value, r.target, mark[r.ok])
	}
}
