package webtest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageChecks are the dashboard's pages with what must render on each.
var pageChecks = []struct {
	hash, view string
	sel        string // an element that must be present at least min times
	min        int
}{
	{"#/trends?w=4", "trends", ".heatmap svg path", 100},
	{"#/flow?n=7", "flow", "#flow-table tbody tr", 3},
	{"#/sessions?n=14", "sessions", "#sessions-table tbody tr", 5},
	{"#/checkins", "checkins", "#checkin-form input[type=radio]", 10},
	{"#/settings", "settings", "#cat-table tbody tr", 5},
	{"#/data", "data", "#buckets-table tbody tr", 3},
}

func TestDashboard(t *testing.T) {
	chromiumPath(t)
	base := startServer(t, 35)
	b := newBrowser(t, base)
	dir := screenshotDir(t)
	day := lastWeekday()
	dayKey := day.Format("2006-01-02")
	var shots []string

	// The day view of a known office day: its two deep-work blocks are the
	// focus sessions, the key numbers and the timeline lanes are drawn.
	b.run("load", chromedp.Navigate(base+"/#/today?d="+dayKey))
	b.ready("today")
	if got := b.text("#day-sessions"); !strings.Contains(got, "09:25") || !strings.Contains(got, "13:00") {
		t.Errorf("sessions of %s = %q, want sessions starting 09:25 and 13:00", dayKey, got)
	}
	if n := b.count(".timeline svg path"); n < 100 {
		t.Errorf("timeline has %d shapes, want >= 100", n)
	}
	focus := b.text(`[data-kpi=focus] .kpi-value`)
	if !strings.Contains(focus, "h") {
		t.Errorf("focus time = %q, want hours", focus)
	}
	b.run("baseline", chromedp.WaitVisible(chromedp.CSS(`[data-kpi=focus] .kpi-cmp:not(.muted)`)))
	shots = append(shots, b.shot(dir, "today-en"))
	b.checkConsole("today")

	// Switching days with the keyboard-reachable buttons.
	b.run("previous day", chromedp.Click(chromedp.CSS("#day-prev")))
	b.ready("today")
	b.run("next day", chromedp.Click(chromedp.CSS("#day-next")))
	b.ready("today")
	if got := b.text("#day-sessions"); !strings.Contains(got, "09:25") {
		t.Errorf("after switching back, sessions = %q", got)
	}

	for _, p := range pageChecks {
		b.open(p.hash, p.view)
		if n := b.count(p.sel); n < p.min {
			t.Errorf("%s: %d × %s, want >= %d", p.view, n, p.sel, p.min)
		}
		if n := b.count(".state.error"); n != 0 {
			t.Errorf("%s shows an error state", p.view)
		}
		shots = append(shots, b.shot(dir, p.view+"-en"))
		b.checkConsole(p.view)
	}

	t.Run("category rule changes the numbers", func(t *testing.T) {
		b := b.with(t)
		b.open("#/today?d="+dayKey, "today")
		before := b.text(`[data-kpi=focus] .kpi-value`)
		b.open("#/settings", "settings")
		b.run("edit Programming", chromedp.Click(chromedp.CSS(`button[data-edit="Work > Programming"]`)))
		eval[bool](b, `document.querySelector('#cat-regex').value = '', true`)
		b.run("type rule",
			chromedp.SendKeys(chromedp.CSS("#cat-regex"), "xterm"),
			chromedp.WaitVisible(chromedp.CSS(`#cat-preview[data-regex="xterm"] .preview-sum`)))
		if got := b.text("#cat-preview"); !strings.Contains(got, "xterm") || strings.Contains(got, "Visual Studio Code") {
			t.Errorf("preview of /xterm/ = %q, want xterm windows only", got)
		}
		shots = append(shots, b.shot(dir, "settings-preview-en"))
		b.run("apply and save",
			chromedp.Click(chromedp.CSS("#cat-apply")),
			chromedp.Click(chromedp.CSS("#cat-save")),
			chromedp.WaitVisible(chromedp.CSS(`#cat-save + .saved:not(:empty)`)))
		b.open("#/today?d="+dayKey, "today")
		after := b.text(`[data-kpi=focus] .kpi-value`)
		if after == before {
			t.Errorf("focus time stayed %q after narrowing Programming to xterm", after)
		}
		t.Logf("focus time %s → %s", before, after)
		b.checkConsole("settings")
	})

	t.Run("check-in", func(t *testing.T) {
		b := b.with(t)
		b.open("#/checkins", "checkins")
		b.run("answer",
			chromedp.Click(chromedp.CSS(`label.pill:has(input[name=focus][value="4"]) span`)),
			chromedp.Click(chromedp.CSS(`label.pill:has(input[name=workload][value="3"]) span`)),
			chromedp.Click(chromedp.CSS(`#checkin-form button[type=submit]`)))
		b.ready("checkins")
		b.run("answers table", chromedp.WaitVisible(chromedp.CSS("#checkins-table tbody tr")))
		shots = append(shots, b.shot(dir, "checkins-answered-en"))
		if got := b.text("#checkins-table tbody tr"); !strings.Contains(got, "4 / 5") {
			t.Errorf("latest answer row = %q, want focus 4 / 5", got)
		}
		b.checkConsole("checkins")
	})

	t.Run("export", func(t *testing.T) {
		b := b.with(t)
		b.open("#/data", "data")
		b.run("export", chromedp.Click(chromedp.CSS("#export-go")), chromedp.WaitVisible(chromedp.CSS("#export-save")))
		if got := b.text("#export-status"); !strings.Contains(got, "events") {
			t.Errorf("export status = %q", got)
		}
		b.checkConsole("export")
	})

	t.Run("import", func(t *testing.T) {
		b := b.with(t)
		b.open("#/data", "data")
		file, err := filepath.Abs("testdata/import.json")
		if err != nil {
			t.Fatal(err)
		}
		b.run("import",
			chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{file}),
			chromedp.Click(chromedp.CSS("#import-go")),
		)
		b.poll(`document.querySelector('#import-status').textContent === 'Imported.'`)
		b.open("#/settings", "settings")
		b.open("#/data", "data")
		if got := b.text("#buckets-table"); !strings.Contains(got, "aw-watcher-window_imported-pc") {
			t.Errorf("buckets after import = %q", got)
		}
		b.checkConsole("import")
	})

	t.Run("keyboard", func(t *testing.T) {
		b := b.with(t)
		// From a fresh load: the skip link, the brand, the language, then the navigation;
		// Enter on a navigation link opens its page.
		b.run("reload", chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/#/today?d="+dayKey))
		b.ready("today")
		var stops []string
		for range 5 {
			b.run("tab", chromedp.KeyEvent("\t"))
			stops = append(stops, eval[string](b, `document.activeElement.className + '|' + document.activeElement.textContent`))
		}
		if !strings.HasPrefix(stops[0], "skip|") || !strings.HasSuffix(stops[3], "|Today") || !strings.HasSuffix(stops[4], "|Trends") {
			t.Errorf("tab order = %q, want skip link, brand, language, Today, Trends", stops)
		}
		b.run("enter", chromedp.KeyEvent("\r"))
		b.ready("trends")
		b.checkConsole("keyboard")
	})

	t.Run("Chinese", func(t *testing.T) {
		b := b.with(t)
		b.open("#/today?d="+dayKey, "today")
		b.run("switch language", chromedp.SetValue(chromedp.CSS("#lang"), "zh-CN"))
		eval[bool](b, `document.querySelector('#lang').dispatchEvent(new Event('change'))`)
		b.ready("today")
		if got := b.text(`#nav a[data-page=today]`); got != "今天" {
			t.Errorf("nav label = %q, want 今天", got)
		}
		if got := b.text("h1"); !strings.Contains(got, "年") {
			t.Errorf("date heading = %q, want a Chinese date", got)
		}
		if got := b.text(`[data-kpi=focus] .kpi-label`); got != "专注时间" {
			t.Errorf("kpi label = %q", got)
		}
		shots = append(shots, b.shot(dir, "today-zh"))
		for _, p := range pageChecks {
			b.open(p.hash, p.view)
			shots = append(shots, b.shot(dir, p.view+"-zh"))
		}
		lang := eval[string](b, `document.documentElement.lang`)
		if lang != "zh-CN" {
			t.Errorf("html lang = %q", lang)
		}
		b.checkConsole("zh")
	})
	// Offline: everything the page loaded came from the server itself.
	if ext := eval[[]string](b, `performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith(location.origin + '/') && !n.startsWith('blob:') && !n.startsWith('data:'))`); len(ext) > 0 {
		t.Errorf("requests left the server: %q", ext)
	}
	t.Logf("screenshots:\n%s", strings.Join(shots, "\n"))
}

// TestFirstRun: an empty store shows the welcome page, not a blank one, in
// the browser's language.
func TestFirstRun(t *testing.T) {
	chromiumPath(t)
	base := startServer(t, 0)
	for _, tt := range []struct{ lang, want, shot string }{
		{"en-US", "Welcome to attnflow", "first-run-en"},
		{"zh-CN", "欢迎使用 attnflow", "first-run-zh"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			b := newBrowserLang(t, base, tt.lang)
			b.run("load", chromedp.Navigate(base+"/"))
			b.ready("today")
			if got := b.text("#first-title"); got != tt.want {
				t.Errorf("first-run title = %q, want %q", got, tt.want)
			}
			b.shot(screenshotDir(t), tt.shot)
			b.checkConsole("first run")
		})
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }
