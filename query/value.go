package query

import (
	"math"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// Runtime values are nil, bool, int64, float64, string, []any (list),
// map[string]any (object), attnflow.Event, and eventList — a list whose
// elements are all events, kept unboxed for speed. Values are immutable
// once created: variables and constants share them freely.
type eventList []attnflow.Event

// typeName names a runtime value's type for messages.
func typeName(v any) string {
	switch x := v.(type) {
	case eventList:
		return "a list of events"
	case attnflow.Event:
		return "an event"
	case []any:
		if len(x) == 0 {
			return "an empty list"
		}
		return "a list"
	}
	return timeline.TypeName(v)
}

// asEvents converts a list value to events.
func asEvents(v any) (eventList, bool) {
	switch x := v.(type) {
	case eventList:
		return x, true
	case []any:
		out := make(eventList, len(x))
		for i, e := range x {
			ev, ok := e.(attnflow.Event)
			if !ok {
				return nil, false
			}
			out[i] = ev
		}
		return out, true
	}
	return nil, false
}

// asList converts a list value to []any (boxing events).
func asList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case eventList:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, true
	}
	return nil, false
}

func asNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// equal is the language's ==: numbers compare numerically, lists and
// objects deeply, events by time and data. ok is false when the operands
// have different types (which is an error, as in aw-server-rust).
func equal(a, b any) (eq, ok bool) {
	if fa, isNum := asNumber(a); isNum {
		fb, isNum := asNumber(b)
		return fa == fb, isNum
	}
	switch x := a.(type) {
	case nil:
		return false, b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y, ok
	case string:
		y, ok := b.(string)
		return ok && x == y, ok
	case attnflow.Event:
		y, ok := b.(attnflow.Event)
		return ok && eventEqual(x, y), ok
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return false, false
		}
		if len(x) != len(y) {
			return false, true
		}
		for k, xv := range x {
			yv, has := y[k]
			if e, _ := equal(xv, yv); !has || !e {
				return false, true
			}
		}
		return true, true
	}
	xl, okA := asList(a)
	yl, okB := asList(b)
	if !okA || !okB {
		return false, false
	}
	if len(xl) != len(yl) {
		return false, true
	}
	for i := range xl {
		if e, _ := equal(xl[i], yl[i]); !e {
			return false, true
		}
	}
	return true, true
}

func eventEqual(a, b attnflow.Event) bool {
	return a.ID == b.ID && a.Timestamp.Equal(b.Timestamp) && a.Duration == b.Duration &&
		timeline.DataEqual(a.Data, b.Data)
}

// exportValue converts a runtime value to its JSON-ready result form:
// event lists become []attnflow.Event, and containers are copied so the
// caller owns them.
func exportValue(v any) any {
	switch x := v.(type) {
	case eventList:
		return []attnflow.Event(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = exportValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = exportValue(e)
		}
		return out
	}
	return v
}

// seconds converts a duration to float seconds at nanosecond precision.
func seconds(d time.Duration) float64 { return float64(d) / 1e9 }

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// weight counts the nodes of a value, stopping once it exceeds limit; an
// event list counts as its number of events when events is set, else as
// one node. Lists can share elements, so a few statements like
// x = [x, x] build values exponentially larger than the query; weight
// lets the evaluator refuse them before exporting or comparing them would
// take exponential time.
func weight(v any, limit int, events bool) int {
	n := 0
	var walk func(v any)
	walk = func(v any) {
		if n > limit {
			return
		}
		n++
		switch x := v.(type) {
		case eventList:
			if events {
				n += len(x)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return n
}
