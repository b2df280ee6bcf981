package server_test

import (
	"strings"
	"testing"

	"github.com/attnflow/attnflow/server"
)

func TestQueryEndpoint(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("aw-watcher-window_h", "currentwindow")
	s.createBucket("aw-watcher-afk_h", "afkstatus")
	s.must(200, "POST", "/api/0/buckets/aw-watcher-window_h/events", `[
		{"timestamp":"2026-03-01T10:00:00Z","duration":600,"data":{"app":"code","title":"main.go"}},
		{"timestamp":"2026-03-01T10:10:00Z","duration":300,"data":{"app":"firefox","title":"Go docs"}},
		{"timestamp":"2026-03-01T10:15:00Z","duration":300,"data":{"app":"code","title":"main_test.go"}}]`)
	s.must(200, "POST", "/api/0/buckets/aw-watcher-afk_h/events", `[
		{"timestamp":"2026-03-01T10:00:00Z","duration":900,"data":{"status":"not-afk"}},
		{"timestamp":"2026-03-01T10:15:00Z","duration":300,"data":{"status":"afk"}}]`)
	q := map[string]any{
		"timeperiods": []string{"2026-03-01T00:00:00Z/2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z/2026-03-03T00:00:00Z"},
		"query": []string{
			`events = flood(query_bucket(find_bucket("aw-watcher-window_")));`,
			`not_afk = flood(query_bucket(find_bucket("aw-watcher-afk_")));`,
			`not_afk = filter_keyvals(not_afk, "status", ["not-afk"]);`,
			`events = filter_period_intersect(events, not_afk);`,
			`events = categorize(events, [[["Work"], {"type": "regex", "regex": "code"}]]);`,
			`by_app = sort_by_duration(merge_events_by_keys(events, ["app"]));`,
			`RETURN = {"apps": by_app, "duration": sum_durations(events)};`,
		},
	}
	var res []struct {
		Apps []struct {
			Duration float64        `json:"duration"`
			Data     map[string]any `json:"data"`
		} `json:"apps"`
		Duration float64 `json:"duration"`
	}
	s.must(200, "POST", "/api/0/query/", q).json(t, &res)
	if len(res) != 2 {
		t.Fatalf("got %d results, want one per period", len(res))
	}
	if res[0].Duration != 900 || len(res[0].Apps) != 2 || res[0].Apps[0].Data["app"] != "code" || res[0].Apps[0].Duration != 600 {
		t.Errorf("day 1 = %+v, want code 600 s then firefox 300 s, total 900 s", res[0])
	}
	if res[1].Duration != 0 || len(res[1].Apps) != 0 {
		t.Errorf("day 2 = %+v, want empty", res[1])
	}
}

func TestQueryErrors(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	period := []string{"2026-03-01T00:00:00Z/2026-03-02T00:00:00Z"}
	tests := []struct {
		name     string
		body     any
		wantType string
		wantMsg  string
	}{
		{"syntax error with position", map[string]any{"timeperiods": period, "query": []string{"RETURN = (1;"}}, "QueryParseError", "line 1"},
		{"unknown function", map[string]any{"timeperiods": period, "query": []string{"RETURN = nosuch();"}}, "", "nosuch"},
		{"unknown bucket", map[string]any{"timeperiods": period, "query": []string{`RETURN = query_bucket("nope");`}}, "", "nope"},
		{"bad regex", map[string]any{"timeperiods": period, "query": []string{`RETURN = filter_keyvals_regex([], "app", "(");`}}, "", ""},
		{"malformed period", map[string]any{"timeperiods": []string{"yesterday"}, "query": []string{"RETURN = 1;"}}, "", "timeperiods[0]"},
		{"empty query", map[string]any{"timeperiods": period, "query": []string{}}, "QueryParseError", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e map[string]string
			s.must(400, "POST", "/api/0/query/", tt.body).json(t, &e)
			if e["type"] == "" || e["message"] == "" {
				t.Fatalf("error = %v, want type and message", e)
			}
			if tt.wantType != "" && e["type"] != tt.wantType {
				t.Errorf("type = %q, want %q", e["type"], tt.wantType)
			}
			if !strings.Contains(e["message"], tt.wantMsg) {
				t.Errorf("message = %q, want it to mention %q", e["message"], tt.wantMsg)
			}
		})
	}
	s.must(400, "POST", "/api/0/query/", `{not json`)
}
