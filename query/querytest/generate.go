package querytest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
)

// The generator: deterministic, realistic ActivityWatch data for
// benchmarks: per day about 1,700 window events (a vocabulary of ~30
// apps and a few thousand distinct titles a month, mostly contiguous with
// small gaps and some zero-length events), ~60 AFK events and ~650
// browser-tab events inside the browser windows, plus a couple of
// stopwatch events.

// Browsers are the browser buckets the generator fills.
var Browsers = []string{"aw-watcher-web-chrome_host", "aw-watcher-web-firefox_host"}

type weighted struct {
	name string
	w    float64
}

var benchApps = []weighted{
	{"Firefox", 20}, {"Google-chrome", 8}, {"Code", 18}, {"Alacritty", 10}, {"Slack", 8},
	{"Thunderbird", 4}, {"Spotify", 2}, {"zoom", 2}, {"obsidian", 4}, {"libreoffice-writer", 2},
	{"Gimp", 1}, {"Inkscape", 1}, {"discord", 2}, {"Telegram", 2}, {"org.gnome.Nautilus", 2},
	{"evince", 2}, {"vlc", 1}, {"steam", 1}, {"Minecraft", 0.5}, {"gnome-control-center", 1},
	{"KeePassXC", 1}, {"Signal", 1}, {"jetbrains-goland", 3}, {"Postman", 1}, {"DBeaver", 1},
	{"Blender", 0.5}, {"Audacity", 0.5}, {"kdenlive", 0.3}, {"mpv", 1}, {"Element", 1},
}

var (
	benchProjects = []string{"attnflow", "aw-server-rust", "dotfiles", "website", "thesis"}
	benchFiles    = []string{"main.go", "query.go", "store.go", "README.md", "Makefile", "parser.go", "lexer.go",
		"eval.go", "index.html", "style.css", "app.ts", "api.rs", "lib.rs", "Cargo.toml", "go.mod", "notes.md",
		"chapter1.tex", "chapter2.tex", "refs.bib", "docker-compose.yml", "ci.yml", "flow.go", "model.go", "plan.go"}
	benchChannels = []string{"general", "random", "dev", "ops", "design", "standup", "incidents", "releases",
		"hiring", "books", "music", "support", "frontend", "backend", "data", "security", "watercooler"}
	benchRepos = []string{"golang/go", "ActivityWatch/activitywatch", "ActivityWatch/aw-webui", "attnflow/attnflow",
		"kubernetes/kubernetes", "rust-lang/rust", "torvalds/linux", "microsoft/vscode"}
	benchWords = []string{"concurrency", "regex", "sqlite", "performance", "memory", "deadlock", "parser", "timezone",
		"unicode", "sorting", "generics", "closure", "pointer", "channel", "mutex", "interface", "slice", "map", "json", "http"}
	benchSubs = []string{"golang", "rust", "programming", "linux", "selfhosted", "productivity", "worldnews", "aww", "science", "europe"}
)

type site struct {
	w    float64
	page func(r *rand.Rand) (url, title string)
}

// zipf picks 0..n-1 with a skew towards small numbers.
func zipf(r *rand.Rand, n int) int {
	u := r.Float64()
	return int(math.Floor(float64(n) * u * u * u))
}

func pick[T any](r *rand.Rand, s []T) T { return s[zipf(r, len(s))] }

