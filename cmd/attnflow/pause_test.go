package main

import (
	"bytes"
	"context"
	"fmt"
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
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no config file
	run := func(args ...string) (string, error) {
		cmd := newRootCmd()
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(append(append([]string{"watch"}, args...), "--server", srv.URL))
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

func TestWatchOptionsFromConfig(t *testing.T) {
	cfg := defaultConfig()
	cfg.Server.Port, cfg.Server.APIKeys = 5666, []string{"k"}
	cfg.Watch.Poll.Duration, cfg.Watch.AFKTimeout.Duration = 2*time.Second, 5*time.Minute
	cfg.Watch.ExcludeApps, cfg.Watch.Private, cfg.Watch.DefaultRedactions = []string{"^Signal$"}, true, false
	tests := []struct {
		name    string
		flags   watchOptions
		changed map[string]bool
		want    watchOptions
	}{
		{"config fills what flags left unset", watchOptions{poll: time.Second, afkTimeout: 3 * time.Minute, excludeApps: []string{"^Slack$"}}, nil,
			watchOptions{server: "http://127.0.0.1:5666", apiKey: "k", poll: 2 * time.Second, bin: 5 * time.Second, afkTimeout: 5 * time.Minute,
				excludeApps: []string{"^Signal$", "^Slack$"}, private: true, noDefaultRedo: true}},
		{"flags win", watchOptions{server: "http://x:1", apiKey: "f", poll: 3 * time.Second, afkTimeout: time.Minute}, map[string]bool{"poll": true, "afk-timeout": true, "no-default-redactions": true},
			watchOptions{server: "http://x:1", apiKey: "f", poll: 3 * time.Second, bin: 5 * time.Second, afkTimeout: time.Minute,
				excludeApps: []string{"^Signal$"}, private: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.flags
			o.applyConfig(cfg, func(n string) bool { return tt.changed[n] })
			if fmt.Sprint(o) != fmt.Sprint(tt.want) {
				t.Errorf("got  %+v\nwant %+v", o, tt.want)
			}
		})
	}
}
