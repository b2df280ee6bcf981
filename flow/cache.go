package flow

import (
	"sync"

	"github.com/attnflow/attnflow"
)

// DayCache keeps computed days so that only days whose events changed are
// recomputed. Each entry carries a signature of the data it was computed
// from (the caller's choice, e.g. per-bucket event counts and last-update
// times within the day); a lookup with a different signature misses.
// Invalidate drops the days a new event touches. Safe for concurrent use.
type DayCache struct {
	mu           sync.Mutex
	days         map[string]cached
	max          int
	hits, misses int
}

type cached struct {
	sig string
	day Day
}

// NewDayCache returns a cache holding at most maxDays days (0: 4000).
func NewDayCache(maxDays int) *DayCache {
	if maxDays <= 0 {
		maxDays = 4000
	}
	return &DayCache{days: map[string]cached{}, max: maxDays}
}

// Get returns the cached day for date if it was computed with sig.
func (c *DayCache) Get(date, sig string) (Day, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.days[date]
	if !ok || e.sig != sig {
		c.misses++
		return Day{}, false
	}
	c.hits++
	return e.day, true
}

// Put stores a computed day under its signature.
func (c *DayCache) Put(date, sig string, d Day) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.days) >= c.max {
		for k := range c.days { // evict an arbitrary day
			delete(c.days, k)
			break
		}
	}
	c.days[date] = cached{sig: sig, day: d}
}

// Invalidate drops every day overlapping r, e.g. the span of new events.
func (c *DayCache) Invalidate(r attnflow.TimeRange, cfg Config) {
	if !r.End.After(r.Start) {
		r.End = r.Start.Add(1)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range Dates(r, cfg) {
		delete(c.days, d)
	}
}

// Stats returns the number of hits and misses so far.
func (c *DayCache) Stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}
