package flow

import (
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// Segment is a span of canonical activity: what had the person's
// attention, on which host, with its category and focus score.
type Segment struct {
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Host     string    `json:"host"`
	App      string    `json:"app"`
	Title    string    `json:"title"`
	URL      string    `json:"url,omitempty"`     // from the browser's tab event, if any
	Project  string    `json:"project,omitempty"` // from the editor's event, if any
	Category string    `json:"category"`          // levels joined by CategorySep
	Score    float64   `json:"score"`
}

// Duration is the segment's length.
func (s Segment) Duration() time.Duration { return s.End.Sub(s.Start) }

// Sources are the raw events of one host, as the ActivityWatch watchers
// send them: window {app, title}, AFK {status}, browser tabs {url, title,
// audible} and editor {file, project, language}. Any may be missing.
type Sources struct {
	Host   string
	Window []attnflow.Event
	AFK    []attnflow.Event
	Web    []attnflow.Event
	Editor []attnflow.Event
}

// Activity is the canonical activity of a time range and what was noticed
// while building it (missing sources, dropped events).
type Activity struct {
	Segments []Segment
	Notes    []string
}

// Canonical builds the canonical activity from the hosts' sources, within
// r (events are clipped to it): window events are flooded, browser tab and
// editor events are merged into the windows they belong to, and only time
// the person was active is kept (not AFK, or activity matching the
// always-active rule, or an audible tab). Hosts are merged onto one
// timeline; where they overlap, the activity that started last wins (the
// person's latest move). Segments come back sorted, non-overlapping and
// categorised.
func Canonical(hosts []Sources, r attnflow.TimeRange, cats *Categories, cfg Config) (Activity, error) {
	if err := cfg.Validate(); err != nil {
		return Activity{}, err
	}
	always := regexp.MustCompile(cfg.AlwaysActive)
	browsers := regexp.MustCompile(cfg.BrowserApps)
	var act Activity
	var all []Segment
	for _, h := range hosts {
		segs, notes := hostActivity(h, r, cfg, always, browsers)
		act.Notes = append(act.Notes, notes...)
		all = append(all, segs...)
	}
	all = resolveOverlaps(all)
	if cats == nil {
		cats = DefaultCategories()
	}
	cats.categorize(all)
	act.Segments = all
	return act, nil
}

func hostActivity(h Sources, r attnflow.TimeRange, cfg Config, always, browsers *regexp.Regexp) ([]Segment, []string) {
	var notes []string
	if len(h.Window) == 0 {
		return nil, nil
	}
	win, dropped := clipEvents(h.Window, r)
	if dropped > 0 {
		notes = append(notes, fmt.Sprintf("%s: %d window events with a bad duration ignored", h.Host, dropped))
	}
	segs := toSegments(timeline.Flood(win, cfg.Pulsetime, timeline.FloodMidpoint), h.Host)
	isBrowser := memoMatch(browsers)
	web, _ := clipEvents(h.Web, r)
	tabs := timeline.Flood(web, cfg.Pulsetime, timeline.FloodMidpoint)
	segs = overlay(segs, tabs, func(s *Segment) bool { return isBrowser(s.App) }, mergeTab)
	ed, _ := clipEvents(h.Editor, r)
	segs = overlay(segs, timeline.Flood(ed, cfg.Pulsetime, timeline.FloodMidpoint),
		func(s *Segment) bool { return !isBrowser(s.App) }, mergeEditor)
	if len(h.AFK) == 0 {
		notes = append(notes, fmt.Sprintf("%s: no AFK events, all window time counted as active", h.Host))
		return segs, notes
	}
	afk, _ := clipEvents(h.AFK, r)
	afk = timeline.Flood(afk, cfg.Pulsetime, timeline.FloodMidpoint)
	active := spansOf(timeline.FilterKeyvals(afk, "status", []any{"not-afk"}))
	if *cfg.AudibleActive {
		active = unionSpans(active, spansOf(timeline.FilterKeyvals(tabs, "audible", []any{true})))
	}
	return keepActive(segs, active, always), notes
}

// memoMatch returns re.MatchString memoised per distinct string.
func memoMatch(re *regexp.Regexp) func(string) bool {
	memo := map[string]bool{}
	return func(s string) bool {
		v, ok := memo[s]
		if !ok {
			v = re.MatchString(s)
			memo[s] = v
		}
		return v
	}
}

// clipEvents clips events to r, dropping empty ones and counting events
// with a negative duration (which the domain forbids) as dropped.
func clipEvents(events []attnflow.Event, r attnflow.TimeRange) ([]attnflow.Event, int) {
	out := make([]attnflow.Event, 0, len(events))
	dropped := 0
	for _, e := range events {
		if e.Duration < 0 {
			dropped++
			continue
		}
		if !r.Overlaps(e) {
			continue
		}
		if c := r.Clip(e); c.Duration > 0 {
			out = append(out, c)
		}
	}
	return out, dropped
}

func toSegments(events []attnflow.Event, host string) []Segment {
	out := make([]Segment, 0, len(events))
	for _, e := range events {
		if e.Duration <= 0 {
			continue
		}
		out = append(out, Segment{Start: e.Timestamp, End: e.End(), Host: host,
			App: str(e.Data, "app"), Title: str(e.Data, "title")})
	}
	return out
}

func str(d attnflow.Data, k string) string {
	s, _ := d[k].(string)
	return s
}

func mergeTab(s *Segment, d attnflow.Data) {
	if t := str(d, "title"); t != "" {
		s.Title = t
	}
	s.URL = str(d, "url")
}

func mergeEditor(s *Segment, d attnflow.Data) {
	s.Project = str(d, "project")
	if f := str(d, "file"); f != "" && s.Title == "" {
		s.Title = f
	}
}

// keepActive keeps the parts of segments inside active spans, and
// always-active segments whole.
func keepActive(segs []Segment, active []span, always *regexp.Regexp) []Segment {
	out := make([]Segment, 0, len(segs))
	j := 0
	memo := map[[3]string]bool{}
	isAlways := func(s Segment) bool {
		k := [3]string{s.App, s.Title, s.URL}
		v, ok := memo[k]
		if !ok {
			v = always.MatchString(s.App) || always.MatchString(s.Title) || always.MatchString(s.URL)
			memo[k] = v
		}
		return v
	}
	for _, s := range segs {
		if isAlways(s) {
			out = append(out, s)
			continue
		}
		for j < len(active) && !active[j].end.After(s.Start) {
			j++
		}
		for k := j; k < len(active) && active[k].start.Before(s.End); k++ {
			p := s
			p.Start = maxTime(s.Start, active[k].start)
			p.End = minTime(s.End, active[k].end)
			if p.End.After(p.Start) {
				out = append(out, p)
			}
		}
	}
	return out
}

// resolveOverlaps makes segments non-overlapping: at every instant the
// covering segment that started last wins.
func resolveOverlaps(segs []Segment) []Segment {
	slices.SortStableFunc(segs, func(a, b Segment) int { return a.Start.Compare(b.Start) })
	overlap := false
	for i := 1; i < len(segs); i++ {
		if segs[i].Start.Before(segs[i-1].End) {
			overlap = true
			break
		}
	}
	if !overlap {
		return segs
	}
	out := make([]Segment, 0, len(segs))
	for _, s := range segs {
		// s starts at or after every earlier segment: cut the earlier ones
		// that cover s.Start, keeping their tails after s.End.
		var tails []Segment
		for len(out) > 0 && out[len(out)-1].End.After(s.Start) {
			last := out[len(out)-1]
			out = out[:len(out)-1]
			if last.End.After(s.End) {
				tail := last
				tail.Start = maxTime(last.Start, s.End)
				tails = append(tails, tail)
			}
			if last.Start.Before(s.Start) {
				last.End = s.Start
				out = append(out, last)
				break
			}
		}
		out = append(out, s)
		slices.SortStableFunc(tails, func(a, b Segment) int { return a.Start.Compare(b.Start) })
		for _, t := range tails {
			out = insertSorted(out, t)
		}
	}
	return out
}

// insertSorted adds a tail segment after the segments it follows, cutting
// it where later segments already cover it.
func insertSorted(out []Segment, t Segment) []Segment {
	last := out[len(out)-1]
	if t.Start.Before(last.End) {
		t.Start = last.End
	}
	if t.End.After(t.Start) {
		out = append(out, t)
	}
	return out
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
