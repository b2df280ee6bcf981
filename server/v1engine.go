package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
)

// Bucket types the attention-flow engine reads.
const (
	typeWindow = "currentwindow"
	typeAFK    = "afkstatus"
	typeWeb    = "web.tab.current"
	typeEditor = "app.editor.activity"
	typeInput  = "os.hid.input"
)

// classesSetting is ActivityWatch's setting holding the category rules.
const classesSetting = "classes"

// FlowEngine computes the attention flow from a store, day by day, and
// keeps computed days in a cache. A day is recomputed only when the events
// of its buckets within the day change (their count, or the end of a
// bucket's newest event when that falls in the day, which catches
// heartbeats extending it), or when the categories or the configuration
// change. Safe for concurrent use.
type FlowEngine struct {
	store attnflow.Store
	cache *flow.DayCache

	mu      sync.Mutex
	cats    *flow.Categories // parsed classes, reused while unchanged
	catsKey string

	// dmu serialises Days and Range, which share the bucket states and
	// the raw event cache.
	dmu    sync.Mutex
	states map[string]*bucketState
	raw    map[string]rawEntry

	// dirty holds buckets written in ways counting cannot see (see
	// MarkChanged); guarded by mu.
	dirty map[string]bool
}

// MarkChanged tells the engine that a bucket changed in a way its event
// counts may not show (a deletion, an insert into the past, an import):
// every day of that bucket is recounted on the next request.
func (e *FlowEngine) MarkChanged(bucketID string) {
	e.mu.Lock()
	e.dirty[bucketID] = true
	e.mu.Unlock()
}

func (e *FlowEngine) takeDirty(bucketID string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	d := e.dirty[bucketID]
	delete(e.dirty, bucketID)
	return d
}

// NewFlowEngine returns an engine over store with a day cache.
func NewFlowEngine(store attnflow.Store) *FlowEngine {
	return &FlowEngine{store: store, cache: flow.NewDayCache(0), states: map[string]*bucketState{}, raw: map[string]rawEntry{}, dirty: map[string]bool{}}
}

// CacheStats returns the day cache's hits and misses.
func (e *FlowEngine) CacheStats() (hits, misses int) { return e.cache.Stats() }

// Categories returns the user's "classes" setting, or the default set.
func (e *FlowEngine) Categories(ctx context.Context) (*flow.Categories, string, error) {
	raw, err := e.store.Setting(ctx, classesSetting)
	if attnflow.ErrorCode(err) == attnflow.ENOTFOUND || (err == nil && isEmptyJSON(raw)) {
		raw = flow.DefaultClassesJSON()
		err = nil
	} else if err != nil {
		return nil, "", fmt.Errorf("read classes setting: %w", err)
	}
	// aw-client-js may store the setting as a JSON string holding JSON.
	var s string
	if json.Unmarshal(raw, &s) == nil {
		raw = json.RawMessage(s)
	}
	h := sha256.Sum256(raw)
	key := hex.EncodeToString(h[:8])
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cats != nil && e.catsKey == key {
		return e.cats, key, nil // keeps its memo of classified titles
	}
	cats, err := flow.ParseClasses(raw)
	if err != nil {
		return nil, "", err
	}
	e.cats, e.catsKey = cats, key
	return cats, key, nil
}

func isEmptyJSON(b []byte) bool {
	s := strings.TrimSpace(string(b))
	return s == "" || s == "null" || s == "[]"
}

// sourceBuckets are the buckets the engine reads, optionally one host's.
type sourceBuckets struct {
	all []attnflow.Bucket
}

func (e *FlowEngine) buckets(ctx context.Context, host string) (sourceBuckets, error) {
	bs, err := e.store.Buckets(ctx)
	if err != nil {
		return sourceBuckets{}, fmt.Errorf("list buckets: %w", err)
	}
	var out sourceBuckets
	for _, b := range bs {
		switch b.Type {
		case typeWindow, typeAFK, typeWeb, typeEditor, typeInput:
		default:
			continue
		}
		if host != "" && b.Hostname != host {
			continue
		}
		out.all = append(out.all, b)
	}
	if host != "" && len(out.all) == 0 {
		return out, attnflow.Errorf(attnflow.ENOTFOUND, "no activity buckets for host %q", host)
	}
	return out, nil
}

