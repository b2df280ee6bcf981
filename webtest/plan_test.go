package webtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPlanPage plans a week of stored tasks over the persona's recorded
// weeks, checks the timeline, reasons and at-risk list, adds a task with
// the quick-add box after its preview, and shows the page in Chinese.
func TestPlanPage(t *testing.T) {
	chromiumPath(t)
	base := startServer(t, 14)
	for _, body := range []string{
		`{"title":"design review notes","estimate_min":120,"kind":"deep","priority":1}`,
		`{"title":"expense report","estimate_min":45,"kind":"admin"}`,
		`{"title":"rewrite the storage layer","estimate_min":12000,"kind":"deep","priority":2,"deadline":"` + today().AddDate(0, 0, 2).Format("2006-01-02T15:04:05Z") + `"}`,
	} {
		resp, err := http.Post(base+"/api/v1/tasks", "application/json", bytes.NewBufferString(body))
		if err != nil || resp.StatusCode != http.StatusCreated {
			t.Fatalf("create task %s: %v %v", body, err, resp)
		}
		resp.Body.Close()
	}
	b := newBrowser(t, base)
	dir := screenshotDir(t)
	b.run("load", chromedp.Navigate(base+"/#/plan?range=week"))
	b.ready("plan")
	if n := b.count("#plan-blocks tbody tr"); n < 2 {
		t.Errorf("plan table has %d blocks, want >= 2", n)
	}
	if n := b.count(".plan-lane .plan-block"); n < 2 {
		t.Errorf("timeline has %d blocks, want >= 2", n)
	}
	if got := b.text("#plan-blocks"); !strings.Contains(got, "design review notes") || !strings.Contains(got, "capacity") {
		t.Errorf("plan table %q: want the review with a capacity reason", got)
	}
	if got := b.text("#plan-risk"); !strings.Contains(got, "rewrite the storage layer") {
		t.Errorf("at risk %q: want the storage rewrite (200 h in 2 days)", got)
	}
	if got := b.text("#plan-notes"); !strings.Contains(got, "best possible plan") {
		t.Errorf("notes %q: want the optimality gap", got)
	}
	if href := eval[string](b, `document.querySelector('#plan-ics').href`); !strings.Contains(href, "/api/v1/plan.ics?days=7") {
		t.Errorf("ics link %q", href)
	}
	b.shot(dir, "plan-en")
	b.checkConsole("plan")

	b.run("quick-add preview",
		chromedp.SendKeys(chromedp.CSS("#quickadd"), "write Q3 report 3h by Fri p1 #deep"),
		chromedp.Click(chromedp.CSS("#quickadd-form button[type=submit]")))
	b.poll(`!document.querySelector('#quickadd-save').hidden`)
	if got := b.text("#quickadd-preview"); !strings.Contains(got, "write Q3 report") || !strings.Contains(got, "P1") || !strings.Contains(got, "Understood") {
		t.Errorf("preview %q: want the title, P1 and what was understood", got)
	}
	resp, err := http.Get(base + "/api/v1/tasks")
	if err != nil {
		t.Fatal(err)
	}
	var before []json.RawMessage
	json.NewDecoder(resp.Body).Decode(&before)
	resp.Body.Close()
	if len(before) != 3 {
		t.Errorf("the preview saved a task: %d tasks, want 3", len(before))
	}
	b.run("save", chromedp.Click(chromedp.CSS("#quickadd-save")))
	b.poll(`(document.querySelector('#plan-tasks') || {}).textContent?.includes('write Q3 report')`)
	b.checkConsole("quick-add")

	b.run("bad quick-add",
		chromedp.SendKeys(chromedp.CSS("#quickadd"), "#deep p1"),
		chromedp.Click(chromedp.CSS("#quickadd-form button[type=submit]")))
	b.poll(`(document.querySelector('#quickadd-preview [role=alert]') || {}).textContent?.includes('no title')`)
	b.discardConsole()

	zh := newBrowserLang(t, base, "zh-CN")
	zh.run("load zh", chromedp.Navigate(base+"/#/plan?range=week"))
	zh.ready("plan")
	if got := zh.text("main h1"); got != "计划" {
		t.Errorf("Chinese title %q, want 计划", got)
	}
	if got := zh.text("#plan-blocks thead"); !strings.Contains(got, "为什么在这里") {
		t.Errorf("Chinese table head %q", got)
	}
	zh.shot(dir, "plan-zh")
	zh.checkConsole("plan zh")
}
