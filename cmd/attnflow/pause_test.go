package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/watchtest"
)

func TestPauseAndResume(t *testing.T) {
	fake := watchtest.NewServer()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	if err := fake.SetSetting(watch.PrivacySettingKey, watch.PrivacySettings{Private: true}); err != nil {
		t.Fatal(err)
	}
	c := watch.NewHTTPSink(srv.URL, nil, watch.HTTPSinkOptions{})
	run := func(args ...string) (string, error) {
		cmd := newWatchCmd()
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(append(args, "--server", srv.URL))
		err := cmd.ExecuteContext(context.Background())
		return out.String(), err
	}

	before := time.Now()
	out, err := run("pause", "30m")
	if err != nil || !strings.Contains(out, "paused until") {
		t.Fatalf("pause 30m: %q, %v", out, err)
	}
	ps, _, err := c.PrivacySettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := ps.PausedUntil.Sub(before); d < 29*time.Minute || d > 31*time.Minute || !ps.Private {
		t.Errorf("settings after pause = %+v; want paused ~30 min from now and private kept", ps)
	}

	if out, err := run("resume"); err != nil || !strings.Contains(out, "resumed") {
		t.Fatalf("resume: %q, %v", out, err)
	}
	ps, _, _ = c.PrivacySettings(context.Background())
	if !ps.PausedUntil.IsZero() || !ps.Private {
		t.Errorf("settings after resume = %+v; want no pause, private kept", ps)
	}

	for _, bad := range []string{"-5m", "soon"} {
		if _, err := run("pause", bad); err == nil {
			t.Errorf("pause %s: no error", bad)
		}
	}
	fake.SetDown(true)
	if _, err := run("pause", "1m"); err == nil || !strings.Contains(err.Error(), "is attnflow running") {
		t.Errorf("pause with the server down: err = %v, want a hint", err)
	}
}
