package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/server"
)

// gazeNDJSON is n samples at rate Hz from t0 (Unix seconds): fixations
// with a 300 px saccade every second, a lost-data gap at 0.5 s of each
// second, pupil 3.
func gazeNDJSON(t0 float64, n int, rate float64) string {
	var sb strings.Builder
	x := 300.0
	for i := range n {
		t := t0 + float64(i)/rate
		phase := i % int(rate)
		switch {
		case phase < int(0.03*rate):
			x += 300 / (0.03 * rate)
		case phase == int(rate)-1:
			x = 300
		}
		if phase >= int(0.5*rate) && phase < int(0.5*rate)+20 {
			fmt.Fprintf(&sb, `{"t": %.6f, "x": null, "y": null}`+"\n", t)
			continue
		}
		fmt.Fprintf(&sb, `{"t": %.6f, "x": %.2f, "y": %.2f, "pupil": 3}`+"\n", t, x+0.2*math.Sin(t*977), 384+0.2*math.Cos(t*1013))
	}
	return sb.String()
}

const gazeGeo = "&rate=500&screen_px=1024x768&screen_mm=380x300&distance_mm=670"

func readNDJSON(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("NDJSON line %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func TestGazeStreamRoundTrip(t *testing.T) {
	ts := newTestServer(t, server.Config{})
	const t0, rate = 1732838400.0, 500.0
	// Three uploads of 10 s each, as a tracker bridge would send them.
	for k := range 3 {
		body := gazeNDJSON(t0+10*float64(k), 5000, rate)
		r := ts.must(200, "POST", "/api/v1/gaze/stream?session=s1"+gazeGeo, body)
		var got struct{ Samples, Chunks int }
		r.json(t, &got)
		if got.Samples != 5000 || got.Chunks < 1 {
			t.Fatalf("upload %d: %+v, want 5000 samples in ≥ 1 chunk", k, got)
		}
	}
	var sess struct{ Sessions []string }
	ts.must(200, "GET", "/api/v1/gaze/sessions", nil).json(t, &sess)
	if len(sess.Sessions) != 1 || sess.Sessions[0] != "s1" {
		t.Errorf("sessions = %v, want [s1]", sess.Sessions)
	}

	samples := readNDJSON(t, ts.must(200, "GET", "/api/v1/gaze/samples?session=s1", nil).body)
	want := readNDJSON(t, []byte(gazeNDJSON(t0, 15000, rate)))
	if len(samples) != len(want) {
		t.Fatalf("got %d samples back, want %d", len(samples), len(want))
	}
	for i := range want {
		for _, k := range []string{"t", "x", "y"} {
			g, gok := samples[i][k].(float64)
			w, wok := want[i][k].(float64)
			if gok != wok || math.Abs(g-w) > 0.006 {
				t.Fatalf("sample %d %s = %v, want %v", i, k, samples[i][k], want[i][k])
			}
		}
	}

	labels := readNDJSON(t, ts.must(200, "GET", "/api/v1/gaze/labels?session=s1", nil).body)
	if len(labels) != len(want) {
		t.Fatalf("got %d labels, want %d", len(labels), len(want))
	}
	count := map[string]int{}
	for _, l := range labels {
		count[l["label"].(string)]++
	}
	// 30 s with a saccade each second and a 40 ms gap each second.
	if count["fixation"] < 10000 || count["saccade"] < 20*int(0.02*rate) || count["blink"] < 30*20 {
		t.Errorf("label counts %v: want mostly fixation, ≥ 20 saccades' worth, the gaps as blinks", count)
	}
}

func TestGazeStreamBadInput(t *testing.T) {
	ts := newTestServer(t, server.Config{})
	good := `{"t": 1732838400.0, "x": 1, "y": 2}` + "\n"
	tests := []struct {
		name, path, body string
		status           int
		msg              string
	}{
		{"no session", "/api/v1/gaze/stream", good, 400, "session"},
		{"empty body", "/api/v1/gaze/stream?session=a", "", 400, "no gaze samples"},
		{"not JSON", "/api/v1/gaze/stream?session=a", good + "x=1,y=2\n", 400, "line 2"},
		{"unknown field", "/api/v1/gaze/stream?session=a", `{"t": 1, "x": 1, "y": 2, "z": 3}`, 400, "line 1"},
		{"no time", "/api/v1/gaze/stream?session=a", `{"x": 1, "y": 2}`, 400, "t (Unix seconds)"},
		{"x without y", "/api/v1/gaze/stream?session=a", `{"t": 1, "x": 1}`, 400, "both x and y"},
		{"back in time", "/api/v1/gaze/stream?session=a", good + `{"t": 1732838401, "x": 1, "y": 2}` + "\n" + `{"t": 1732838400.5, "x": 1, "y": 2}`, 400, "line 3"},
		{"bad geometry", "/api/v1/gaze/stream?session=a&screen_px=wide", good, 400, "screen_px"},
		{"unknown session", "/api/v1/gaze/samples?session=nope", "", 404, "no gaze"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "POST"
			if strings.Contains(tt.path, "/samples") {
				method = "GET"
			}
			r := ts.do(method, tt.path, tt.body)
			if r.status != tt.status || !strings.Contains(string(r.body), tt.msg) {
				t.Errorf("status %d body %s; want %d with %q", r.status, r.body, tt.status, tt.msg)
			}
		})
	}
	// Labels need the geometry: streamed without it, asked without it.
	ts.must(200, "POST", "/api/v1/gaze/stream?session=nogeo", good)
	r := ts.do("GET", "/api/v1/gaze/labels?session=nogeo", nil)
	if r.status != 400 || !strings.Contains(string(r.body), "sampling rate") {
		t.Errorf("labels without geometry: %d %s; want 400 naming the missing field", r.status, r.body)
	}
	ts.must(200, "GET", "/api/v1/gaze/labels?session=nogeo"+gazeGeo, nil)
}

