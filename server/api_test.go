package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attnflow/attnflow/server"
)

// wireEvent is an event as a client sees it.
type wireEvent struct {
	ID        int64          `json:"id"`
	Timestamp time.Time      `json:"timestamp"`
	Duration  float64        `json:"duration"`
	Data      map[string]any `json:"data"`
}

func hb(ts string, dur float64, app string) map[string]any {
	return map[string]any{"timestamp": ts, "duration": dur, "data": map[string]any{"app": app}}
}

func TestInfo(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	var info map[string]any
	s.must(200, "GET", "/api/0/info", nil).json(t, &info)
	if info["hostname"] != "testhost" || info["testing"] != true || info["device_id"] == "" {
		t.Errorf("info = %v", info)
	}
	s.must(200, "GET", "/api/0/info/", nil) // trailing slash accepted
}

func TestBuckets(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("aw-watcher-window_testhost", "currentwindow")
	s.must(304, "POST", "/api/0/buckets/aw-watcher-window_testhost", map[string]any{"client": "c", "type": "t", "hostname": "h"})

	var b map[string]any
	s.must(200, "GET", "/api/0/buckets/aw-watcher-window_testhost", nil).json(t, &b)
	if b["hostname"] != "testhost" || b["type"] != "currentwindow" || b["id"] != "aw-watcher-window_testhost" {
		t.Errorf("bucket = %v (want !local resolved to testhost)", b)
	}
	meta := b["metadata"].(map[string]any)
	if meta["start"] != nil || meta["end"] != nil {
		t.Errorf("empty bucket metadata = %v, want nulls", meta)
	}
	var all map[string]any
	s.must(200, "GET", "/api/0/buckets/", nil).json(t, &all)
	if _, ok := all["aw-watcher-window_testhost"]; !ok || len(all) != 1 {
		t.Errorf("buckets = %v", all)
	}
	for _, body := range []string{`{"type":"x","hostname":"h"}`, `{"client":"x","hostname":"h"}`, `{"client":"x","type":"t"}`, `{`, ``} {
		s.must(400, "POST", "/api/0/buckets/bad", body)
	}
	s.must(404, "GET", "/api/0/buckets/missing", nil)
	s.must(404, "DELETE", "/api/0/buckets/missing", nil)
	s.must(200, "DELETE", "/api/0/buckets/aw-watcher-window_testhost", nil)
	s.must(404, "GET", "/api/0/buckets/aw-watcher-window_testhost", nil)
}

func TestDeleteBucketNeedsForceOutsideTesting(t *testing.T) {
	s := newTestServer(t, server.Config{})
	s.createBucket("b", "t")
	s.must(400, "DELETE", "/api/0/buckets/b", nil)
	s.must(200, "DELETE", "/api/0/buckets/b?force=1", nil)
}