var benchSites = []site{
	{6, func(r *rand.Rand) (string, string) {
		repo, n := pick(r, benchRepos), 1+zipf(r, 400)
		return fmt.Sprintf("https://github.com/%s/issues/%d", repo, n), fmt.Sprintf("Issue #%d · %s · GitHub", n, repo)
	}},
	{3, func(r *rand.Rand) (string, string) {
		repo := pick(r, benchRepos)
		return "https://github.com/" + repo, "GitHub - " + repo
	}},
	{5, func(r *rand.Rand) (string, string) {
		n, w := 1000000+zipf(r, 3000)*7919, pick(r, benchWords)
		return fmt.Sprintf("https://stackoverflow.com/questions/%d/how-to-%s", n, w), fmt.Sprintf("go - How to handle %s #%d? - Stack Overflow", w, n%1000)
	}},
	{4, func(r *rand.Rand) (string, string) {
		n := zipf(r, 600)
		return fmt.Sprintf("https://www.youtube.com/watch?v=v%05d", n), fmt.Sprintf("Talk about %s part %d - YouTube", pick(r, benchWords), n)
	}},
	{3, func(r *rand.Rand) (string, string) {
		sub, n := pick(r, benchSubs), zipf(r, 500)
		return fmt.Sprintf("https://www.reddit.com/r/%s/comments/%x/", sub, n), fmt.Sprintf("Thread %d : r/%s", n, sub)
	}},
	{2, func(r *rand.Rand) (string, string) {
		n := 4000000 + zipf(r, 400)
		return fmt.Sprintf("https://news.ycombinator.com/item?id=%d", n), fmt.Sprintf("Show HN: %s thing %d | Hacker News", pick(r, benchWords), n%400)
	}},
	{3, func(r *rand.Rand) (string, string) {
		return "https://mail.google.com/mail/u/0/#inbox", fmt.Sprintf("Inbox (%d) - me@example.com - Gmail", zipf(r, 50))
	}},
	{2, func(r *rand.Rand) (string, string) {
		n := zipf(r, 40)
		return fmt.Sprintf("https://docs.google.com/document/d/doc%d/edit", n), fmt.Sprintf("Design doc %d - Google Docs", n)
	}},
	{3, func(r *rand.Rand) (string, string) {
		w := pick(r, benchWords)
		return "https://pkg.go.dev/" + w, w + " package - pkg.go.dev"
	}},
	{2, func(r *rand.Rand) (string, string) {
		w := pick(r, benchWords)
		return "https://en.wikipedia.org/wiki/" + strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w[:1]) + w[1:] + " - Wikipedia"
	}},
	{1, func(r *rand.Rand) (string, string) {
		n := zipf(r, 200)
		return fmt.Sprintf("https://www.bbc.co.uk/news/world-%d", 60000000+n), fmt.Sprintf("World news story %d - BBC News", n)
	}},
	{1, func(r *rand.Rand) (string, string) {
		return "https://meet.google.com/abc-defg-hij", "Meet - Weekly sync"
	}},
	{1, func(r *rand.Rand) (string, string) {
		return "https://open.spotify.com/", "Spotify - Web Player"
	}},
	{1, func(r *rand.Rand) (string, string) {
		return "about:blank", "New Tab"
	}},
	{1, func(r *rand.Rand) (string, string) {
		n := zipf(r, 100)
		return fmt.Sprintf("http://localhost:%d/", 3000+n%5), fmt.Sprintf("Dev server %d", n%5)
	}},
}

func pickWeighted[T any](r *rand.Rand, items []T, weight func(T) float64, total float64) T {
	x := r.Float64() * total
	for _, it := range items {
		x -= weight(it)
		if x < 0 {
			return it
		}
	}
	return items[len(items)-1]
}

// benchGen holds the state of one generation.
type benchGen struct {
	r       *rand.Rand
	appSum  float64
	siteSum float64
	strs    map[string]string // interned strings
	window  []attnflow.Event
	afk     []attnflow.Event
	web     map[string][]attnflow.Event
	stop    []attnflow.Event
}

// intern returns a fresh data map per event (as a store decodes them),
// sharing only the strings.
func (g *benchGen) intern(kv ...string) attnflow.Data {
	d := make(attnflow.Data, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		d[kv[i]] = g.str(kv[i+1])
	}
	return d
}

func (g *benchGen) str(s string) string {
	if v, ok := g.strs[s]; ok {
		return v
	}
	g.strs[s] = s
	return s
}

