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

// pieceCache remembers the output data of the input maps seen, by map
// identity: pieces of one event, and events whose equal data share a map
// (interned, or given one by an earlier operation), skip the work. A
// direct-mapped table sized to the input answers most lookups; maps it
// evicts move to a Go map. The input maps must stay alive while it is
// used (their addresses must not be reused).
type pieceCache struct {
	ids     []uintptr
	outs    []attnflow.Data
	mask    uintptr
	evicted map[uintptr]attnflow.Data
}

// maxEvicted bounds the maps of evicted entries (inputs whose maps are
// all different gain nothing from them).
const maxEvicted = 1 << 15

// cacheSlots sizes a direct-mapped table for a list of events: half as
// many slots, at most 1<<15 (evicted entries go to a map).
func cacheSlots(events int) int {
	n := 64
	for n < events/2 && n < 1<<15 {
		n *= 2
	}
	return n
}

func newPieceCache(events int) *pieceCache {
	n := cacheSlots(events)
	return &pieceCache{ids: make([]uintptr, n), outs: make([]attnflow.Data, n), mask: uintptr(n - 1)}
}

func (p *pieceCache) get(in attnflow.Data) (attnflow.Data, uintptr, bool) {
	id := mapID(in)
	slot := addrSlot(id, p.mask)
	if p.ids[slot] == id && id != 0 {
		return p.outs[slot], id, true
	}
	if len(p.evicted) > 0 {
		if out, ok := p.evicted[id]; ok {
			return out, id, true
		}
	}
	return nil, id, false
}

func (p *pieceCache) put(id uintptr, out attnflow.Data) {
	slot := addrSlot(id, p.mask)
	if old := p.ids[slot]; old != 0 && old != id && len(p.evicted) < maxEvicted {
		if p.evicted == nil {
			p.evicted = map[uintptr]attnflow.Data{}
		}
		p.evicted[old] = p.outs[slot]
	}
	p.ids[slot], p.outs[slot] = id, out
}

// addrSlot spreads addresses over a table of mask+1 slots (a power of
// two): heap objects of one size class sit at regular strides, which the
// multiplication scatters.
func addrSlot(id, mask uintptr) uintptr {
	return uintptr((uint64(id)*0x9e3779b97f4a7c15)>>32) & mask
}

// groupCache is pieceCache for merge groups: from a data map's address to
// a group index (-1: no group). The maps must stay alive while it is used.
type groupCache struct {
	ids     []uintptr
	groups  []int32
	mask    uintptr
	evicted map[uintptr]int32
}

func newGroupCache(events int) *groupCache {
	n := cacheSlots(events)
	return &groupCache{ids: make([]uintptr, n), groups: make([]int32, n), mask: uintptr(n - 1)}
}

func (g *groupCache) get(id uintptr) (int, bool) {
	slot := addrSlot(id, g.mask)
	if g.ids[slot] == id && id != 0 {
		return int(g.groups[slot]), true
	}
	if len(g.evicted) > 0 {
		if gr, ok := g.evicted[id]; ok {
			return int(gr), true
		}
	}
	return 0, false
}

func (g *groupCache) put(id uintptr, group int) {
	slot := addrSlot(id, g.mask)
	if old := g.ids[slot]; old != 0 && old != id && len(g.evicted) < maxEvicted {
		if g.evicted == nil {
			g.evicted = map[uintptr]int32{}
		}
		g.evicted[old] = g.groups[slot]
	}
	g.ids[slot], g.groups[slot] = id, int32(group)
}

// mapData returns events with each data map replaced by output(data). The
// result for a map is reused for later events with the same map (pieces
// of one event, or events an earlier operation gave one shared map).
func mapData(events []attnflow.Event, output func(attnflow.Data) attnflow.Data) []attnflow.Event {
	out := make([]attnflow.Event, len(events))
	pieces := newPieceCache(len(events))
	for i, e := range events {
		d, id, ok := pieces.get(e.Data)
		if !ok {
			d = output(e.Data)
			pieces.put(id, d)
		}
		e.Data = d
		out[i] = e
	}
	return out
}