func TestHeartbeats(t *testing.T) {
	type step struct {
		hb        map[string]any
		pulsetime string
		wantID    int // index into ids seen so far (merge) or -1 for new
		wantDur   float64
	}
	tests := []struct {
		name  string
		steps []step
		count int
	}{
		{"merge within pulsetime", []step{
			{hb("2026-03-01T10:00:00Z", 0, "a"), "10", -1, 0},
			{hb("2026-03-01T10:00:05Z", 0, "a"), "10", 0, 5},
			{hb("2026-03-01T10:00:15Z", 0, "a"), "10", 0, 15},
		}, 1},
		{"gap exactly at pulsetime merges, beyond does not", []step{
			{hb("2026-03-01T10:00:00Z", 0, "a"), "10", -1, 0},
			{hb("2026-03-01T10:00:10Z", 0, "a"), "10", 0, 10},
			{hb("2026-03-01T10:00:20.001Z", 0, "a"), "10", -1, 0},
		}, 2},
		{"data change starts a new event", []step{
			{hb("2026-03-01T10:00:00Z", 0, "a"), "10", -1, 0},
			{hb("2026-03-01T10:00:01Z", 0, "b"), "10", -1, 0},
			{hb("2026-03-01T10:00:02Z", 0, "b"), "10", 1, 1},
		}, 2},
		{"pre-merged heartbeats with duration", []step{
			{hb("2026-03-01T10:00:00Z", 10, "a"), "1", -1, 10},
			{hb("2026-03-01T10:00:10Z", 10, "a"), "1", 0, 20},
			{hb("2026-03-01T10:00:25Z", 10, "a"), "1", -1, 10},
		}, 2},
		{"past timestamp is a new event", []step{
			{hb("2026-03-01T10:00:10Z", 0, "a"), "60", -1, 0},
			{hb("2026-03-01T10:00:05Z", 0, "a"), "60", -1, 0},
		}, 2},
		{"equal timestamps merge", []step{
			{hb("2026-03-01T10:00:00Z", 0, "a"), "5", -1, 0},
			{hb("2026-03-01T10:00:00Z", 0, "a"), "5", 0, 0},
		}, 1},
		{"float pulsetime", []step{
			{hb("2026-03-01T10:00:00Z", 0, "a"), "0.5", -1, 0},
			{hb("2026-03-01T10:00:00.5Z", 0, "a"), "0.5", 0, 0.5},
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, server.Config{Testing: true})
			s.createBucket("b", "currentwindow")
			var ids []int64
			for i, st := range tt.steps {
				var got wireEvent
				s.must(200, "POST", "/api/0/buckets/b/heartbeat?pulsetime="+st.pulsetime, st.hb).json(t, &got)
				if got.ID == 0 {
					t.Fatalf("step %d: heartbeat answer has no id: %+v", i, got)
				}
				if st.wantID >= 0 && got.ID != ids[st.wantID] {
					t.Errorf("step %d: merged into %d, want %d", i, got.ID, ids[st.wantID])
				}
				if st.wantID < 0 {
					for _, id := range ids {
						if id == got.ID {
							t.Errorf("step %d: merged into %d, want a new event", i, id)
						}
					}
					ids = append(ids, got.ID)
				}
				if got.Duration != st.wantDur {
					t.Errorf("step %d: duration %v, want %v", i, got.Duration, st.wantDur)
				}
			}
			var n int
			s.must(200, "GET", "/api/0/buckets/b/events/count", nil).json(t, &n)
			if n != tt.count {
				t.Errorf("count = %d, want %d", n, tt.count)
			}
		})
	}
}

func TestHeartbeatErrors(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	good := hb("2026-03-01T10:00:00Z", 0, "a")
	s.must(400, "POST", "/api/0/buckets/b/heartbeat", good)
	s.must(400, "POST", "/api/0/buckets/b/heartbeat?pulsetime=abc", good)
	s.must(400, "POST", "/api/0/buckets/b/heartbeat?pulsetime=-1", good)
	s.must(404, "POST", "/api/0/buckets/nope/heartbeat?pulsetime=1", good)
	s.must(400, "POST", "/api/0/buckets/b/heartbeat?pulsetime=1", `{"timestamp":"soon","data":{}}`)
	s.must(400, "POST", "/api/0/buckets/b/heartbeat?pulsetime=1", `{"timestamp":"2026-03-01T10:00:00Z"}`)
	s.must(400, "POST", "/api/0/buckets/b/heartbeat?pulsetime=1", `not json`)
}

func TestHeartbeatCacheInvalidation(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	var first wireEvent
	s.must(200, "POST", "/api/0/buckets/b/heartbeat?pulsetime=60", hb("2026-03-01T10:00:00Z", 0, "a")).json(t, &first)
	s.must(200, "DELETE", fmt.Sprintf("/api/0/buckets/b/events/%d", first.ID), nil)
	var second wireEvent
	s.must(200, "POST", "/api/0/buckets/b/heartbeat?pulsetime=60", hb("2026-03-01T10:00:10Z", 0, "a")).json(t, &second)
	if second.Duration != 0 || !second.Timestamp.Equal(first.Timestamp.Add(10*time.Second)) {
		t.Errorf("after delete the heartbeat merged into the deleted event: %+v", second)
	}
	// Replacing the last event through insert must also be seen.
	repl := hb("2026-03-01T10:00:10Z", 0, "other")
	repl["id"] = second.ID
	s.must(200, "POST", "/api/0/buckets/b/events", []any{repl})
	var third wireEvent
	s.must(200, "POST", "/api/0/buckets/b/heartbeat?pulsetime=60", hb("2026-03-01T10:00:20Z", 0, "other")).json(t, &third)
	if third.ID != second.ID || third.Duration != 10 {
		t.Errorf("heartbeat after replace = %+v, want merged into %d with duration 10", third, second.ID)
	}
	// Bucket deleted and re-created: no stale cache.
	s.must(200, "DELETE", "/api/0/buckets/b", nil)
	s.createBucket("b", "t")
	var fourth wireEvent
	s.must(200, "POST", "/api/0/buckets/b/heartbeat?pulsetime=60", hb("2026-03-01T10:00:25Z", 0, "other")).json(t, &fourth)
	if fourth.Duration != 0 {
		t.Errorf("heartbeat after re-create merged into a stale event: %+v", fourth)
	}
}