func (g *benchGen) webData(url, title string, audible bool) attnflow.Data {
	return attnflow.Data{"url": g.str(url), "title": g.str(title), "audible": audible, "incognito": false, "tabCount": float64(3 + len(title)%9)}
}

// title returns a window title for app.
func (g *benchGen) title(app string) (string, string, string) {
	r := g.r
	switch app {
	case "Firefox", "Google-chrome":
		s := pickWeighted(r, benchSites, func(s site) float64 { return s.w }, g.siteSum)
		url, title := s.page(r)
		suffix := " — Mozilla Firefox"
		if app == "Google-chrome" {
			suffix = " - Google Chrome"
		}
		return title + suffix, url, title
	case "Code":
		return fmt.Sprintf("%s - %s - Visual Studio Code", pick(r, benchFiles), pick(r, benchProjects)), "", ""
	case "jetbrains-goland":
		return fmt.Sprintf("%s – %s", pick(r, benchProjects), pick(r, benchFiles)), "", ""
	case "Alacritty":
		switch r.IntN(4) {
		case 0:
			return "vim " + pick(r, benchFiles), "", ""
		case 1:
			return "htop", "", ""
		}
		return fmt.Sprintf("me@host: ~/src/%s", pick(r, benchProjects)), "", ""
	case "Slack":
		return fmt.Sprintf("%s (Channel) - Acme - Slack", pick(r, benchChannels)), "", ""
	case "Thunderbird":
		return fmt.Sprintf("Re: %s issue %d - Inbox - Mozilla Thunderbird", pick(r, benchWords), zipf(r, 300)), "", ""
	case "obsidian":
		return fmt.Sprintf("%s - notes - Obsidian v1.5", pick(r, benchWords)), "", ""
	case "evince":
		return fmt.Sprintf("paper-%d.pdf", zipf(r, 80)), "", ""
	case "discord", "Telegram", "Signal", "Element":
		return fmt.Sprintf("%s - %s", pick(r, benchChannels), app), "", ""
	}
	return app, "", ""
}

func (g *benchGen) dur(mu, sigma, maxSec float64) time.Duration {
	s := math.Exp(mu + sigma*g.r.NormFloat64())
	return time.Duration(math.Min(s, maxSec) * float64(time.Second)).Round(time.Millisecond)
}

// day generates one day starting at midnight d.
func (g *benchGen) day(d time.Time) {
	r := g.r
	start := d.Add(8*time.Hour + time.Duration(r.IntN(90))*time.Minute)
	end := start.Add(9*time.Hour + time.Duration(r.IntN(120))*time.Minute)
	// AFK: alternating not-afk and afk periods, then the night.
	t := start
	for t.Before(end) {
		active := time.Duration(2+r.IntN(24))*time.Minute + time.Duration(r.IntN(60))*time.Second
		g.afk = append(g.afk, attnflow.Event{Timestamp: t, Duration: active, Data: g.intern("status", "not-afk")})
		t = t.Add(active)
		away := time.Duration(1+r.IntN(10))*time.Minute + time.Duration(r.IntN(60))*time.Second
		g.afk = append(g.afk, attnflow.Event{Timestamp: t, Duration: away, Data: g.intern("status", "afk")})
		t = t.Add(away)
	}
	g.afk = append(g.afk, attnflow.Event{Timestamp: t, Duration: d.Add(24*time.Hour + 8*time.Hour).Sub(t), Data: g.intern("status", "afk")})
	// Window events.
	app := "Code"
	for t = start; t.Before(end); {
		if r.Float64() > 0.55 {
			app = pickWeighted(r, benchApps, func(w weighted) float64 { return w.w }, g.appSum).name
		}
		title, url, page := g.title(app)
		dur := g.dur(2.45, 1.1, 900)
		if r.IntN(33) == 0 {
			dur = 0
		}
		g.window = append(g.window, attnflow.Event{Timestamp: t, Duration: dur, Data: g.intern("app", app, "title", title)})
		if url != "" {
			g.browserTabs(app, t, dur, url, page)
		}
		t = t.Add(dur)
		switch x := r.IntN(20); {
		case x < 14:
		case x < 19:
			t = t.Add(time.Duration(r.IntN(2000)) * time.Millisecond)
		default:
			t = t.Add(time.Duration(2+r.IntN(28)) * time.Second)
		}
	}
	for i := range 2 {
		at := start.Add(time.Duration(1+i*4) * time.Hour)
		g.stop = append(g.stop, attnflow.Event{Timestamp: at, Duration: 25 * time.Minute, Data: attnflow.Data{"label": fmt.Sprintf("pomodoro %d", i), "running": false}})
	}
}

