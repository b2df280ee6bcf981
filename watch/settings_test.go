package watch_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/watchtest"
)

func TestPrivacySettingsApply(t *testing.T) {
	base := watch.Privacy{
		ExcludeApps: []*regexp.Regexp{regexp.MustCompile("^Signal$")},
		PausedUntil: t0.Add(time.Hour),
	}
	tests := []struct {
		name      string
		s         watch.PrivacySettings
		excluded  []string
		private   bool
		pausedTil time.Time
		wantErr   bool
	}{
		{"none keeps base", watch.PrivacySettings{}, []string{"Signal"}, false, t0.Add(time.Hour), false},
		{"later pause wins", watch.PrivacySettings{PausedUntil: t0.Add(2 * time.Hour)}, []string{"Signal"}, false, t0.Add(2 * time.Hour), false},
		{"earlier pause cannot shorten the base", watch.PrivacySettings{PausedUntil: t0}, []string{"Signal"}, false, t0.Add(time.Hour), false},
		{"adds exclusions and private mode", watch.PrivacySettings{Private: true, ExcludeApps: []string{"^Slack$"}}, []string{"Signal", "Slack"}, true, t0.Add(time.Hour), false},
		{"bad rule is an error", watch.PrivacySettings{RedactTitles: []string{"(x"}}, nil, false, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.s.Apply(base)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Apply: err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			for _, app := range tt.excluded {
				if _, ok := p.Window(watch.Window{App: app}); ok {
					t.Errorf("app %q is recorded, want excluded", app)
				}
			}
			if p.Private != tt.private || !p.PausedUntil.Equal(tt.pausedTil) {
				t.Errorf("Private, PausedUntil = %v, %v; want %v, %v", p.Private, p.PausedUntil, tt.private, tt.pausedTil)
			}
			if len(base.ExcludeApps) != 1 {
				t.Errorf("Apply changed its base")
			}
		})
	}
}

func TestFollowSettingsPausesFromTheServer(t *testing.T) {
	fake := watchtest.NewServer()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	q, err := watch.OpenQueue(filepath.Join(t.TempDir(), "q"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	sink := watch.NewHTTPSink(srv.URL, q, watch.HTTPSinkOptions{})
	w := watch.New(watch.Config{SettingsPoll: 10 * time.Millisecond}, sink, watch.DefaultPrivacy(), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.FollowSettings(ctx, sink)

	until := time.Now().Add(30 * time.Minute).UTC().Truncate(time.Second)
	if err := fake.SetSetting(watch.PrivacySettingKey, map[string]any{"paused_until": until}); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the pause", func() bool { return w.Privacy().PausedUntil.Equal(until) })
	if err := fake.SetSetting(watch.PrivacySettingKey, nil); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the resume", func() bool { return !w.Privacy().Paused(time.Now()) })
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
