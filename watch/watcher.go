package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attnflow/attnflow"
)

// Config configures the watchers. Zero fields take the defaults.
type Config struct {
	Host   string        // bucket id suffix, e.g. the hostname
	Client string        // the bucket's client field (default "attnflow")
	Poll   time.Duration // window and AFK polling interval (default 1 s)
	Bin    time.Duration // input-timing bin length (default 5 s)
	AFK    AFKConfig     // AFK timeout (default 3 min) and suspend detection
	// SettingsPoll is how often the privacy settings are read (default 5 s).
	SettingsPoll time.Duration
}

func (c Config) withDefaults() Config {
	if c.Client == "" {
		c.Client = "attnflow"
	}
	if c.Poll <= 0 {
		c.Poll = time.Second
	}
	if c.Bin <= 0 {
		c.Bin = 5 * time.Second
	}
	if c.SettingsPoll <= 0 {
		c.SettingsPoll = 5 * time.Second
	}
	c.AFK = c.AFK.withDefaults()
	return c
}

// Watchers runs the window, AFK and input watchers against sources and
// writes what they capture, after the privacy rules, to a sink.
type Watchers struct {
	cfg     Config
	sink    Sink
	clock   Clock
	log     *slog.Logger
	privacy atomic.Pointer[Privacy]
	base    Privacy // the rules given to New, before settings

	window, afk, input attnflow.Bucket
}

// New returns watchers writing to sink. A nil clock is the system clock,
// a nil logger discards.
func New(cfg Config, sink Sink, privacy Privacy, clock Clock, log *slog.Logger) *Watchers {
	cfg = cfg.withDefaults()
	if clock == nil {
		clock = NewSystemClock()
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &Watchers{cfg: cfg, sink: sink, clock: clock, log: log, base: privacy}
	w.privacy.Store(&privacy)
	w.window, w.afk, w.input = Buckets(cfg.Host, cfg.Client)
	return w
}

// SetPrivacy replaces the privacy rules (e.g. to pause or resume).
func (w *Watchers) SetPrivacy(p Privacy) { w.privacy.Store(&p) }

// Privacy returns the rules in force.
func (w *Watchers) Privacy() Privacy { return *w.privacy.Load() }

// BucketIDs returns the ids of the window, AFK and input buckets.
func (w *Watchers) BucketIDs() (window, afk, input string) {
	return w.window.ID, w.afk.ID, w.input.ID
}

// Sources are the capture backends; a nil source is not watched.
type Sources struct {
	Window   WindowSource
	Idle     IdleSource
	Input    InputSource
	Settings SettingsSource // run-time privacy settings (pause), optional
}

// Run runs a watcher per non-nil source until ctx ends. It returns the
// first error that stops a watcher (a sink that cannot create a bucket).
func (w *Watchers) Run(ctx context.Context, src Sources) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	start := func(f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil {
				errs <- err
				cancel()
			}
		}()
	}
	if src.Window != nil {
		start(func(ctx context.Context) error { return w.RunWindow(ctx, src.Window) })
	}
	if src.Idle != nil {
		start(func(ctx context.Context) error { return w.RunAFK(ctx, src.Idle) })
	}
	if src.Input != nil {
		start(func(ctx context.Context) error { return w.RunInput(ctx, src.Input) })
	}
	if src.Settings != nil {
		start(func(ctx context.Context) error { w.FollowSettings(ctx, src.Settings); return nil })
	}
	wg.Wait()
	close(errs)
	return errors.Join(collect(errs)...)
}

func collect(ch <-chan error) []error {
	var out []error
	for err := range ch {
		out = append(out, err)
	}
	return out
}

// RunWindow reports the focused window at every poll and at once on a
// change, as heartbeats into the window bucket.
func (w *Watchers) RunWindow(ctx context.Context, src WindowSource) error {
	if err := w.sink.EnsureBucket(ctx, w.window); err != nil {
		return fmt.Errorf("window watcher: %w", err)
	}
	var changes <-chan struct{}
	if n, ok := src.(WindowNotifier); ok {
		changes = n.WindowChanges()
	}
	tick := time.NewTicker(w.cfg.Poll)
	defer tick.Stop()
	pulse := w.cfg.Poll + time.Second
	errs := errorOnce{log: w.log, what: "window watcher"}
	var last attnflow.Data
	var floor wallFloor
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		case <-changes:
		}
		now := floor.at(w.clock.Read().Wall)
		data, ok := w.windowData(ctx, src, now, &errs)
		if last != nil && (!ok || !last.Equal(data)) {
			// Close the previous window at the moment of the switch (to
			// another, an excluded or no window, or a pause).
			w.send(ctx, w.window.ID, attnflow.Event{Timestamp: now, Data: last}, pulse)
		}
		if !ok {
			last = nil
			continue
		}
		w.send(ctx, w.window.ID, attnflow.Event{Timestamp: now, Data: data}, pulse)
		last = data
	}
}