// load reads the events of r from the buckets into an engine input. With
// per-bucket signatures (sigs, for whole days) unchanged buckets come from
// the raw cache.
func (e *FlowEngine) load(ctx context.Context, sb sourceBuckets, r attnflow.TimeRange, sigs []string) (flow.Input, error) {
	var in flow.Input
	hosts := map[string]*flow.Sources{}
	var order []string
	for i, b := range sb.all {
		var evs []attnflow.Event
		var err error
		if sigs != nil {
			evs, err = e.bucketDay(ctx, b, sigs[i], r)
		} else {
			evs, err = e.store.Events(ctx, b.ID, attnflow.EventFilter{Range: r, Limit: -1})
		}
		if err != nil {
			return flow.Input{}, fmt.Errorf("read events of %s: %w", b.ID, err)
		}
		if b.Type == typeInput {
			in.Input = append(in.Input, evs...)
			continue
		}
		h := hosts[b.Hostname]
		if h == nil {
			h = &flow.Sources{Host: b.Hostname}
			hosts[b.Hostname] = h
			order = append(order, b.Hostname)
		}
		switch b.Type {
		case typeWindow:
			h.Window = append(h.Window, evs...)
		case typeAFK:
			h.AFK = append(h.AFK, evs...)
		case typeWeb:
			h.Web = append(h.Web, evs...)
		case typeEditor:
			h.Editor = append(h.Editor, evs...)
		}
	}
	for _, name := range order {
		in.Hosts = append(in.Hosts, *hosts[name])
	}
	return in, nil
}

// Days returns the given local days, computing only those whose data
// changed since they were cached.
func (e *FlowEngine) Days(ctx context.Context, dates []string, host string, cfg flow.Config) ([]flow.Day, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cats, catKey, err := e.Categories(ctx)
	if err != nil {
		return nil, err
	}
	sb, err := e.buckets(ctx, host)
	if err != nil {
		return nil, err
	}
	e.dmu.Lock()
	defer e.dmu.Unlock()
	states := make([]*bucketState, len(sb.all))
	for i, b := range sb.all {
		if states[i], err = e.refreshState(ctx, b); err != nil {
			return nil, err
		}
	}
	prefix := configKey(cfg, host, catKey)
	out := make([]flow.Day, 0, len(dates))
	for _, date := range dates {
		r, err := flow.DayRange(date, cfg)
		if err != nil {
			return nil, err
		}
		sigs := make([]string, len(sb.all))
		for i, bk := range sb.all {
			n, err := e.dayCount(ctx, bk.ID, states[i], r)
			if err != nil {
				return nil, err
			}
			sigs[i] = bucketDaySig(bk, n, r)
		}
		sig := strings.Join(sigs, ";")
		if d, ok := e.cache.Get(prefix+date, sig); ok {
			out = append(out, d)
			continue
		}
		in, err := e.load(ctx, sb, r, sigs)
		if err != nil {
			return nil, err
		}
		d, err := flow.ComputeDay(in, date, cats, cfg)
		if err != nil {
			return nil, err
		}
		e.cache.Put(prefix+date, sig, d)
		out = append(out, d)
	}
	return out, nil
}

// Range computes an arbitrary range directly (not cached).
func (e *FlowEngine) Range(ctx context.Context, r attnflow.TimeRange, host string, cfg flow.Config) (flow.Day, error) {
	cats, _, err := e.Categories(ctx)
	if err != nil {
		return flow.Day{}, err
	}
	sb, err := e.buckets(ctx, host)
	if err != nil {
		return flow.Day{}, err
	}
	in, err := e.load(ctx, sb, r, nil)
	if err != nil {
		return flow.Day{}, err
	}
	return flow.ComputeRange(in, r, cats, cfg)
}

// Report builds the day or week report for date with a 28-day baseline.
func (e *FlowEngine) Report(ctx context.Context, period, date, host string, cfg flow.Config) (flow.Report, error) {
	dates := []string{date}
	switch period {
	case "day":
		if _, err := flow.DayRange(date, cfg); err != nil {
			return flow.Report{}, err
		}
	case "week":
		var err error
		if dates, err = flow.WeekDates(date); err != nil {
			return flow.Report{}, err
		}
	default:
		return flow.Report{}, attnflow.Errorf(attnflow.EINVALID, "period %q is not day or week", period)
	}
	days, err := e.Days(ctx, dates, host, cfg)
	if err != nil {
		return flow.Report{}, err
	}
	base, err := e.Days(ctx, flow.DatesBefore(dates[0], 28), host, cfg)
	if err != nil {
		return flow.Report{}, err
	}
	return flow.BuildReport(period, days, base, cfg), nil
}

// configKey identifies what besides the data shapes a computed day.
func configKey(cfg flow.Config, host, catKey string) string {
	b, _ := json.Marshal(struct {
		flow.Config
		Loc string
	}{cfg, cfg.Location.String()})
	h := sha256.Sum256(append(append(b, host...), catKey...))
	return hex.EncodeToString(h[:8]) + "|"
}
