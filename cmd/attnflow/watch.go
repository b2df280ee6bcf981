package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attnflow/attnflow/watch"
	"github.com/attnflow/attnflow/watch/x11"
	"github.com/jezek/xgb"
	"github.com/spf13/cobra"
)

// watchOptions are the flags of "attnflow watch".
type watchOptions struct {
	server        string
	apiKey        string
	queue         string
	display       string
	poll          time.Duration
	bin           time.Duration
	afkTimeout    time.Duration
	excludeApps   []string
	redactTitles  []string
	private       bool
	noDefaultRedo bool
}

func newWatchCmd(g *globalFlags) *cobra.Command {
	var o watchOptions
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Run the built-in desktop watchers (window, AFK, input timing) against a running server",
		Long: `watch records which window has focus, whether you are at the keyboard and how
you type and point — key classes and timing only, never which key — and sends
it to an attnflow or ActivityWatch server over its HTTP API (by default the one
the configuration names: 127.0.0.1:5600, or 5666 with --testing).

While the server is unreachable, writes wait in a durable queue on disk and
are replayed in order when it answers again, also after a restart of watch.
Privacy rules (the [watch] section of the config, the flags below, and the
built-in secret redaction) apply before anything leaves this process; "watch
pause 30m" pauses every watcher reporting to the server.

Supported: Linux/X11 (also Xwayland apps). Elsewhere, run ActivityWatch's
watchers for your platform and point them at attnflow (port 5600).`,
		Example: `  attnflow watch
  attnflow watch --server http://localhost:5666 --afk-timeout 5m
  attnflow watch --exclude-app '(?i)^signal$' --redact-title 'Project \w+'
  attnflow watch pause 30m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			o.applyConfig(cfg, cmd.Flags().Changed)
			return runWatch(cmd.Context(), o, newLogger(cfg.Log))
		},
	}
	cmd.AddCommand(newPauseCmd(g), newResumeCmd(g))
	f := cmd.Flags()
	f.StringVar(&o.server, "server", "", "URL of the attnflow or ActivityWatch server (default from --host/--port/--testing)")
	f.StringVar(&o.apiKey, "api-key", "", "API key for a server that requires one (default: the config's first server.api_keys; env ATTNFLOW_API_KEY)")
	f.StringVar(&o.queue, "queue", "", "offline queue file (default $XDG_STATE_HOME/attnflow/watch-queue-HOST_PORT.jsonl)")
	f.StringVar(&o.display, "display", "", "X display (default watch.display, then $DISPLAY)")
	f.DurationVar(&o.poll, "poll", time.Second, "window and AFK polling interval (config watch.poll)")
	f.DurationVar(&o.bin, "bin", 5*time.Second, "input-timing bin length (config watch.input_bin)")
	f.DurationVar(&o.afkTimeout, "afk-timeout", 3*time.Minute, "time without input after which you count as AFK (config watch.afk_timeout)")
	f.StringArrayVar(&o.excludeApps, "exclude-app", nil, "regular expression of apps never to record, added to watch.exclude_apps (repeatable)")
	f.StringArrayVar(&o.redactTitles, "redact-title", nil, "regular expression to replace with [redacted] in titles, added to watch.redact_titles (repeatable)")
	f.BoolVar(&o.private, "private", false, "private mode: record apps but no titles (config watch.private)")
	f.BoolVar(&o.noDefaultRedo, "no-default-redactions", false, "turn off the built-in redaction of secrets, e-mails, private windows and URL paths")
	return cmd
}

// applyConfig fills the options the command line left unset from the
// configuration: the server's address and key and the [watch] section.
func (o *watchOptions) applyConfig(cfg Config, changed func(string) bool) {
	wc := cfg.Watch
	if o.server == "" {
		o.server = cfg.baseURL()
	}
	if o.apiKey == "" && len(cfg.Server.APIKeys) > 0 {
		o.apiKey = cfg.Server.APIKeys[0]
	}
	if o.display == "" {
		o.display = wc.Display
	}
	if !changed("poll") && wc.Poll.Duration > 0 {
		o.poll = wc.Poll.Duration
	}
	if !changed("bin") && wc.Bin.Duration > 0 {
		o.bin = wc.Bin.Duration
	}
	if !changed("afk-timeout") && wc.AFKTimeout.Duration > 0 {
		o.afkTimeout = wc.AFKTimeout.Duration
	}
	o.excludeApps = append(append([]string(nil), wc.ExcludeApps...), o.excludeApps...)
	o.redactTitles = append(append([]string(nil), wc.RedactTitles...), o.redactTitles...)
	o.private = o.private || wc.Private
	if !changed("no-default-redactions") {
		o.noDefaultRedo = !wc.DefaultRedactions
	}
}

// runWatch runs the X11 watchers against an HTTP server until ctx ends.
func runWatch(ctx context.Context, o watchOptions, logger *slog.Logger) error {
	privacy, err := o.privacy()
	if err != nil {
		return err
	}
	u, err := url.Parse(o.server)
	if err != nil || u.Host == "" {
		return fmt.Errorf("--server %q is not a URL such as http://localhost:5600", o.server)
	}
	if o.queue == "" {
		o.queue = defaultQueuePath(u.Host)
	}
	if o.apiKey == "" {
		o.apiKey = os.Getenv("ATTNFLOW_API_KEY")
	}
	q, err := watch.OpenQueue(o.queue, 0)
	if err != nil {
		return fmt.Errorf("open offline queue: %w", err)
	}
	defer q.Close()
	sink := watch.NewHTTPSink(o.server, q, watch.HTTPSinkOptions{Logger: logger, APIKey: o.apiKey})
	if n := q.Len(); n > 0 {
		logger.Info("replaying writes queued while the server was away", "writes", n, "left", sink.Flush(ctx))
	}
	cfg := watch.Config{Poll: o.poll, Bin: o.bin, AFK: watch.AFKConfig{Timeout: o.afkTimeout}}
	return runDesktopWatchers(ctx, cfg, o.display, sink, privacy, logger)
}

// runDesktopWatchers runs the built-in watchers of this desktop against
// sink until ctx ends, following the run-time privacy settings (pause)
// when the sink can read them (watch.SettingsSource: the HTTP and store
// sinks). "attnflow up" calls it with an in-process sink. It returns an
// error wrapping watch.ErrUnsupported, with advice, when there is no X
// display.
func runDesktopWatchers(ctx context.Context, cfg watch.Config, display string, sink watch.Sink, p watch.Privacy, logger *slog.Logger) error {
	xgb.Logger = log.New(io.Discard, "", 0) // xgb logs to stderr by default
	src, err := x11.New(display, logger)
	if errors.Is(err, watch.ErrUnsupported) {
		return fmt.Errorf("%w\nThe built-in watchers need an X11 display (Linux/X11 or Xwayland); Wayland-only, macOS and Windows sessions are not supported yet.\nRun ActivityWatch's watchers for this platform (aw-watcher-window, aw-watcher-afk) and point them at attnflow on port 5600", err)
	} else if err != nil {
		return err
	}
	defer src.Close()
	if cfg.Host == "" {
		cfg.Host, _ = os.Hostname()
	}
	if display == "" {
		display = os.Getenv("DISPLAY")
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		logger.Warn("Wayland session: only X11 (Xwayland) windows and input are visible to the built-in watchers; native Wayland apps are not")
	}
	w := watch.New(cfg, sink, p, nil, logger)
	win, afk, in := w.BucketIDs()
	logger.Info("watching", "display", display, "buckets", strings.Join([]string{win, afk, in}, ","))
	settings, _ := sink.(watch.SettingsSource)
	return w.Run(ctx, watch.Sources{Window: src, Idle: src, Input: src, Settings: settings})
}

func (o watchOptions) privacy() (watch.Privacy, error) {
	p := watch.DefaultPrivacy()
	if o.noDefaultRedo {
		p = watch.Privacy{}
	}
	ex, err := watch.CompileRules(o.excludeApps)
	if err != nil {
		return p, fmt.Errorf("--exclude-app: %w", err)
	}
	red, err := watch.CompileRules(o.redactTitles)
	if err != nil {
		return p, fmt.Errorf("--redact-title: %w", err)
	}
	p.ExcludeApps = append(p.ExcludeApps, ex...)
	p.RedactTitles = append(p.RedactTitles, red...)
	p.Private = o.private
	return p, nil
}

// defaultQueuePath is $XDG_STATE_HOME/attnflow/watch-queue-HOST_PORT.jsonl:
// one queue per server.
func defaultQueuePath(hostport string) string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "state")
	}
	name := strings.NewReplacer(":", "_", "/", "_", "[", "", "]", "").Replace(hostport)
	return filepath.Join(dir, "attnflow", "watch-queue-"+name+".jsonl")
}
