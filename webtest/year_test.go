package webtest

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDashboardYear measures the dashboard over a year of the persona's
// data: first paint of the day view, switching days, the trends page and
// the page weight. It runs only with ATTNFLOW_WEB_BENCH=1 (it takes about
// a minute); the figures go to BENCHMARKS.md. It asserts nothing about
// speed (timings vary by machine) but fails if a view does not render.
func TestDashboardYear(t *testing.T) {
	if os.Getenv("ATTNFLOW_WEB_BENCH") != "1" {
		t.Skip("set ATTNFLOW_WEB_BENCH=1 to measure the dashboard over a year of data")
	}
	chromiumPath(t)
	base := startServer(t, 365)
	b := newBrowser(t, base)
	dayKey := lastWeekday().Format("2006-01-02")

	// Warm the browser's HTTP cache the way a returning visitor has it,
	// then measure a cold and a warm load of the day view.
	for _, run := range []string{"cold", "warm"} {
		b.run("load", chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/#/today?d="+dayKey))
		render := b.ready("today")
		paint := eval[float64](b, `window.__attnflow.readyAt`)
		t.Logf("day view, %s load: ready %.0f ms after navigation start (view render %s)", run, paint, ms(render))
		t.Logf("  requests: %s", eval[string](b, `performance.getEntriesByType('resource').map(r => r.name.replace(location.origin, '').slice(0, 40) + ' ' + r.startTime.toFixed(0) + '+' + r.duration.toFixed(0) + 'ms').join(', ')`))
	}
	weight := eval[float64](b, `performance.getEntriesByType('navigation')[0].encodedBodySize +
		performance.getEntriesByType('resource').filter(r => r.name.includes('/assets/')).reduce((a, r) => a + r.encodedBodySize, 0)`)
	t.Logf("page weight (compressed, HTML + assets): %.0f KB", weight/1024)

	var sw []string
	for range 5 {
		b.run("previous day", chromedp.Click(chromedp.CSS("#day-prev")))
		sw = append(sw, ms(b.ready("today")))
	}
	t.Logf("switching days (5 × previous): %v", sw)

	// Each trends range on a fresh page load, so no day is cached.
	for _, w := range []string{"4", "12", "26", "52"} {
		b.run("load trends", chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/#/trends?w="+w))
		d := b.ready("trends")
		t.Logf("  requests: %s", eval[string](b, `performance.getEntriesByType('resource').filter(r => r.name.includes('/api/')).map(r => r.name.replace(location.origin, '').slice(0, 20) + ' ' + r.startTime.toFixed(0) + '+' + r.duration.toFixed(0) + 'ms ' + (r.encodedBodySize/1024).toFixed(0) + 'KB').join(', ')`))
		t.Logf("trends, %s weeks, fresh load: ready %.0f ms after navigation start (view render %s)", w, eval[float64](b, `window.__attnflow.readyAt`), ms(d))
	}
	for _, p := range []struct{ hash, view string }{{"#/flow?n=30", "flow"}, {"#/sessions?n=30", "sessions"}, {"#/settings", "settings"}} {
		t.Logf("%s: %s", p.hash, ms(b.open(p.hash, p.view)))
	}
	b.checkConsole("year")
}
