package main

import (
	"context"
	"errors"
	"time"

	"github.com/attnflow/attnflow/watch"
)

// WatchConfig configures the built-in watchers that "attnflow up" runs.
type WatchConfig struct {
	// Enabled runs the watchers with "attnflow up" (default true).
	Enabled           bool     `toml:"enabled"`
	AFKTimeout        Duration `toml:"afk_timeout"`
	Poll              Duration `toml:"poll"`
	Bin               Duration `toml:"input_bin"`
	ExcludeApps       []string `toml:"exclude_apps"`
	RedactTitles      []string `toml:"redact_titles"`
	Private           bool     `toml:"private"`
	DefaultRedactions bool     `toml:"default_redactions"`
	Display           string   `toml:"display"`
}

// Duration is a time.Duration written as "3m" or "90s" in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return errors.New("not a duration such as 90s, 3m or 1h30m")
	}
	d.Duration = v
	return nil
}

// MarshalText formats the duration.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func defaultWatchConfig() WatchConfig {
	return WatchConfig{
		Enabled: true, AFKTimeout: Duration{3 * time.Minute}, Poll: Duration{time.Second},
		Bin: Duration{5 * time.Second}, DefaultRedactions: true,
	}
}

// startWatchers runs the built-in watchers beside the server, writing
// straight into the store, until ctx ends. Without a desktop session it
// says so once and lets the server run on.
func startWatchers(ctx context.Context, a *app) error {
	wc := a.cfg.Watch
	if !wc.Enabled {
		a.logger.Info("built-in watchers are off (watch.enabled = false)")
		return nil
	}
	o := watchOptions{excludeApps: wc.ExcludeApps, redactTitles: wc.RedactTitles, private: wc.Private, noDefaultRedo: !wc.DefaultRedactions}
	privacy, err := o.privacy()
	if err != nil {
		return err
	}
	cfg := watch.Config{Poll: wc.Poll.Duration, Bin: wc.Bin.Duration, AFK: watch.AFKConfig{Timeout: wc.AFKTimeout.Duration}}
	err = runDesktopWatchers(ctx, cfg, wc.Display, watch.NewStoreSink(a.db), privacy, a.logger)
	if errors.Is(err, watch.ErrUnsupported) {
		a.logger.Warn("built-in watchers not started; the server runs on and accepts ActivityWatch watchers", "reason", err.Error())
		return nil
	}
	return err
}
