package timeline

import (
	"slices"

	"github.com/attnflow/attnflow"
)

// FilterKeyvals keeps the events whose data[key] equals one of vals
// (numbers compare numerically). Events without the key are dropped.
func FilterKeyvals(events []attnflow.Event, key string, vals []any) []attnflow.Event {
	return filterKeyvals(events, key, vals, false)
}

// ExcludeKeyvals drops the events whose data[key] equals one of vals.
// Events without the key are kept.
func ExcludeKeyvals(events []attnflow.Event, key string, vals []any) []attnflow.Event {
	return filterKeyvals(events, key, vals, true)
}

func filterKeyvals(events []attnflow.Event, key string, vals []any, exclude bool) []attnflow.Event {
	var out []attnflow.Event
	strs := map[string]bool{}
	others := vals[:0:0]
	for _, v := range vals {
		if s, ok := v.(string); ok {
			strs[s] = true
		} else {
			others = append(others, v)
		}
	}
	for _, e := range events {
		v, has := e.Data[key]
		match := has && valueIn(v, strs, others)
		if match != exclude {
			out = append(out, e)
		}
	}
	if out == nil {
		out = []attnflow.Event{}
	}
	return out
}

func valueIn(v any, strs map[string]bool, others []any) bool {
	if s, ok := v.(string); ok {
		return strs[s]
	}
	for _, o := range others {
		if ValueEqual(v, o) {
			return true
		}
	}
	return false
}

// FilterKeyvalsRegex keeps the events whose data[key] is a string in which
// m finds a match. Events without the key, or with a non-string value,
// are dropped. The regex runs once per distinct value.
func FilterKeyvalsRegex(events []attnflow.Event, key string, m Matcher) []attnflow.Event {
	var out []attnflow.Event
	memo := map[string]bool{}
	for _, e := range events {
		s, ok := e.Data[key].(string)
		if !ok {
			continue
		}
		match, seen := memo[s]
		if !seen {
			match = m.MatchString(s)
			memo[s] = match
		}
		if match {
			out = append(out, e)
		}
	}
	if out == nil {
		out = []attnflow.Event{}
	}
	return out
}

// KeyvalsFilter returns FilterKeyvals (ExcludeKeyvals when exclude is set)
// as a function for events whose equal data share one map (see
// Interner): it decides once per map, remembering the answer by the map's
// address across calls. Use it on lists in chunks; it is not safe for
// concurrent use, and the maps it has seen must stay alive while it is
// used.
func KeyvalsFilter(key string, vals []any, exclude bool) func([]attnflow.Event) []attnflow.Event {
	f := newByMapFilter(func(d attnflow.Data) bool {
		v, has := d[key]
		match := has && ValueEqualsAny(v, vals)
		return match != exclude
	})
	return f.filter
}

// KeyvalsRegexFilter is KeyvalsFilter for FilterKeyvalsRegex.
func KeyvalsRegexFilter(key string, m Matcher) func([]attnflow.Event) []attnflow.Event {
	memo := map[string]bool{}
	f := newByMapFilter(func(d attnflow.Data) bool {
		s, ok := d[key].(string)
		if !ok {
			return false
		}
		match, seen := memo[s]
		if !seen {
			match = m.MatchString(s)
			memo[s] = match
		}
		return match
	})
	return f.filter
}

// ValueEqualsAny reports whether v equals (ValueEqual) one of vals.
func ValueEqualsAny(v any, vals []any) bool {
	for _, o := range vals {
		if ValueEqual(v, o) {
			return true
		}
	}
	return false
}

// byMapFilter keeps the events whose data keep() accepts, asking once per
// data map.
type byMapFilter struct {
	keep  func(attnflow.Data) bool
	known *groupCache // map address → 1 keep, 0 drop
	kept  []bool      // the decisions of the current call, reused
}

func newByMapFilter(keep func(attnflow.Data) bool) *byMapFilter {
	return &byMapFilter{keep: keep}
}

func (f *byMapFilter) filter(events []attnflow.Event) []attnflow.Event {
	if f.known == nil {
		f.known = newGroupCache(len(events))
	}
	// Decide and count first, so that the result is allocated once.
	kept := slices.Grow(f.kept[:0], len(events))[:len(events)]
	n := 0
	for i := range events {
		kept[i] = f.decide(events[i].Data)
		if kept[i] {
			n++
		}
	}
	out := make([]attnflow.Event, 0, n)
	for i, k := range kept {
		if k {
			out = append(out, events[i])
		}
	}
	f.kept = kept
	return out
}

// decide reports whether events with data d are kept.
func (f *byMapFilter) decide(d attnflow.Data) bool {
	id := mapID(d)
	k, ok := f.known.get(id)
	if !ok {
		k = 0
		if f.keep(d) {
			k = 1
		}
		f.known.put(id, k)
	}
	return k == 1
}
