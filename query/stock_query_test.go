package query_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
	"github.com/attnflow/attnflow/query/querytest"
)

// TestStockDesktopQuery runs aw-webui's full desktop query on the fixture
// buckets and checks the figures the dashboard shows.
func TestStockDesktopQuery(t *testing.T) {
	src := loadSource(t)
	text := querytest.FullDesktopQuery(querytest.StockParams([]string{"aw-watcher-web-firefox_host"}))
	p, err := query.Compile(text)
	if err != nil {
		t.Fatalf("compile: %v\n%s", err, text)
	}
	tr, _ := attnflow.ParseTimeRange(defaultPeriod)
	got, err := p.Run(context.Background(), src, tr, query.Options{})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Window struct {
			AppEvents    []attnflow.Event `json:"app_events"`
			TitleEvents  []attnflow.Event `json:"title_events"`
			CatEvents    []attnflow.Event `json:"cat_events"`
			ActiveEvents []attnflow.Event `json:"active_events"`
			Duration     float64          `json:"duration"`
		} `json:"window"`
		Browser struct {
			Domains  []attnflow.Event `json:"domains"`
			Urls     []attnflow.Event `json:"urls"`
			Titles   []attnflow.Event `json:"titles"`
			Duration float64          `json:"duration"`
		} `json:"browser"`
		Stopwatch struct {
			StopwatchEvents []attnflow.Event `json:"stopwatch_events"`
		} `json:"stopwatch"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	// Window time: Firefox 61 + Code 41 + Slack 20 (then AFK) and the
	// stopwatch's 60 (it runs while AFK); the zero-length Terminal event is
	// dropped by filter_period_intersect.
	if res.Window.Duration != 61+41+20+60 {
		t.Errorf("window duration = %v, want %v", res.Window.Duration, 61+41+20+60)
	}
	wantApps := map[string]float64{"Firefox": 61, "Code": 41, "Slack": 20}
	if len(res.Window.AppEvents) != len(wantApps) {
		t.Errorf("app events = %d, want %d: %s", len(res.Window.AppEvents), len(wantApps), b)
	}
	for _, e := range res.Window.AppEvents {
		if want, ok := wantApps[e.Data["app"].(string)]; !ok || e.Duration.Seconds() != want {
			t.Errorf("app %v: %v s, want %v", e.Data["app"], e.Duration.Seconds(), want)
		}
	}
	// Code matches both the attnflow and the IDE rule (same depth): the
	// later rule wins.
	wantCats := map[string]float64{`["Work","Programming","attnflow"]`: 61, `["Work","Programming","IDE"]`: 41,
		`["Comms","IM"]`: 20, `["Uncategorized"]`: 60}
	if len(res.Window.CatEvents) != len(wantCats) {
		t.Errorf("category events = %d, want %d", len(res.Window.CatEvents), len(wantCats))
	}
	for _, e := range res.Window.CatEvents {
		k, _ := json.Marshal(e.Data["$category"])
		if want, ok := wantCats[string(k)]; !ok || e.Duration.Seconds() != want {
			t.Errorf("category %s: %v s, want %v (known: %v)", k, e.Duration.Seconds(), want, ok)
		}
	}
	if res.Browser.Duration != 60 || len(res.Browser.Domains) != 2 {
		t.Errorf("browser duration %v with %d domains, want 60 with 2", res.Browser.Duration, len(res.Browser.Domains))
	}
	if len(res.Stopwatch.StopwatchEvents) != 1 || res.Stopwatch.StopwatchEvents[0].Data["label"] != "focus" {
		t.Errorf("stopwatch events = %v", res.Stopwatch.StopwatchEvents)
	}
	if len(res.Window.ActiveEvents) != 2 {
		t.Errorf("active events = %d, want 2", len(res.Window.ActiveEvents))
	}
}