// browserTabs adds web events for the tabs seen during one browser window
// event: the page itself, sometimes preceded by another tab.
func (g *benchGen) browserTabs(app string, t time.Time, dur time.Duration, url, page string) {
	bucket := Browsers[1]
	if app == "Google-chrome" {
		bucket = Browsers[0]
	}
	if dur > 10*time.Second && g.r.IntN(2) == 0 {
		s := pickWeighted(g.r, benchSites, func(s site) float64 { return s.w }, g.siteSum)
		u2, p2 := s.page(g.r)
		first := dur / 3
		g.web[bucket] = append(g.web[bucket], attnflow.Event{Timestamp: t, Duration: first, Data: g.webData(u2, p2, false)})
		t, dur = t.Add(first), dur-first
	}
	audible := strings.Contains(url, "youtube")
	g.web[bucket] = append(g.web[bucket], attnflow.Event{Timestamp: t, Duration: dur, Data: g.webData(url, page, audible)})
}

// Bucket ids of the generated window, AFK and stopwatch data.
const (
	WindowBucket    = "aw-watcher-window_host"
	AFKBucket       = "aw-watcher-afk_host"
	StopwatchBucket = "aw-stopwatch"
)

// Dataset is generated data: buckets and their events, oldest first.
type Dataset struct {
	Buckets []attnflow.Bucket
	Events  map[string][]attnflow.Event // by bucket id
	// Counts has the number of "window", "afk", "web" (all browsers) and
	// "stopwatch" events, and of "distinct_titles" of window events.
	Counts map[string]int
}

// Generate returns days of data from start (midnight UTC), the same for
// the same seed. Every event has its own data map, as a store decodes
// them; equal strings are shared.
func Generate(start time.Time, days int, seed uint64) *Dataset {
	g := &benchGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), strs: map[string]string{}, web: map[string][]attnflow.Event{}}
	for _, a := range benchApps {
		g.appSum += a.w
	}
	for _, s := range benchSites {
		g.siteSum += s.w
	}
	for d := range days {
		g.day(start.AddDate(0, 0, d))
	}
	ds := &Dataset{Events: map[string][]attnflow.Event{}, Counts: map[string]int{}}
	add := func(id, typ string, events []attnflow.Event) {
		ds.Buckets = append(ds.Buckets, attnflow.Bucket{ID: id, Type: typ, Client: "querytest", Hostname: "host"})
		ds.Events[id] = events
	}
	add(WindowBucket, "currentwindow", g.window)
	add(AFKBucket, "afkstatus", g.afk)
	add(StopwatchBucket, "general.stopwatch", g.stop)
	ds.Counts["window"], ds.Counts["afk"], ds.Counts["stopwatch"] = len(g.window), len(g.afk), len(g.stop)
	titles := map[string]bool{}
	for _, e := range g.window {
		titles[e.Data["title"].(string)] = true
	}
	ds.Counts["distinct_titles"] = len(titles)
	for _, b := range Browsers {
		add(b, "web.tab.current", g.web[b])
		ds.Counts["web"] += len(g.web[b])
	}
	return ds
}

// Source returns the dataset in a query.MemorySource.
func (ds *Dataset) Source() *query.MemorySource {
	src := query.NewMemorySource()
	for _, b := range ds.Buckets {
		src.Add(b, ds.Events[b.ID])
	}
	return src
}
