package timeline

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"unsafe"

	"github.com/attnflow/attnflow"
)

// ValueEqual reports whether two JSON-like values are equal: numbers
// compare numerically whatever their Go type (1 == 1.0), lists element-wise,
// objects key by key, regardless of key order.
func ValueEqual(a, b any) bool {
	if as, ok := a.(string); ok {
		bs, ok := b.(string)
		return ok && as == bs
	}
	if fa, ok := toFloat(a); ok {
		fb, ok := toFloat(b)
		return ok && fa == fb
	}
	switch av := a.(type) {
	case nil:
		return b == nil
	case bool:
		bv, ok := b.(bool)
		return ok && av == bv
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !ValueEqual(av[i], bv[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := asMap(b)
		return ok && mapEqual(av, bm)
	case attnflow.Data:
		bm, ok := asMap(b)
		return ok && mapEqual(av, bm)
	}
	return false
}

func asMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case attnflow.Data:
		return m, true
	}
	return nil, false
}

func mapEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !ValueEqual(av, bv) {
			return false
		}
	}
	return true
}

// DataEqual reports whether two events' data are deeply equal as JSON.
func DataEqual(a, b attnflow.Data) bool {
	if len(a) != len(b) {
		return false
	}
	if sameMap(a, b) {
		return true
	}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !ValueEqual(av, bv) {
			return false
		}
	}
	return true
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case float32:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// appendValueKey appends a canonical, injective encoding of v to b, such
// that two values have the same encoding exactly when ValueEqual holds.
func appendValueKey(b []byte, v any) []byte {
	if s, ok := v.(string); ok {
		b = append(b, 's')
		b = binary.AppendUvarint(b, uint64(len(s)))
		return append(b, s...)
	}
	if f, ok := toFloat(v); ok {
		b = append(b, 'n')
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return strconv.AppendInt(b, int64(f), 10)
		}
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	switch x := v.(type) {
	case nil:
		return append(b, 'z')
	case bool:
		if x {
			return append(b, 't')
		}
		return append(b, 'f')
	case []any:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(len(x)), 10)
		for _, e := range x {
			b = append(b, ',')
			b = appendValueKey(b, e)
		}
		return append(b, ']')
	case attnflow.Data:
		return appendMapKey(b, x)
	case map[string]any:
		return appendMapKey(b, x)
	}
	// Unknown types do not come out of JSON; encode them distinctly anyway.
	j, _ := json.Marshal(v)
	b = append(b, 'j')
	return append(b, j...)
}

func appendMapKey(b []byte, m map[string]any) []byte {
	var buf [16]string
	keys := buf[:0]
	if len(m) > len(buf) {
		keys = make([]string, 0, len(m))
	}
	for k := range m {
		keys = append(keys, k)
	}
	if len(keys) < 12 {
		for i := 1; i < len(keys); i++ {
			for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
				keys[j], keys[j-1] = keys[j-1], keys[j]
			}
		}
	} else {
		sort.Strings(keys)
	}
	b = append(b, '{')
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = appendValueKey(b, m[k])
	}
	return append(b, '}')
}

// mapID identifies a map by its address (maps are reference values).
// A map value is a pointer to the runtime's map header, so its first word
// is the address (reflect.Value.Pointer returns the same, slower).
func mapID(m attnflow.Data) uintptr { return *(*uintptr)(unsafe.Pointer(&m)) }

func sameMap(a, b attnflow.Data) bool { return mapID(a) == mapID(b) }

// SameData reports whether a and b are the same map: the test of equal
// data for events whose equal data share one map (see Interner.Distinct).
func SameData(a, b attnflow.Data) bool { return sameMap(a, b) }

// cloneData returns a shallow copy of d with room for extra keys.
func cloneData(d attnflow.Data, extra int) attnflow.Data {
	out := make(attnflow.Data, len(d)+extra)
	for k, v := range d {
		out[k] = v
	}
	return out
}

