package timeline

import (
	"github.com/attnflow/attnflow"
)

// MergeByKeys groups events by their values at keys and sums the
// durations of each group. A merged event has the timestamp of the group's
// first event and data holding only the grouping keys; groups come out in
// the order their first event appears. Events lacking any of the keys are
// dropped, and an empty key list yields no events (as aw-server-rust).
func MergeByKeys(events []attnflow.Event, keys []string) []attnflow.Event {
	out := []attnflow.Event{}
	if len(keys) == 0 {
		return out
	}
	index := map[string]int{}
	// Fast path: one or two keys with string values.
	strs := newStringGroups(len(keys), min(len(events)/8, 1<<16))
	var buf []byte
	lists := listKeys{}
	// Events sharing one data map (pieces of an event, or the shared
	// output maps of categorize and split_url_events) share a group: find
	// it by the map's address, without reading the keys again.
	known := newGroupCache(len(events))
next:
	for _, e := range events {
		id := mapID(e.Data)
		if g, ok := known.get(id); ok {
			if g >= 0 {
				out[g].Duration += e.Duration
			}
			continue
		}
		known.put(id, -1) // until a group is found: the event lacks a key
		if len(keys) <= 2 {
			var pk [2]string
			var vs [2]any
			allStrings := true
			for j, k := range keys {
				v, ok := e.Data[k]
				if !ok {
					continue next
				}
				vs[j] = v
				if pk[j], ok = v.(string); !ok {
					allStrings = false
					break
				}
			}
			if allStrings {
				if i, ok := strs.get(pk); ok {
					out[i].Duration += e.Duration
					known.put(id, int32(i))
				} else {
					strs.put(pk, len(out))
					known.put(id, int32(len(out)))
					out = append(out, groupEventOf(e, keys, vs[:len(keys)]))
				}
				continue
			}
		}
		buf = buf[:0]
		for _, k := range keys {
			v, ok := e.Data[k]
			if !ok {
				continue next
			}
			buf = lists.appendKey(buf, v)
			buf = append(buf, 0)
		}
		if i, ok := index[string(buf)]; ok {
			out[i].Duration += e.Duration
			known.put(id, int32(i))
			continue
		}
		index[string(buf)] = len(out)
		known.put(id, int32(len(out)))
		out = append(out, groupEvent(e, keys))
	}
	return out
}

// stringGroups indexes groups by one or two string values (a map keyed by
// one string hashes faster than one keyed by a pair).
type stringGroups struct {
	singles map[string]int
	pairs   map[[2]string]int
}

func newStringGroups(keys, size int) *stringGroups {
	if keys == 1 {
		return &stringGroups{singles: make(map[string]int, size)}
	}
	return &stringGroups{pairs: make(map[[2]string]int, size)}
}

func (g *stringGroups) get(k [2]string) (int, bool) {
	if g.singles != nil {
		i, ok := g.singles[k[0]]
		return i, ok
	}
	i, ok := g.pairs[k]
	return i, ok
}

func (g *stringGroups) put(k [2]string, i int) {
	if g.singles != nil {
		g.singles[k[0]] = i
		return
	}
	g.pairs[k] = i
}

// groupEvent starts a merge group from its first event.
func groupEvent(e attnflow.Event, keys []string) attnflow.Event {
	data := make(attnflow.Data, len(keys))
	for _, k := range keys {
		data[k] = e.Data[k]
	}
	return attnflow.Event{Timestamp: e.Timestamp, Duration: e.Duration, Data: data}
}

// groupEventOf is groupEvent with the values at keys already read.
func groupEventOf(e attnflow.Event, keys []string, vals []any) attnflow.Event {
	data := make(attnflow.Data, len(keys))
	for i, k := range keys {
		data[k] = vals[i]
	}
	return attnflow.Event{Timestamp: e.Timestamp, Duration: e.Duration, Data: data}
}

// ChunkByKey merges runs of consecutive events with equal data[key]: the
// first event of a run absorbs the durations of the rest and keeps its own
// data. Events without the key are skipped and do not break a run.
func ChunkByKey(events []attnflow.Event, key string) []attnflow.Event {
	out := []attnflow.Event{}
	for _, e := range events {
		v, ok := e.Data[key]
		if !ok {
			continue
		}
		if n := len(out); n > 0 && ValueEqual(out[n-1].Data[key], v) {
			out[n-1].Duration += e.Duration
			continue
		}
		out = append(out, e)
	}
	return out
}

// listKeys caches the encoded key of list values by identity: categorize
// gives every event of a category the same list, so "$category" keys are
// encoded once per category instead of once per event.
type listKeys map[listID][]byte

// listID identifies a list by its first element's address and its length.
type listID struct {
	first *any
	n     int
}

func (c listKeys) appendKey(b []byte, v any) []byte {
	l, ok := v.([]any)
	if !ok || len(l) == 0 {
		return appendValueKey(b, v)
	}
	id := listID{&l[0], len(l)}
	k, ok := c[id]
	if !ok {
		k = appendValueKey(nil, v)
		if len(c) < 4096 {
			c[id] = k
		}
	}
	return append(b, k...)
}
