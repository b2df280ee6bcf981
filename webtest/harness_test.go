package webtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sqlite"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. Under CI=true a missing browser
// fails the test; otherwise the test is skipped with a message.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (apt-get install -y chromium); the dashboard's browser tests need it")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium): skipping the dashboard's browser tests")
	return ""
}

// today is the UTC midnight the persona's data ends at (the browser runs
// with TZ=UTC, so its "today" is the same day).
func today() time.Time { return time.Now().UTC().Truncate(24 * time.Hour) }

// lastWeekday is the most recent weekday before today: a full office day.
func lastWeekday() time.Time {
	d := today().AddDate(0, 0, -1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// startServer runs a real attnflow server on a loopback port over a fresh
// SQLite store holding days of the persona (none for 0). It returns the base URL.
func startServer(t testing.TB, days int) string { return startServerWith(t, days, nil) }

// startServerWith is startServer with the server's handler wrapped (to
// inject failures); a nil wrap serves the handler as is.
func startServerWith(t testing.TB, days int, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "attnflow.db"), nil, sqlite.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	if days > 0 {
		start := time.Now()
		n, err := fill(ctx, db, today(), days)
		if err != nil {
			t.Fatalf("fill store: %v", err)
		}
		if err := db.SetSetting(ctx, "classes", json.RawMessage(personaClasses)); err != nil {
			t.Fatalf("set classes: %v", err)
		}
		t.Logf("stored %d days, %d events in %v", days, n, time.Since(start).Round(time.Millisecond))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	srv, err := server.New(server.Config{Addr: ln.Addr().String(), Hostname: host, DeviceID: "00000000-0000-4000-8000-0000000000aa"}, db, nil, nil)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	h := srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	t.Cleanup(func() {
		if err := hs.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// browser is a headless Chromium tab that records console errors.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	log  *consoleLog
}

// consoleLog collects the page's console errors.
type consoleLog struct {
	mu   sync.Mutex
	errs []string
}

// with returns the browser reporting to t (a subtest).
func (b *browser) with(t *testing.T) *browser {
	return &browser{t: t, ctx: b.ctx, base: b.base, log: b.log}
}

func newBrowser(t *testing.T, base string) *browser { return newBrowserLang(t, base, "en-US") }

// newBrowserLang starts a browser whose language (navigator.languages) is lang.
func newBrowserLang(t *testing.T, base, lang string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("lang", lang),
		chromedp.Flag("accept-lang", lang),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
		chromedp.Env("TZ=UTC"),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	b := &browser{t: t, ctx: ctx, base: base, log: &consoleLog{}}
	if err := chromedp.Do(ctx); err != nil {
		cancelC()
		cancelA()
		t.Fatalf("start chromium: %v", err)
	}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			// Network entries (e.g. the 404 of an /api/v1 endpoint this
			// server lacks, which the page handles) are not page errors.
			if (m.Type == chromedp.ConsoleError && m.Source == "") || m.IsException() {
				b.addErr(m.String())
			}
		}
	}()
	t.Cleanup(func() { cancelC(); cancelA(); <-done })
	return b
}

func (b *browser) addErr(s string) {
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	b.log.errs = append(b.log.errs, s)
}

// checkConsole fails the test if the page logged errors since the last check.
func (b *browser) checkConsole(where string) {
	b.t.Helper()
	time.Sleep(50 * time.Millisecond) // let queued console events arrive
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	for _, e := range b.log.errs {
		b.t.Errorf("%s: %s", where, e)
	}
	b.log.errs = nil
}

// discardConsole drops the errors logged so far (after a deliberate failure).
func (b *browser) discardConsole() {
	time.Sleep(50 * time.Millisecond)
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	b.log.errs = nil
}

// run executes actions with a time limit.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		html, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('main').outerHTML.slice(0, 1500)`))
		b.t.Fatalf("%s: %v\nmain: %s", what, err, html)
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// poll waits until a JavaScript expression is true.
func (b *browser) poll(expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr)); err != nil {
		b.t.Fatalf("wait for %s: %v (status: %q)", expr, err, b.text("[role=status]"))
	}
}

// ready waits for a view to finish rendering and returns its render time.
func (b *browser) ready(view string) time.Duration {
	b.t.Helper()
	b.run("wait for "+view, chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-ready=%q]`, view))))
	return time.Duration(eval[float64](b, `window.__attnflow.renderMs`) * float64(time.Millisecond))
}

// open navigates within the app (a hash change) and waits for the view.
func (b *browser) open(hash, view string) time.Duration {
	b.t.Helper()
	// Mark the view stale first; the same hash again re-renders the view.
	eval[bool](b, fmt.Sprintf(`(() => {
		delete document.querySelector("main").dataset.ready;
		if (location.hash === %[1]q) window.dispatchEvent(new HashChangeEvent("hashchange"));
		else location.hash = %[1]q;
		return true;
	})()`, hash))
	return b.ready(view)
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return eval[string](b, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ''`, sel))
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// shot saves a full-page screenshot as name.png in the screenshot directory.
func (b *browser) shot(dir, name string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatalf("write screenshot: %v", err)
	}
	return p
}

// screenshotDir is where screenshots are kept after the test (for people to look at).
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ATTNFLOW_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "attnflow-web-screens")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		t.Fatalf("screenshot dir: %v", err)
	}
	return dir
}