// addrCache remembers a value per data map, by the map's address: pieces
// of one event, and events whose equal data share a map (interned, or
// given one by an earlier operation), skip the work. A direct-mapped
// table answers most lookups; entries it evicts move to a Go map, and the
// table grows when they get many (the number of distinct maps is not
// known in advance). The maps must stay alive while it is used (their
// addresses must not be reused).
type addrCache[V any] struct {
	ids     []uintptr
	vals    []V
	mask    uintptr
	evicted map[uintptr]V
}

// Bounds of an addrCache: the table's slots, and the evicted entries kept
// (inputs whose maps are all different gain nothing from more).
const (
	maxSlots   = 1 << 18
	maxEvicted = 1 << 16
)

func newAddrCache[V any](events int) *addrCache[V] {
	n := 64
	for n < events/2 && n < 1<<15 {
		n *= 2
	}
	return &addrCache[V]{ids: make([]uintptr, n), vals: make([]V, n), mask: uintptr(n - 1)}
}

func (c *addrCache[V]) get(id uintptr) (V, bool) {
	slot := addrSlot(id, c.mask)
	if c.ids[slot] == id && id != 0 {
		return c.vals[slot], true
	}
	if len(c.evicted) > 0 {
		if v, ok := c.evicted[id]; ok {
			return v, true
		}
	}
	var zero V
	return zero, false
}

func (c *addrCache[V]) put(id uintptr, v V) {
	slot := addrSlot(id, c.mask)
	old := c.ids[slot]
	if old != 0 && old != id {
		if len(c.evicted) >= len(c.ids)/4 && len(c.ids) < maxSlots {
			c.grow()
			c.put(id, v)
			return
		}
		if len(c.evicted) < maxEvicted {
			if c.evicted == nil {
				c.evicted = map[uintptr]V{}
			}
			c.evicted[old] = c.vals[slot]
		}
	}
	c.ids[slot], c.vals[slot] = id, v
}

// grow makes the table four times larger and moves every entry into it.
func (c *addrCache[V]) grow() {
	ids, vals, evicted := c.ids, c.vals, c.evicted
	n := min(4*len(ids), maxSlots)
	c.ids, c.vals, c.mask, c.evicted = make([]uintptr, n), make([]V, n), uintptr(n-1), nil
	for i, id := range ids {
		if id != 0 {
			c.put(id, vals[i])
		}
	}
	for id, v := range evicted {
		if _, ok := c.get(id); !ok {
			c.put(id, v)
		}
	}
}

// addrSlot spreads addresses over a table of mask+1 slots (a power of
// two): heap objects of one size class sit at regular strides, which the
// multiplication scatters.
func addrSlot(id, mask uintptr) uintptr {
	return uintptr((uint64(id)*0x9e3779b97f4a7c15)>>32) & mask
}

// groupCache maps a data map's address to a merge group index (-1: no
// group) or a filter's decision.
type groupCache = addrCache[int32]

func newGroupCache(events int) *groupCache { return newAddrCache[int32](events) }

// mapData returns events with each data map replaced by output(data). The
// result for a map is reused for later events with the same map (pieces
// of one event, or events an earlier operation gave one shared map).
func mapData(events []attnflow.Event, output func(attnflow.Data) attnflow.Data) []attnflow.Event {
	out := make([]attnflow.Event, len(events))
	mapDataInto(out, events, output, newAddrCache[attnflow.Data](len(events)))
	return out
}

// mapDataInto is mapData writing to dst (as long as events), with the
// outputs remembered in pieces.
func mapDataInto(dst, events []attnflow.Event, output func(attnflow.Data) attnflow.Data, pieces *addrCache[attnflow.Data]) {
	dst = dst[:len(events)]
	for i, e := range events {
		id := mapID(e.Data)
		d, ok := pieces.get(id)
		if !ok {
			d = output(e.Data)
			pieces.put(id, d)
		}
		e.Data = d
		dst[i] = e
	}
}
