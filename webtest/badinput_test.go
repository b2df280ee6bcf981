package webtest

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBadInput: a failing server, a slow query and a day without data each
// get a clear state, never a blank page or an endless spinner.
func TestBadInput(t *testing.T) {
	chromiumPath(t)
	var fail, slow atomic.Bool
	base := startServerWith(t, 10, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/api/0/query") {
				if fail.Load() {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusInternalServerError)
					_, _ = w.Write([]byte(`{"message": "database is locked"}`))
					return
				}
				if slow.Load() {
					time.Sleep(3500 * time.Millisecond)
				}
			}
			next.ServeHTTP(w, r)
		})
	})
	b := newBrowser(t, base)
	dayKey := lastWeekday().Format("2006-01-02")

	t.Run("server error", func(t *testing.T) {
		b := b.with(t)
		fail.Store(true)
		b.run("load", chromedp.Navigate(base+"/#/today?d="+dayKey),
			chromedp.WaitVisible(chromedp.CSS(".state.error button")))
		if got := b.text(".state.error"); !strings.Contains(got, "database is locked") || !strings.Contains(got, "Try again") {
			t.Errorf("error state = %q, want the server's message and a retry", got)
		}
		b.shot(screenshotDir(t), "error-en")
		b.discardConsole() // the failed view is logged on purpose
		fail.Store(false)
		b.run("retry", chromedp.Click(chromedp.CSS(".state.error button")))
		b.ready("today")
		if n := b.count(".kpi"); n != 5 {
			t.Errorf("after retry, %d key numbers, want 5", n)
		}
	})

	t.Run("slow query", func(t *testing.T) {
		b := b.with(t)
		slow.Store(true)
		defer slow.Store(false)
		b.run("load", chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/#/trends?w=4"),
			chromedp.WaitVisible(chromedp.CSS(".state.loading p.muted")))
		if got := b.text(".state.loading"); !strings.Contains(got, "longer than usual") {
			t.Errorf("loading state = %q, want a note that it is slow", got)
		}
		b.ready("trends")
		b.checkConsole("slow")
	})

	t.Run("day without data", func(t *testing.T) {
		b := b.with(t)
		b.open("#/today?d=2020-01-06", "today")
		if got := b.text(".state.empty"); !strings.Contains(got, "No activity recorded") {
			t.Errorf("empty day = %q", got)
		}
		b.checkConsole("empty day")
	})
}
