package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/bench"
	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

func newBenchCmd() *cobra.Command {
	var o benchOptions
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure ingest speed, memory and disk use against this machine's ceiling",
		Long: `bench starts two child processes on loopback — a bare HTTP handler that only
decodes and echoes a heartbeat (this machine's ceiling) and a real "attnflow
serve" on a temporary store — and measures them side by side:

  heartbeats/s from one sequential client and from four concurrent clients to
  four buckets, as a share of the bare handler's rate, on three paths:
    merge     each heartbeat extends the bucket's last event
    new       each heartbeat starts a new event (switching among known windows)
    new-data  each starts a new event with a title never seen before (a new
              data row too: the store's worst case)
  bulk-insert events/s; the server's resident memory after ingesting --events
  window events; bytes of disk per event.

Absolute rates drift with the machine's load; the ratios are the targets.
Each heartbeat figure is the median of --rounds rounds that alternate the two
servers.`,
		Example: `  attnflow bench
  attnflow bench --duration 3s --events 200000 --format md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), cmd.OutOrStdout(), o)
		},
	}
	cmd.Flags().DurationVar(&o.dur, "duration", 3*time.Second, "how long each heartbeat load runs")
	cmd.Flags().IntVar(&o.rounds, "rounds", 3, "side-by-side rounds per heartbeat figure; the median round is reported")
	cmd.Flags().IntVar(&o.events, "events", 1_000_000, "window events to bulk-insert for the memory and disk figures")
	cmd.Flags().StringVar(&o.format, "format", "text", "output: text or md")
	cmd.Flags().StringVar(&o.profileDir, "profile", "", "write CPU, block and mutex profiles of the servers into this directory")
	cmd.AddCommand(newBenchBareCmd())
	return cmd
}

func newBenchBareCmd() *cobra.Command {
	var (
		port       int
		cpuProfile string
	)
	cmd := &cobra.Command{
		Use:    "bare",
		Short:  "Serve the bare reference heartbeat handler (used by attnflow bench)",
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cpuProfile != "" {
				stop, err := startCPUProfile(cpuProfile)
				if err != nil {
					return err
				}
				defer stop()
			}
			srv := &http.Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), Handler: bench.BareHandler()}
			go func() { <-cmd.Context().Done(); srv.Close() }()
			if err := srv.ListenAndServe(); err != http.ErrServerClosed {
				return err
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&port, "port", 5699, "port")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	return cmd
}

// benchOptions are bench's flags.
type benchOptions struct {
	dur        time.Duration
	rounds     int
	events     int
	format     string
	profileDir string
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

// stop ends the child gracefully; stopping it twice is harmless.
func (c *child) stop() {
	if c.cmd.ProcessState != nil {
		return
	}
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

func runBench(ctx context.Context, out io.Writer, o benchOptions) error {
	if o.rounds < 1 {
		return attnflow.Errorf(attnflow.EINVALID, "--rounds %d: give at least 1", o.rounds)
	}
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
	bareArgs := []string{"bench", "bare", "--port", fmt.Sprint(pBare)}
	if o.profileDir != "" {
		bareArgs = append(bareArgs, "--cpuprofile", filepath.Join(o.profileDir, "bare.cpu"))
	}
	bare, err := startChild(ctx, pBare, bareArgs...)
	if err != nil {
		return err
	}
	defer bare.stop()
	af, err := startServe(ctx, dir, cfgPath, "hb", o.profileDir)
	if err != nil {
		return err
	}
	defer af.stop()
	buckets := []string{"bench-0", "bench-1", "bench-2", "bench-3"}
	if err := createBuckets(ctx, af.url, buckets...); err != nil {
		return err
	}
	var rows []benchRow
	clock := bench.NewClock(time.Now().Add(-30 * 24 * time.Hour))
	for _, workers := range []int{1, 4} {
		for _, mode := range bench.Modes {
			var rounds []benchRound
			for r := range o.rounds {
				progress("heartbeats: %d client(s), %s path, round %d of %d", workers, mode, r+1, o.rounds)
				var x benchRound
				x.ref, x.refCPU = measure(bare, func() bench.Result { return bench.Heartbeats(ctx, bare.url, buckets, workers, mode, o.dur, clock) })
				x.got, x.gotCPU = measure(af, func() bench.Result { return bench.Heartbeats(ctx, af.url, buckets, workers, mode, o.dur, clock) })
				rounds = append(rounds, x)
			}
			rows = append(rows, heartbeatRow(workers, mode, rounds))
		}
	}
	af.stop()
	bulk, err := benchBulk(ctx, dir, cfgPath, o)
	if err != nil {
		return err
	}
	printBench(out, append(rows, bulk...), o.format)
	return nil
}

// measure runs load and returns its result with the CPU time c used
// per request meanwhile.
func measure(c *child, load func() bench.Result) (bench.Result, time.Duration) {
	before, err1 := bench.CPUTime(c.cmd.Process.Pid)
	res := load()
	after, err2 := bench.CPUTime(c.cmd.Process.Pid)
	if err1 != nil || err2 != nil || res.Requests == 0 {
		return res, 0
	}
	return res, (after - before) / time.Duration(res.Requests)
}

// benchRound is one side-by-side measurement: the bare handler, then
// attnflow, under the same load.
type benchRound struct {
	ref, got       bench.Result
	refCPU, gotCPU time.Duration
}

// heartbeatRow reports the median round by ratio: rounds alternate the
// two servers, so that a burst of load from elsewhere on the machine
// skews one round, not the figure.
func heartbeatRow(workers int, mode bench.Mode, rounds []benchRound) benchRow {
	want := 0.85
	if workers > 1 {
		want = 0.75
	}
	ratio := func(x benchRound) float64 { return x.got.Rate() / x.ref.Rate() }
	slices.SortFunc(rounds, func(a, b benchRound) int { return cmp.Compare(ratio(a), ratio(b)) })
	med := rounds[len(rounds)/2]
	errs := 0
	for _, x := range rounds {
		errs += x.got.Errors
	}
	spread := ""
	if len(rounds) > 1 {
		spread = fmt.Sprintf(" (median of %d rounds, %.0f–%.0f%%)", len(rounds), 100*ratio(rounds[0]), 100*ratio(rounds[len(rounds)-1]))
	}
	return benchRow{
		name: fmt.Sprintf("heartbeats, %d client(s), %s path", workers, mode),
		value: fmt.Sprintf("%.0f/s vs bare %.0f/s = %.0f%%%s (errors %d); CPU/request %s vs bare %s",
			med.got.Rate(), med.ref.Rate(), 100*ratio(med), spread, errs, micros(med.gotCPU), micros(med.refCPU)),
		target: fmt.Sprintf("≥ %.0f%%", 100*want), ok: ratio(med) >= want && errs == 0,
	}
}

func micros(d time.Duration) string { return fmt.Sprintf("%.0fµs", float64(d)/1e3) }

// benchBulk bulk-inserts o.events window events into a fresh server, so
// that its memory and the store's growth are the bulk load's alone, then
// a further sample in larger batches into another bucket.
func benchBulk(ctx context.Context, dir, cfgPath string, o benchOptions) ([]benchRow, error) {
	bdir := filepath.Join(dir, "bulk")
	af, err := startServe(ctx, bdir, cfgPath, "bulk", o.profileDir)
	if err != nil {
		return nil, err
	}
	defer af.stop()
	if err := createBuckets(ctx, af.url, "bench-window", "bench-window-big"); err != nil {
		return nil, err
	}
	before, _ := bench.DirSize(bdir, "attnflow.db")
	res, cpu := measure(af, func() bench.Result {
		r, e := bench.BulkInsert(ctx, af.url, "bench-window", o.events, 1000, func(done int) {
			if done%100_000 == 0 || done == o.events {
				progress("bulk insert: %d/%d events", done, o.events)
			}
		})
		err = e
		return r
	})
	if err != nil {
		return nil, err
	}
	rss, peak, err := bench.RSS(af.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	big := min(o.events, 100_000)
	progress("bulk insert: %d events in batches of 10000", big)
	resBig, cpuBig := measure(af, func() bench.Result {
		r, e := bench.BulkInsert(ctx, af.url, "bench-window-big", big, 10_000, nil)
		err = e
		return r
	})
	if err != nil {
		return nil, err
	}
	af.stop()
	after, _ := bench.DirSize(bdir, "attnflow.db")
	perEvent := float64(after-before) / float64(o.events+big)
	return []benchRow{
		{name: "bulk insert over HTTP (1000/request)", value: fmt.Sprintf("%.0f events/s; server CPU/event %s", res.Rate(), micros(cpu)), target: "≥ 100000/s", ok: res.Rate() >= 100_000},
		{name: "bulk insert over HTTP (10000/request)", value: fmt.Sprintf("%.0f events/s; server CPU/event %s", resBig.Rate(), micros(cpuBig)), target: "≥ 100000/s", ok: resBig.Rate() >= 100_000},
		{name: fmt.Sprintf("server RSS after %d events", o.events), value: fmt.Sprintf("%.1f MB (peak %.1f MB)", float64(rss)/1e6, float64(peak)/1e6), target: "< 40 MB", ok: rss < 40e6},
		{name: "disk per window event", value: fmt.Sprintf("%.0f bytes", perEvent), target: "≤ 150 bytes", ok: perEvent <= 150},
	}, nil
}

// startServe starts "attnflow serve" on a store in dataDir, writing a CPU
// profile named for tag into profileDir if that is set.
func startServe(ctx context.Context, dataDir, cfgPath, tag, profileDir string) (*child, error) {
	port, err := pickPort()
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--config", cfgPath, "--data", dataDir, "--port", fmt.Sprint(port), "--log-level", "error"}
	if profileDir != "" {
		args = append(args, "--cpuprofile", filepath.Join(profileDir, tag+".cpu"))
	}
	return startChild(ctx, port, args...)
}

func createBuckets(ctx context.Context, url string, ids ...string) error {
	cl := server.NewClient(url, "", nil)
	for _, b := range ids {
		if err := cl.CreateBucket(ctx, attnflow.Bucket{ID: b, Type: "currentwindow", Client: "bench", Hostname: "bench"}); err != nil {
			return err
		}
	}
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
