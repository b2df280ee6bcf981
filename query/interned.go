package query

import (
	"weak"

	"github.com/attnflow/attnflow"
)

// The run remembers which event lists hold only data maps that went
// through its interner (query_bucket's results, and what functions that
// keep data make of them), so that later functions can compare and
// memoise data by map address.

// markInterned records that every data map of ev is interned.
func (r *run) markInterned(ev eventList) {
	if len(ev) == 0 {
		return
	}
	if r.canon == nil {
		r.canon = map[weak.Pointer[attnflow.Event]]int{}
	}
	r.canon[weak.Make(&ev[0])] = len(ev)
}

// allInterned reports whether every data map of ev is interned (true for
// an empty list).
func (r *run) allInterned(ev eventList) bool {
	if len(ev) == 0 {
		return true
	}
	n, ok := r.canon[weak.Make(&ev[0])]
	return ok && n == len(ev)
}

// argsInterned reports whether every event list among args is interned.
func (r *run) argsInterned(args []any) bool {
	for _, a := range args {
		switch x := a.(type) {
		case eventList:
			if !r.allInterned(x) {
				return false
			}
		case []any:
			for _, e := range x {
				if _, isEvent := e.(attnflow.Event); isEvent {
					return false // events boxed in a plain list: unknown origin
				}
			}
		}
	}
	return true
}

// interned reports whether equal data in ev share one map, so that
// comparing addresses decides equality: every map is interned and no
// twins (such as 1 and 1.0) were seen.
func (r *run) interned(ev eventList) bool {
	return r.interner != nil && r.interner.Distinct() && len(ev) > 0 && r.allInterned(ev)
}
