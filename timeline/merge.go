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
	var buf []byte
next:
	for _, e := range events {
		buf = buf[:0]
		for _, k := range keys {
			v, ok := e.Data[k]
			if !ok {
				continue next
			}
			buf = appendValueKey(buf, v)
			buf = append(buf, 0)
		}
		if i, ok := index[string(buf)]; ok {
			out[i].Duration += e.Duration
			continue
		}
		index[string(buf)] = len(out)
		data := make(attnflow.Data, len(keys))
		for _, k := range keys {
			data[k] = e.Data[k]
		}
		out = append(out, attnflow.Event{Timestamp: e.Timestamp, Duration: e.Duration, Data: data})
	}
	return out
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