func TestConcurrentHeartbeatsOneBucket(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				r := s.do("POST", "/api/0/buckets/b/heartbeat?pulsetime=1000", hb("2026-03-01T10:00:00Z", float64(i), "a"))
				if r.status != 200 {
					t.Errorf("status %d: %s", r.status, r.body)
				}
			}
		}()
	}
	wg.Wait()
	var events []wireEvent
	s.must(200, "GET", "/api/0/buckets/b/events", nil).json(t, &events)
	if len(events) != 1 || events[0].Duration != 24 {
		t.Errorf("events = %+v, want one event of 24 s", events)
	}
}

func TestEventsOrderingRangeClipLimit(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	evs := []map[string]any{
		{"timestamp": "2026-03-01T10:00:00Z", "duration": 60, "data": map[string]any{"n": 1}},
		{"timestamp": "2026-03-01T10:05:00Z", "duration": 60, "data": map[string]any{"n": 2}},
		{"timestamp": "2026-03-01T10:05:00Z", "duration": 30, "data": map[string]any{"n": 3}}, // tie
		{"timestamp": "2026-03-01T10:10:00Z", "duration": 60, "data": map[string]any{"n": 4}},
	}
	var stored []wireEvent
	s.must(200, "POST", "/api/0/buckets/b/events", evs).json(t, &stored)
	if len(stored) != 4 || stored[0].ID == 0 {
		t.Fatalf("stored = %+v", stored)
	}
	order := func(path string) string {
		var got []wireEvent
		s.must(200, "GET", path, nil).json(t, &got)
		var parts []string
		for _, e := range got {
			parts = append(parts, fmt.Sprintf("%v:%v", e.Data["n"], e.Duration))
		}
		return strings.Join(parts, " ")
	}
	tests := []struct{ path, want string }{
		{"/api/0/buckets/b/events", "4:60 2:60 3:30 1:60"},
		{"/api/0/buckets/b/events?limit=2", "4:60 2:60"},
		{"/api/0/buckets/b/events?limit=0", ""},
		{"/api/0/buckets/b/events?limit=-1", "4:60 2:60 3:30 1:60"},
		// inclusive range, clipped: event 1 ends 10:01, clipped to start 10:00:30
		{"/api/0/buckets/b/events?start=2026-03-01T10:00:30Z&end=2026-03-01T10:05:15Z", "2:15 3:15 1:30"},
		// an event starting exactly at end comes back with duration 0
		{"/api/0/buckets/b/events?start=2026-03-01T10:06:00Z&end=2026-03-01T10:10:00Z", "4:0 2:0"},
		{"/api/0/buckets/b/events?start=2026-03-01T11:05:00%2B01:00&end=2026-03-01T10:05:00Z", "2:0 3:0"},
		{"/api/0/buckets/b/events?start=2026-03-01T11:05:00+01:00&end=2026-03-01T10:05:00Z", "2:0 3:0"},
	}
	for _, tt := range tests {
		if got := order(tt.path); got != tt.want {
			t.Errorf("GET %s = %q, want %q", tt.path, got, tt.want)
		}
	}
	var n int
	s.must(200, "GET", "/api/0/buckets/b/events/count?start=2026-03-01T10:05:00Z&end=2026-03-01T10:06:00Z", nil).json(t, &n)
	if n != 2 {
		t.Errorf("count in range = %d, want 2", n)
	}
	var one wireEvent
	s.must(200, "GET", fmt.Sprintf("/api/0/buckets/b/events/%d", stored[0].ID), nil).json(t, &one)
	if one.Data["n"] != 1.0 {
		t.Errorf("event by id = %+v", one)
	}
	s.must(404, "GET", "/api/0/buckets/b/events/999999", nil)
	s.must(404, "GET", "/api/0/buckets/b/events/notanumber", nil)
	s.must(400, "GET", "/api/0/buckets/b/events?start=yesterday", nil)
	s.must(400, "GET", "/api/0/buckets/b/events?limit=many", nil)
	s.must(404, "GET", "/api/0/buckets/nope/events", nil)
	s.must(404, "DELETE", "/api/0/buckets/b/events/999999", nil)
}

