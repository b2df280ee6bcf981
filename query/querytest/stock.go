// Package querytest holds fixtures for tests and benchmarks of the query
// language: the query text of aw-webui's stock Activity view and a
// deterministic generator of realistic ActivityWatch data.
package querytest

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// This file rebuilds the query text that aw-webui sends for its Activity
// view (src/queries.ts: fullDesktopQuery, canonicalEvents, browserEvents,
// querystr_to_array), so the tests and benchmarks run exactly what the
// stock dashboard asks.

// DesktopParams are FullDesktopQuery's parameters.
type DesktopParams struct {
	BidWindow, BidAFK   string
	BidBrowsers         []string
	BidStopwatch        string
	FilterAFK           bool
	AlwaysActivePattern string
	Categories          [][2]any // [name []string, rule map]
}

// browserAppnames and browserAppnameRegex are aw-webui's tables for the
// browsers the tests use.
var browserAppnames = map[string][]string{
	"chrome":  {"com.google.Chrome", "com.google.ChromeDev", "org.chromium.Chromium", "company.thebrowser.dia"},
	"firefox": {"org.mozilla.firefox", "io.gitlab.librewolf-community", "net.waterfox.waterfox"},
}

var browserAppnameRegex = map[string]string{
	"chrome":  `(?i)^(google[-_ ]?chrome|chrome|chromium|arc(\.exe)?$|dia(\.exe)?$)`,
	"firefox": `(?i)(firefox|librewolf|waterfox|nightly)`,
}

var browserOrder = []string{"chrome", "firefox", "opera", "brave", "edge", "arc", "vivaldi", "orion", "yandex", "zen", "floorp", "helium"}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func queryBucketExpr(bid string) string {
	if strings.HasSuffix(bid, "_") {
		return fmt.Sprintf(`query_bucket(find_bucket("%s"))`, bid)
	}
	return fmt.Sprintf(`query_bucket("%s")`, bid)
}

func browserEventsQuery(p DesktopParams) string {
	code := "\n    browser_events = [];\n  "
	for _, name := range browserOrder {
		bid := ""
		for _, b := range p.BidBrowsers {
			if strings.Contains(b, name) {
				bid = b
				break
			}
		}
		if bid == "" {
			continue
		}
		code += fmt.Sprintf("events_%s = flood(query_bucket(\"%s\"));\n       window_%s = filter_keyvals(events, \"app\", %s);",
			name, bid, name, jsonString(browserAppnames[name]))
		if pat, ok := browserAppnameRegex[name]; ok {
			code += fmt.Sprintf("\n       window_%s_re = filter_keyvals_regex(events, \"app\", %s);\n       window_%s = sort_by_timestamp(concat(window_%s, window_%s_re));",
				name, jsonString(pat), name, name, name)
		}
		code += fmt.Sprintf("\n       events_%s = filter_period_intersect(events_%s, window_%s);\n       events_%s = split_url_events(events_%s);\n       browser_events = concat(browser_events, events_%s);\n       browser_events = sort_by_timestamp(browser_events);",
			name, name, name, name, name, name)
	}
	return code
}