// windowData reads the focused window and applies the privacy rules.
func (w *Watchers) windowData(ctx context.Context, src WindowSource, now time.Time, errs *errorOnce) (attnflow.Data, bool) {
	p := w.Privacy()
	if p.Paused(now) {
		return nil, false
	}
	win, err := src.ActiveWindow(ctx)
	errs.report(err)
	if err != nil || win == (Window{}) {
		return nil, false
	}
	win, ok := p.Window(win)
	if !ok {
		return nil, false
	}
	return attnflow.Data{"app": win.App, "title": win.Title}, true
}

// RunAFK polls the idle source and sends the AFK state machine's heartbeats.
func (w *Watchers) RunAFK(ctx context.Context, src IdleSource) error {
	if err := w.sink.EnsureBucket(ctx, w.afk); err != nil {
		return fmt.Errorf("afk watcher: %w", err)
	}
	m := NewAFK(w.cfg.AFK)
	paused := false
	tick := time.NewTicker(w.cfg.Poll)
	defer tick.Stop()
	errs := errorOnce{log: w.log, what: "afk watcher"}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		info, err := src.Idle(ctx)
		errs.report(err)
		if err != nil {
			continue
		}
		r := w.clock.Read()
		if w.Privacy().Paused(r.Wall) {
			paused = true
			continue
		}
		if paused { // start afresh: nothing about the pause may be recorded
			paused = false
			m = NewAFK(w.cfg.AFK)
			m.NotBefore(r.Wall)
		}
		for _, hb := range m.Step(r, info) {
			w.send(ctx, w.afk.ID, hb, m.Pulsetime(w.cfg.Poll))
		}
	}
}

// RunInput records classified input and inserts one event per non-empty
// bin. The source runs in a goroutine owned here and restarted after a
// failure (the X server went away).
func (w *Watchers) RunInput(ctx context.Context, src InputSource) error {
	if err := w.sink.EnsureBucket(ctx, w.input); err != nil {
		return fmt.Errorf("input watcher: %w", err)
	}
	var counter InputCounter
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.recordInput(ctx, src, &counter)
	}()
	tick := time.NewTicker(w.cfg.Bin)
	defer tick.Stop()
	var floor wallFloor
	binStart := floor.at(w.clock.Read().Wall)
	for {
		select {
		case <-ctx.Done():
			w.flushBin(context.WithoutCancel(ctx), &counter, binStart, &floor)
			return nil
		case <-tick.C:
		}
		binStart = w.flushBin(ctx, &counter, binStart, &floor)
	}
}

// flushBin sends the bin that started at start and returns the next start.
func (w *Watchers) flushBin(ctx context.Context, c *InputCounter, start time.Time, floor *wallFloor) time.Time {
	now := floor.at(w.clock.Read().Wall)
	data, ok := c.Flush()
	if !ok || w.Privacy().Paused(now) || !now.After(start) {
		return now
	}
	ev := attnflow.Event{Timestamp: start, Duration: now.Sub(start), Data: data}
	if err := w.sink.Insert(ctx, w.input.ID, []attnflow.Event{ev}); err != nil {
		w.log.Error("input watcher: write", "bucket", w.input.ID, "err", err)
	}
	return now
}

// recordInput runs the source until ctx ends, restarting it after errors.
func (w *Watchers) recordInput(ctx context.Context, src InputSource, c *InputCounter) {
	errs := errorOnce{log: w.log, what: "input watcher"}
	for {
		err := src.RecordInput(ctx, c)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, ErrUnsupported) {
			w.log.Warn("input watcher: not supported here; input timing is not recorded", "err", err)
			return
		}
		errs.report(err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
}

func (w *Watchers) send(ctx context.Context, bucket string, hb attnflow.Event, pulse time.Duration) {
	if err := w.sink.Heartbeat(ctx, bucket, hb, pulse); err != nil && ctx.Err() == nil {
		w.log.Error("heartbeat", "bucket", bucket, "err", err)
	}
}

// errorOnce logs an error when it first appears or changes, and the
// recovery when it goes away, instead of once per poll.
type errorOnce struct {
	log  *slog.Logger
	what string
	last string
}

func (e *errorOnce) report(err error) {
	switch {
	case err == nil && e.last != "":
		e.log.Info(e.what+": recovered", "after", e.last)
		e.last = ""
	case err != nil && err.Error() != e.last:
		e.last = err.Error()
		e.log.Warn(e.what+": source failed; retrying", "err", err)
	}
}

// wallFloor keeps wall-clock readings from going back, so a clock set
// backwards never yields events that start before earlier ones.
type wallFloor struct{ t time.Time }

func (f *wallFloor) at(t time.Time) time.Time {
	if t.Before(f.t) {
		return f.t
	}
	f.t = t
	return t
}
