package flow

import (
	"runtime"
	"slices"
	"sort"
	"sync"
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
// once, so that a long input costs O(n log n) rather than O(n × days), and
// computing the days in parallel on GOMAXPROCS goroutines.
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
	out := make([]Day, len(dates))
	errs := make([]error, len(dates))
	work := func(i int) {
		r, err := DayRange(dates[i], cfg)
		if err != nil {
			errs[i] = err
			return
		}
		sub := Input{Input: input.within(r)}
		for _, h := range hosts {
			sub.Hosts = append(sub.Hosts, Sources{Host: h.host, Window: h.window.within(r), AFK: h.afk.within(r),
				Web: h.web.within(r), Editor: h.editor.within(r)})
		}
		out[i], errs[i] = computeRange(sub, dates[i], r, cats, cfg)
	}
	parallel(len(dates), work)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parallel runs work(0..n-1) on GOMAXPROCS goroutines and returns when
// all are done.
func parallel(n int, work func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			work(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