func canonicalEvents(p DesktopParams) string {
	// JSON.stringify(categories).replace(/\\\\/g, '\\')
	cats := strings.ReplaceAll(jsonString(p.Categories), `\\`, `\`)
	parts := []string{
		fmt.Sprintf("events = flood(%s);", queryBucketExpr(p.BidWindow)),
		"",
	}
	notAFK := fmt.Sprintf("not_afk = flood(%s);\n         not_afk = filter_keyvals(not_afk, \"status\", [\"not-afk\"]);", queryBucketExpr(p.BidAFK))
	if p.AlwaysActivePattern != "" {
		notAFK += fmt.Sprintf("not_treat_as_afk = filter_keyvals_regex(events, \"app\", \"%s\");\n             not_afk = period_union(not_afk, not_treat_as_afk);\n             not_treat_as_afk = filter_keyvals_regex(events, \"title\", \"%s\");\n             not_afk = period_union(not_afk, not_treat_as_afk);",
			p.AlwaysActivePattern, p.AlwaysActivePattern)
	}
	parts = append(parts, notAFK, browserEventsQuery(p))
	if p.FilterAFK {
		parts = append(parts, "events = filter_period_intersect(events, not_afk);")
	} else {
		parts = append(parts, "")
	}
	if p.BidStopwatch != "" {
		parts = append(parts, fmt.Sprintf("stopwatch_events = query_bucket(\"%s\");\n         events = union_no_overlap(stopwatch_events, events);", p.BidStopwatch))
	} else {
		parts = append(parts, "stopwatch_events = [];")
	}
	parts = append(parts, fmt.Sprintf("events = categorize(events, %s);", cats), "", "")
	return strings.Join(parts, "\n")
}

// FullDesktopQuery returns the statements aw-webui sends, joined with "\n"
// as the server does.
func FullDesktopQuery(p DesktopParams) string {
	text := "\n    " + canonicalEvents(p) + `
    title_events = sort_by_duration(merge_events_by_keys(events, ["app", "title"]));
    app_events   = sort_by_duration(merge_events_by_keys(title_events, ["app"]));
    cat_events   = sort_by_duration(merge_events_by_keys(events, ["$category"]));

    app_events  = limit_events(app_events, 100);
    title_events  = limit_events(title_events, 100);
    duration = sum_durations(events);
    ` + `
    browser_events = split_url_events(browser_events);
    browser_urls = merge_events_by_keys(browser_events, ["url"]);
    browser_urls = sort_by_duration(browser_urls);
    browser_urls = limit_events(browser_urls, 100);
    browser_domains = merge_events_by_keys(browser_events, ["$domain"]);
    browser_domains = sort_by_duration(browser_domains);
    browser_domains = limit_events(browser_domains, 100);
    browser_titles = merge_events_by_keys(browser_events, ["title"]);
    browser_titles = sort_by_duration(browser_titles);
    browser_titles = limit_events(browser_titles, 100);
    browser_duration = sum_durations(browser_events);
    stopwatch_events = merge_events_by_keys(stopwatch_events, ["label"]);
    stopwatch_events = sort_by_duration(stopwatch_events);
    stopwatch_events = limit_events(stopwatch_events, 100);

    RETURN = {
        "window": {
            "app_events": app_events,
            "title_events": title_events,
            "cat_events": cat_events,
            "active_events": not_afk,
            "duration": duration
        },
        "browser": {
            "domains": browser_domains,
            "urls": browser_urls,
            "titles": browser_titles,
            "duration": browser_duration
        },
        "stopwatch": {
            "stopwatch_events": stopwatch_events
        }
    };`
	return strings.Join(querystrToArray(text), "\n")
}

// querystrToArray splits on ';' outside double-quoted strings, as
// aw-webui's querystr_to_array.
func querystrToArray(q string) []string {
	var out []string
	var cur strings.Builder
	inString, inEscape := false, false
	for _, c := range q {
		switch {
		case inEscape:
			cur.WriteRune(c)
			inEscape = false
		case c == '\\' && inString:
			cur.WriteRune(c)
			inEscape = true
		case c == '"':
			inString = !inString
			cur.WriteRune(c)
		case c == ';' && !inString:
			if s := strings.TrimSpace(cur.String()); s != "" {
				out = append(out, s+";")
			}
			cur.Reset()
		default:
			cur.WriteRune(c)
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s+";")
	}
	return out
}

// stockCategories are aw-webui's default categories (type-null rules are
// left out, as classes_for_query does) plus a few common user additions,
// 20 rules in all.
func stockCategories() [][2]any {
	rule := func(re string, ic bool) map[string]any {
		r := map[string]any{"type": "regex", "regex": re}
		if ic {
			r["ignore_case"] = true
		}
		return r
	}
	c := func(names ...string) []string { return names }
	return [][2]any{
		{c("Work"), rule("Google Docs|libreoffice|ReText", false)},
		{c("Work", "Programming"), rule("GitHub|Stack Overflow|BitBucket|Gitlab|vim|Spyder|kate|Ghidra|Scite", false)},
		{c("Work", "Programming", "ActivityWatch"), rule("ActivityWatch|aw-", true)},
		{c("Work", "Programming", "attnflow"), rule("attnflow", true)},
		{c("Work", "Programming", "IDE"), rule("Visual Studio Code|IntelliJ|GoLand|Code", false)},
		{c("Work", "Programming", "Terminal"), rule(`^(Alacritty|gnome-terminal|kitty|Terminal)$`, false)},
		{c("Work", "Image"), rule("Gimp|Inkscape", false)},
		{c("Work", "Video"), rule("Kdenlive", false)},
		{c("Work", "Audio"), rule("Audacity", false)},
		{c("Work", "3D"), rule("Blender", false)},
		{c("Work", "Writing"), rule("Obsidian|Overleaf|\\.md\\b", true)},
		{c("Media", "Games"), rule("Minecraft|RimWorld|Steam", false)},
		{c("Media", "Video"), rule("YouTube|Plex|VLC|Netflix", false)},
		{c("Media", "Social Media"), rule("reddit|Facebook|Twitter|Instagram|devRant|Hacker News", true)},
		{c("Media", "Music"), rule("Spotify|Deezer", true)},
		{c("Media", "News"), rule("BBC|The Guardian|nytimes", true)},
		{c("Comms", "IM"), rule("Messenger|Telegram|Signal|WhatsApp|Rambox|Slack|Riot|Element|Discord|Nheko", false)},
		{c("Comms", "Email"), rule("Gmail|Thunderbird|mutt|alpine", false)},
		{c("Comms", "Meetings"), rule("Zoom|Google Meet|Jitsi", true)},
		{c("Work", "Docs"), rule(`(?i)docs\.|documentation|pkg\.go\.dev`, false)},
	}
}

// StockParams are the parameters the dashboard uses for host "host" with
// the given browser buckets, the stock categories and AFK filtering.
func StockParams(browsers []string) DesktopParams {
	sort.Strings(browsers)
	return DesktopParams{
		BidWindow: "aw-watcher-window_host", BidAFK: "aw-watcher-afk_host",
		BidBrowsers: browsers, BidStopwatch: "aw-stopwatch",
		FilterAFK: true, Categories: stockCategories(),
	}
}