// startUpload begins a streamed upload whose body stays open until the
// returned function is called; it then reports the upload's status.
func startUpload(t *testing.T, ts *testServer, session string) (finish func() int) {
	t.Helper()
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", ts.url+"/api/v1/gaze/stream?session="+session, pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "127.0.0.1:5666"
	done := make(chan int, 1)
	go func() {
		resp, err := ts.hc.Do(req)
		if err != nil {
			done <- -1
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	go pw.Write([]byte(`{"t": 1732838400, "x": 1, "y": 2}` + "\n"))
	// A failing test must not leave the upload open: the test server's
	// Close would wait for it forever.
	t.Cleanup(func() { pw.Close() })
	return func() int {
		pw.Close()
		return <-done
	}
}

// waitStatus repeats an upload with an invalid body (400 while the server
// has room, so nothing is stored) until it is refused with want.
func waitStatus(t *testing.T, ts *testServer, session string, want int) response {
	t.Helper()
	// Give the held upload time to reach the server first: a probe that
	// holds the session at the instant it arrives would turn it away
	// with 429, and the test would then wait for a 429 that never comes.
	time.Sleep(300 * time.Millisecond)
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := ts.do("POST", "/api/v1/gaze/stream?session="+session, "not a sample")
		if r.status == want {
			return r
		}
		if r.status != 400 || time.Now().After(deadline) {
			t.Fatalf("upload for %s: status %d (%s), want %d", session, r.status, r.body, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestGazeStreamBackPressure(t *testing.T) {
	ts := newTestServer(t, server.Config{})
	first := startUpload(t, ts, "busy")
	r := waitStatus(t, ts, "busy", http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	var more []func() int
	for i := range 3 {
		more = append(more, startUpload(t, ts, fmt.Sprintf("other%d", i)))
	}
	r = waitStatus(t, ts, "late", http.StatusServiceUnavailable)
	if r.header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	for i, finish := range append(more, first) {
		if got := finish(); got != 200 {
			t.Errorf("held upload %d finished with %d, want 200", i, got)
		}
	}
	ts.must(200, "POST", "/api/v1/gaze/stream?session=late", `{"t": 1732838400, "x": 1, "y": 2}`)
}

func TestGazeClientWaitsForBusySession(t *testing.T) {
	ts := newTestServer(t, server.Config{})
	held := startUpload(t, ts, "busy")
	waitStatus(t, ts, "busy", http.StatusTooManyRequests)
	samples := make([]gaze.Sample, 2500)
	for i := range samples {
		samples[i] = gaze.Sample{T: math.NaN(), X: 500 + float64(i%7), Y: 400, Pupil: math.NaN()}
	}
	samples[10].X, samples[10].Y = math.NaN(), math.NaN()
	c := server.NewClient(ts.url, "", ts.hc)
	done := make(chan error, 1)
	go func() {
		geo := gaze.Geometry{Rate: 250, ScreenWpx: 1024, ScreenHpx: 768, ScreenWmm: 380, ScreenHmm: 300, DistanceMM: 670}
		_, err := c.GazeStream(context.Background(), "", "busy", geo, time.Unix(1732838400, 0), samples, 1000)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("upload finished (%v) while the session was busy", err)
	case <-time.After(300 * time.Millisecond):
	}
	if got := held(); got != 200 {
		t.Fatalf("held upload: %d", got)
	}
	if err := <-done; err != nil {
		t.Fatalf("GazeStream: %v", err)
	}
	back := readNDJSON(t, ts.must(200, "GET", "/api/v1/gaze/samples?session=busy", nil).body)
	if len(back) != 1+len(samples) {
		t.Fatalf("%d samples stored, want %d", len(back), 1+len(samples))
	}
	if back[11]["x"] != nil || back[1]["x"].(float64) != 500 {
		t.Errorf("samples back: %v, %v; want lost gaze kept and positions exact", back[1], back[11])
	}
	if got := back[len(back)-1]["t"].(float64); math.Abs(got-(1732838400+2499.0/250)) > 1e-5 {
		t.Errorf("last sample at %.6f, want timed from the rate", got)
	}
}