func TestInsertIsAllOrNothing(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	bad := `[{"timestamp":"2026-03-01T10:00:00Z","duration":1,"data":{}},{"timestamp":"bad","data":{}}]`
	s.must(400, "POST", "/api/0/buckets/b/events", bad)
	var n int
	s.must(200, "GET", "/api/0/buckets/b/events/count", nil).json(t, &n)
	if n != 0 {
		t.Errorf("a rejected batch left %d events", n)
	}
	s.must(404, "POST", "/api/0/buckets/nope/events", `[]`)
	s.must(200, "POST", "/api/0/buckets/b/events", `{"timestamp":"2026-03-01T10:00:00Z","data":{"single":true}}`)
}

func TestReplaceByID(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	var stored []wireEvent
	s.must(200, "POST", "/api/0/buckets/b/events", `{"timestamp":"2026-03-01T10:00:00Z","duration":1,"data":{"v":1}}`).json(t, &stored)
	id := stored[0].ID
	s.must(200, "POST", "/api/0/buckets/b/events", fmt.Sprintf(`{"id":%d,"timestamp":"2026-03-01T10:00:00Z","duration":5,"data":{"v":2}}`, id))
	var got []wireEvent
	s.must(200, "GET", "/api/0/buckets/b/events", nil).json(t, &got)
	if len(got) != 1 || got[0].ID != id || got[0].Duration != 5 || got[0].Data["v"] != 2.0 {
		t.Errorf("after replace: %+v", got)
	}
}

func TestSettings(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	if r := s.must(200, "GET", "/api/0/settings/startOfDay", nil); strings.TrimSpace(string(r.body)) != "null" {
		t.Errorf("unset setting = %s, want null", r.body)
	}
	classes := `[{"name":["Work"],"rule":{"type":"regex","regex":"code"},"data":{"score":2}}]`
	s.must(200, "POST", "/api/0/settings/classes", classes)
	s.must(200, "POST", "/api/0/settings/startOfDay", `"04:00"`)
	var v []map[string]any
	s.must(200, "GET", "/api/0/settings/classes", nil).json(t, &v)
	if len(v) != 1 || v[0]["data"].(map[string]any)["score"] != 2.0 {
		t.Errorf("classes = %v", v)
	}
	var all map[string]any
	s.must(200, "GET", "/api/0/settings", nil).json(t, &all)
	if all["startOfDay"] != "04:00" || len(all) != 2 {
		t.Errorf("settings = %v", all)
	}
	s.must(200, "DELETE", "/api/0/settings/startOfDay", nil)
	if r := s.must(200, "GET", "/api/0/settings/startOfDay", nil); strings.TrimSpace(string(r.body)) != "null" {
		t.Errorf("deleted setting = %s, want null", r.body)
	}
	s.must(400, "POST", "/api/0/settings/"+strings.Repeat("k", 128), `1`)
	s.must(400, "POST", "/api/0/settings/x", `{bad`)
}

func TestExportImportRoundTrip(t *testing.T) {
	src := newTestServer(t, server.Config{Testing: true})
	src.createBucket("aw-watcher-window_h", "currentwindow")
	src.createBucket("aw-watcher-afk_h", "afkstatus")
	src.must(200, "POST", "/api/0/buckets/aw-watcher-window_h/events", `[
		{"timestamp":"2026-03-01T10:00:00.123Z","duration":10.5,"data":{"app":"code","title":"main.go — 日本"}},
		{"timestamp":"2026-03-01T10:00:10Z","duration":3,"data":{"app":"firefox","title":"docs"}}]`)
	src.must(200, "POST", "/api/0/buckets/aw-watcher-afk_h/events", `{"timestamp":"2026-03-01T10:00:00Z","duration":60,"data":{"status":"not-afk"}}`)
	exp := src.must(200, "GET", "/api/0/export", nil)
	if cd := exp.header.Get("Content-Disposition"); !strings.Contains(cd, "aw-buckets-export.json") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	dst := newTestServer(t, server.Config{Testing: true})
	var sum map[string]any
	dst.must(200, "POST", "/api/0/import", exp.body).json(t, &sum)
	body, ctype := multipartImport(t, exp.body) // again, as the web UI uploads it: no duplicates
	dst.must(200, "POST", "/api/0/import", body, "Content-Type", ctype)
	again := dst.must(200, "GET", "/api/0/export", nil)
	var a, b map[string]map[string]map[string]any
	exp.json(t, &a)
	again.json(t, &b)
	for id, bucket := range a["buckets"] {
		ea, eb := bucket["events"].([]any), b["buckets"][id]["events"].([]any)
		if len(ea) != len(eb) {
			t.Errorf("bucket %s: %d events after two imports, want %d", id, len(eb), len(ea))
			continue
		}
		for i := range ea {
			x, y := ea[i].(map[string]any), eb[i].(map[string]any)
			delete(x, "id")
			delete(y, "id")
			if fmt.Sprint(x) != fmt.Sprint(y) {
				t.Errorf("bucket %s event %d: %v != %v", id, i, y, x)
			}
		}
	}
	one := src.must(200, "GET", "/api/0/buckets/aw-watcher-afk_h/export", nil)
	if !strings.Contains(string(one.body), `"not-afk"`) || strings.Contains(string(one.body), "firefox") {
		t.Errorf("bucket export = %s", one.body)
	}
	dst.must(400, "POST", "/api/0/import", `{"buckets": {"x": {"id":"x","type":"t","client":"c","hostname":"h","events":[{"timestamp":"bad","data":{}}]}}}`)
	dst.must(404, "GET", "/api/0/buckets/x", nil) // nothing half-imported
	dst.must(400, "POST", "/api/0/import", `[1,2,3]`)
	dst.must(400, "POST", "/api/0/import", `{"foo": 1}`)
}

