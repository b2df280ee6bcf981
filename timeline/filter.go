package timeline

import "github.com/attnflow/attnflow"

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
