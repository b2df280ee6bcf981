package flow

import (
	"slices"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// eventIndex finds the events overlapping a range in O(log n): events are
// sorted by start once, and the longest duration bounds how far back an
// overlapping event can start.
type eventIndex struct {
	events []attnflow.Event
	maxDur time.Duration
}

func newEventIndex(events []attnflow.Event) eventIndex {
	sorted := slices.Clone(events)
	slices.SortStableFunc(sorted, func(a, b attnflow.Event) int { return a.Timestamp.Compare(b.Timestamp) })
	var m time.Duration
	for _, e := range sorted {
		m = max(m, e.Duration)
	}
	return eventIndex{events: sorted, maxDur: m}
}

// within returns the events that may overlap r (a superset; callers clip).
func (x eventIndex) within(r attnflow.TimeRange) []attnflow.Event {
	from := r.Start.Add(-x.maxDur)
	i := sort.Search(len(x.events), func(i int) bool { return !x.events[i].Timestamp.Before(from) })
	j := sort.Search(len(x.events), func(i int) bool { return x.events[i].Timestamp.After(r.End) })
	if j < i {
		return nil
	}
	return x.events[i:j]
}

// ComputeDays computes several days from one input, indexing its events
// once, so that a long input costs O(n log n) rather than O(n × days).
func ComputeDays(in Input, dates []string, cats *Categories, cfg Config) ([]Day, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cats == nil {
		cats = DefaultCategories()
	}
	type hostIndex struct {
		host                     string
		window, afk, web, editor eventIndex
	}
	hosts := make([]hostIndex, len(in.Hosts))
	for i, h := range in.Hosts {
		hosts[i] = hostIndex{h.Host, newEventIndex(h.Window), newEventIndex(h.AFK), newEventIndex(h.Web), newEventIndex(h.Editor)}
	}
	input := newEventIndex(in.Input)
	out := make([]Day, 0, len(dates))
	for _, date := range dates {
		r, err := DayRange(date, cfg)
		if err != nil {
			return nil, err
		}
		sub := Input{Input: input.within(r)}
		for _, h := range hosts {
			sub.Hosts = append(sub.Hosts, Sources{Host: h.host, Window: h.window.within(r), AFK: h.afk.within(r),
				Web: h.web.within(r), Editor: h.editor.within(r)})
		}
		d, err := computeRange(sub, date, r, cats, cfg)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