func TestSecurity(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	// DNS rebinding: a foreign Host is refused.
	s.must(400, "GET", "/api/0/buckets/", nil, "Host", "evil.example:5666")
	s.must(200, "GET", "/api/0/buckets/", nil, "Host", "localhost:5666")
	// CORS preflight from the Firefox extension.
	r := s.must(200, "OPTIONS", "/api/0/buckets/b/heartbeat", nil,
		"Origin", "moz-extension://1234-abcd", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if r.header.Get("Access-Control-Allow-Origin") != "moz-extension://1234-abcd" || !strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight headers = %v", r.header)
	}
	r = s.must(200, "OPTIONS", "/api/0/buckets/b/heartbeat", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("foreign origin allowed: %v", r.header)
	}
	s.must(200, "GET", "/api/0/buckets/", nil, "Origin", "chrome-extension://nglaklhklhcoonedhgnpgddginnjdadi")
	s.must(403, "POST", "/api/0/buckets/b/heartbeat?pulsetime=1", hb("2026-03-01T10:00:00Z", 0, "x"), "Origin", "https://evil.example")
	// Oversize body.
	big := `{"timestamp":"2026-03-01T10:00:00Z","data":{"x":"` + strings.Repeat("a", 33<<20) + `"}}`
	s.must(http.StatusRequestEntityTooLarge, "POST", "/api/0/buckets/b/events", big)
	s.must(404, "GET", "/api/0/nothing", nil)
}

func TestAPIKey(t *testing.T) {
	s := newTestServer(t, server.Config{APIKeys: []string{"s3cret"}})
	s.must(200, "GET", "/api/0/info", nil)
	s.must(401, "GET", "/api/0/buckets/", nil)
	s.must(401, "GET", "/api/0/buckets/", nil, "Authorization", "Bearer wrong")
	s.must(200, "GET", "/api/0/buckets/", nil, "Authorization", "Bearer s3cret")
	s.must(401, "GET", "/metrics", nil)
	s.must(200, "GET", "/", nil) // the dashboard loads, then asks for the key
}

func TestRefusesNetworkWithoutKey(t *testing.T) {
	if _, err := server.New(server.Config{Addr: "0.0.0.0:5600"}, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "API key") {
		t.Errorf("listening on 0.0.0.0 without a key: err = %v, want a refusal naming the API key", err)
	}
}

func TestMetricsAndHealth(t *testing.T) {
	s := newTestServer(t, server.Config{Testing: true})
	s.createBucket("b", "t")
	s.must(200, "POST", "/api/0/buckets/b/heartbeat?pulsetime=1", hb("2026-03-01T10:00:00Z", 0, "x"))
	s.must(200, "GET", "/healthz", nil)
	m := string(s.must(200, "GET", "/metrics", nil).body)
	for _, want := range []string{
		`attnflow_http_requests_total{code="200",method="POST",route="POST /api/0/buckets/{bucket}/heartbeat"} 1`,
		`attnflow_events_ingested_total{path="heartbeat"} 1`,
		`attnflow_store_size_bytes`,
		`attnflow_store_queue_depth{queue="heartbeats"}`,
		`attnflow_store_queue_depth{queue="writes"} 0`,
		`attnflow_http_request_duration_seconds_bucket`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
