// Package bench measures attnflow against this machine's ceiling: a load
// generator for the heartbeat and bulk-insert paths, a bare HTTP handler
// that only decodes and echoes a heartbeat (the reference point), and
// readings of a server process's memory and disk use.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attnflow/attnflow"
)

// BareHandler decodes a heartbeat and echoes it, storing nothing: the
// fastest any heartbeat endpoint on this machine can be.
func BareHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := strconv.ParseFloat(r.URL.Query().Get("pulsetime"), 64); err != nil {
			http.Error(w, `{"message":"pulsetime"}`, http.StatusBadRequest)
			return
		}
		var e attnflow.Event
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &e); err != nil {
			http.Error(w, `{"message":"bad event"}`, http.StatusBadRequest)
			return
		}
		e.ID = 1
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(e)
	})
}

// Mode chooses which heartbeat path a load exercises.
type Mode int

const (
	// Merge sends heartbeats that extend the bucket's last event.
	Merge Mode = iota
	// New sends heartbeats whose data differ from the bucket's last
	// event, so each is a new event: a window watcher as the person
	// switches among windows (Titles, in turn).
	New
	// NewData is New with a title never seen before each time: a new
	// event and a new data row, the store's worst case.
	NewData
)

// Modes are the heartbeat paths bench measures.
var Modes = []Mode{Merge, New, NewData}

func (m Mode) String() string { return [...]string{"merge", "new", "new-data"}[m] }

// Result is one measured load.
type Result struct {
	Requests int
	Errors   int
	Elapsed  time.Duration
}

// Rate is requests per second.
func (r Result) Rate() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// newHTTPClient keeps one keep-alive connection per worker.
func newHTTPClient(workers int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}, Timeout: 30 * time.Second}
}

// Clock hands out heartbeat timestamps one second apart, increasing across
// every load that shares it, so that no load replays the times of an
// earlier one (a merge load would then find its heartbeats inside the
// event already stored and store nothing).
type Clock struct {
	base time.Time
	n    atomic.Int64
}

// NewClock starts a clock at start.
func NewClock(start time.Time) *Clock { return &Clock{base: start.UTC().Truncate(time.Second)} }

// next returns the next timestamp and its sequence number.
func (c *Clock) next() (time.Time, int64) {
	i := c.n.Add(1)
	return c.base.Add(time.Duration(i) * time.Second), i
}

// Heartbeats sends heartbeats from `workers` sequential clients, worker i
// to bucket buckets[i % len(buckets)], for duration d, each waiting for the
// answer before sending the next, with timestamps from clock.
func Heartbeats(ctx context.Context, baseURL string, buckets []string, workers int, mode Mode, d time.Duration, clock *Clock) Result {
	hc := newHTTPClient(workers)
	defer hc.CloseIdleConnections()
	var n, errs atomic.Int64
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			url := baseURL + "/api/0/buckets/" + buckets[w%len(buckets)] + "/heartbeat?pulsetime=10"
			for k := 0; time.Now().Before(deadline) && ctx.Err() == nil; k++ {
				ts, i := clock.next()
				body := heartbeatBody(ts, w, k, i, mode)
				if err := post(ctx, hc, url, body); err != nil {
					errs.Add(1)
					continue
				}
				n.Add(1)
			}
		}(w)
	}
	wg.Wait()
	return Result{Requests: int(n.Load()), Errors: int(errs.Load()), Elapsed: time.Since(start)}
}

// heartbeatBody is the k-th heartbeat of a worker, the i-th of the clock.
func heartbeatBody(ts time.Time, worker, k int, i int64, mode Mode) []byte {
	title := "main.go - attnflow - Visual Studio Code"
	switch mode {
	case New:
		title = Titles[k%len(Titles)]
	case NewData:
		title = fmt.Sprintf("issue %d - attnflow - Firefox", i)
	}
	return fmt.Appendf(nil, `{"timestamp":%q,"duration":0,"data":{"app":"app%d","title":%q}}`,
		ts.Format(time.RFC3339Nano), worker, title)
}

func post(ctx context.Context, hc *http.Client, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// Titles is a realistic window-title vocabulary for generated events.
var Titles = []string{
	"main.go - attnflow - Visual Studio Code", "Inbox (3) - mail@example.org - Mail",
	"Pull request #412: store: group commit - GitHub - Firefox", "Slack | #team | Example Inc",
	"Q3 report.docx - LibreOffice Writer", "attention span - Google Search - Chromium",
	"Terminal - go test ./...", "YouTube - lecture 4: Markov chains - Firefox",
	"Calendar - Week 48", "README.md - attnflow - Visual Studio Code",
}

// Apps is the app vocabulary matching Titles.
var Apps = []string{"code", "thunderbird", "firefox", "slack", "libreoffice", "chromium", "gnome-terminal", "firefox", "gnome-calendar", "code"}

// BulkInsert posts n window events in batches of batch to bucket and
// returns the time taken; progress, if not nil, is called after each batch.
func BulkInsert(ctx context.Context, baseURL, bucket string, n, batch int, progress func(done int)) (Result, error) {
	hc := newHTTPClient(1)
	defer hc.CloseIdleConnections()
	url := baseURL + "/api/0/buckets/" + bucket + "/events"
	ts := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	start := time.Now()
	var buf bytes.Buffer
	for done := 0; done < n; {
		buf.Reset()
		buf.WriteByte('[')
		k := min(batch, n-done)
		for j := 0; j < k; j++ {
			if j > 0 {
				buf.WriteByte(',')
			}
			v := (done + j) % len(Titles)
			dur := 5 + (done+j)%115
			fmt.Fprintf(&buf, `{"timestamp":%q,"duration":%d,"data":{"app":%q,"title":%q}}`,
				ts.Format(time.RFC3339Nano), dur, Apps[v], Titles[v])
			ts = ts.Add(time.Duration(dur) * time.Second)
		}
		buf.WriteByte(']')
		if err := post(ctx, hc, url, buf.Bytes()); err != nil {
			return Result{}, fmt.Errorf("bulk insert after %d events: %w", done, err)
		}
		done += k
		if progress != nil {
			progress(done)
		}
	}
	return Result{Requests: n, Elapsed: time.Since(start)}, nil
}

// RSS reads a process's resident and peak resident memory in bytes.
func RSS(pid int) (rss, peak int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("read process status: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak, nil
}

// DirSize sums the sizes of the files in dir whose names start with prefix.
func DirSize(dir, prefix string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if fi, err := e.Info(); err == nil {
			total += fi.Size()
		}
	}
	return total, nil
}

// CPUTime reads the user plus system CPU time a process has used so far,
// from /proc/PID/stat (all its threads).
func CPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read process stat: %w", err)
	}
	// The command name may hold spaces; the fields after it are fixed.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("read process stat: malformed %q", b)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("read process stat: too few fields")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("read process stat: bad utime/stime %q %q", f[11], f[12])
	}
	const clockTick = 100 // USER_HZ, 100 on every Linux architecture Go runs on
	return time.Duration(utime+stime) * time.Second / clockTick, nil
}
