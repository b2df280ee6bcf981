package timeline

import (
	"hash/maphash"
	"math"

	"github.com/attnflow/attnflow"
)

// Interner makes events with equal data share one data map, so that the
// operations after it (flood, categorize, split_url_events,
// merge_events_by_keys) recognise repeated data by the map's address and
// do their work once per distinct value instead of once per event.
//
// Only identical maps are merged: the same keys with values of the same
// Go types and contents (strings byte for byte, numbers bit for bit, lists
// and objects recursively), so replacing a map by its twin is invisible
// to every operation and to the JSON output. Maps holding a value that is
// not equal to itself under DataEqual (NaN, types that do not come out of
// JSON) are left alone.
//
// Maps are never written to: an interned event gets a map that was the
// data of an earlier event. An Interner holds references to the maps it
// has seen, so their addresses stay unique while it lives. It is not safe
// for concurrent use.
type Interner struct {
	seed    maphash.Seed
	entries [][]internEntry // in blocks of entryBlock, never moved
	n       int             // entries stored
	table   []int32         // open addressing: entry index + 1, 0 when free
	// schema is the key set of the last map read by iterating: the maps
	// of one bucket share their keys, so the next ones are read by looking
	// these keys up, which is cheaper than iterating a map.
	schema *schema
	// recent remembers input maps by address, for sources that already
	// hand out one shared map for equal data.
	recent []recentMap
	mask   uintptr
	// twins is set once two maps that are DataEqual but not identical
	// (1 and 1.0, 0 and -0) have been interned apart.
	twins   bool
	touched int   // keeps touch's reads alive
	block   []any // storage for the entries' vals
}

// schema is a key set in a fixed order, with the keys' hashes.
type schema struct {
	keys   []string
	hashes []uint64
}

type internEntry struct {
	m    attnflow.Data
	h    uint64
	s    *schema // the order of vals
	vals []any
}

type recentMap struct {
	in, out attnflow.Data
}

// NewInterner returns an empty Interner.
func NewInterner() *Interner {
	const slots = 1 << 12
	return &Interner{
		seed: maphash.MakeSeed(), table: make([]int32, 1024),
		recent: make([]recentMap, slots), mask: slots - 1,
	}
}

// Len is the number of distinct data maps seen.
func (in *Interner) Len() int { return in.n }

// entryBlock is the number of entries allocated at once.
const entryBlock = 1024

// entry returns entry i.
func (in *Interner) entry(i int) *internEntry {
	return &in.entries[i/entryBlock][i%entryBlock]
}

// Distinct reports whether the maps Data returned so far are equal under
// DataEqual exactly when they are the same map, so that comparing their
// addresses decides equality. It holds unless the input held twins such
// as {"n": 1} and {"n": 1.0}, or {"n": 0} and {"n": -0}.
func (in *Interner) Distinct() bool { return !in.twins }

// Intern replaces the data of each event by the first identical map seen,
// in place (events is the caller's slice; the maps are not touched).
func (in *Interner) Intern(events []attnflow.Event) {
	const block = 32
	for lo := 0; lo < len(events); lo += block {
		b := events[lo:min(lo+block, len(events))]
		in.touch(b)
		for i := range b {
			b[i].Data = in.Data(b[i].Data)
		}
	}
}

// touch reads one value of each map of a block in a short loop, whose
// memory loads the processor overlaps: maps decoded long ago are out of
// the cache, and the long interning loop would otherwise wait for memory
// once per map.
func (in *Interner) touch(events []attnflow.Event) {
	if in.schema == nil || len(in.schema.keys) == 0 {
		return
	}
	k := in.schema.keys[0]
	n := 0
	for i := range events {
		if _, ok := events[i].Data[k]; ok {
			n++
		}
	}
	in.touched += n
}

// Data returns the first map seen that is identical to d, d itself when
// it is new.
func (in *Interner) Data(d attnflow.Data) attnflow.Data {
	if d == nil {
		return nil
	}
	slot := addrSlot(mapID(d), in.mask)
	if r := &in.recent[slot]; r.in != nil && sameMap(r.in, d) {
		return r.out
	}
	out := in.lookup(d)
	in.recent[slot] = recentMap{d, out}
	return out
}

// lookup finds or adds d by content.
func (in *Interner) lookup(d attnflow.Data) attnflow.Data {
	var buf [16]any
	vals, h, ok := in.readKnown(d, buf[:0])
	if !ok {
		if vals, h, ok = in.readAll(d, buf[:0]); !ok {
			return d // holds NaN or a foreign type: never equal to another map
		}
	}
	h ^= uint64(len(d))
	mask := len(in.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := in.table[i]
		if e == 0 {
			in.add(i, internEntry{m: d, h: h, s: in.schema, vals: in.keep(vals)})
			return d
		}
		c := in.entry(int(e - 1))
		if c.h != h {
			continue
		}
		if in.identical(c, vals, d) {
			return c.m
		}
		if DataEqual(c.m, d) {
			in.twins = true
		}
	}
}

// identical reports whether entry c holds exactly d, whose values in the
// current schema's order are vals.
func (in *Interner) identical(c *internEntry, vals []any, d attnflow.Data) bool {
	if len(c.m) != len(d) {
		return false
	}
	if c.s == in.schema {
		for i, v := range vals {
			if !identical(v, c.vals[i]) {
				return false
			}
		}
		return true
	}
	for i, k := range in.schema.keys {
		cv, ok := c.m[k]
		if !ok || !identical(vals[i], cv) {
			return false
		}
	}
	return true
}

// readKnown reads d's values in the order of the current schema; ok is
// false when d does not have exactly its keys, or holds a value that is
// not interned.
func (in *Interner) readKnown(d attnflow.Data, vals []any) ([]any, uint64, bool) {
	s := in.schema
	if s == nil || len(s.keys) != len(d) || len(d) == 0 {
		return vals, 0, false
	}
	var h uint64
	for i, k := range s.keys {
		v, ok := d[k]
		if !ok {
			return vals, 0, false
		}
		hv, ok := hashValue(in.seed, v)
		if !ok {
			return vals, 0, false
		}
		vals = append(vals, v)
		h += pairHash(s.hashes[i], hv)
	}
	return vals, h, true
}

// readAll reads d by iterating it and makes its key set the schema.
func (in *Interner) readAll(d attnflow.Data, vals []any) ([]any, uint64, bool) {
	s := &schema{keys: make([]string, 0, len(d)), hashes: make([]uint64, 0, len(d))}
	var h uint64
	ok := true
	for k, v := range d {
		kh := maphash.String(in.seed, k)
		s.keys, s.hashes = append(s.keys, k), append(s.hashes, kh)
		hv, vok := hashValue(in.seed, v)
		ok = ok && vok
		vals = append(vals, v)
		h += pairHash(kh, hv)
	}
	in.schema = s
	return vals, h, ok
}

// pairHash hashes one key and value; a map's hash is the sum over its
// pairs, so that it does not depend on the order of iteration.
func pairHash(kh, vh uint64) uint64 { return mix(kh ^ vh*0x9e3779b97f4a7c15) }

// keep copies vals into the current block of stored values (one
// allocation per many maps).
func (in *Interner) keep(vals []any) []any {
	if len(in.block)+len(vals) > cap(in.block) {
		in.block = make([]any, 0, max(1024, len(vals)))
	}
	n := len(in.block)
	in.block = append(in.block, vals...)
	return in.block[n:len(in.block):len(in.block)]
}

// add stores e at free slot i, growing the table past half full.
func (in *Interner) add(i int, e internEntry) {
	if in.n%entryBlock == 0 {
		in.entries = append(in.entries, make([]internEntry, 0, entryBlock))
	}
	last := &in.entries[len(in.entries)-1]
	*last = append(*last, e)
	in.n++
	in.table[i] = int32(in.n)
	if 2*in.n <= len(in.table) {
		return
	}
	in.table = make([]int32, 2*len(in.table))
	mask := len(in.table) - 1
	for n := range in.n {
		j := int(in.entry(n).h) & mask
		for in.table[j] != 0 {
			j = (j + 1) & mask
		}
		in.table[j] = int32(n + 1)
	}
}

// identical is strict equality of JSON-like values: same Go types, same
// strings, same float bits.
func identical(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	case int64:
		y, ok := b.(int64)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !identical(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && identicalMaps(x, y)
	case attnflow.Data:
		y, ok := b.(attnflow.Data)
		return ok && identicalMaps(x, y)
	}
	return false
}

func identicalMaps(x, y map[string]any) bool {
	if len(x) != len(y) {
		return false
	}
	for k, xv := range x {
		yv, ok := y[k]
		if !ok || !identical(xv, yv) {
			return false
		}
	}
	return true
}

// hashValue hashes a JSON-like value so that values equal under
// ValueEqual hash alike (numbers by their float64 value, 0 and -0
// alike); ok is false for values not equal to themselves under ValueEqual
// (NaN, foreign types), in them too.
func hashValue(seed maphash.Seed, v any) (uint64, bool) {
	switch x := v.(type) {
	case string:
		return maphash.String(seed, x), true
	case bool:
		if x {
			return 0x2545f4914f6cdd1d, true
		}
		return 0x27bb2ee687b0b0fd, true
	case nil:
		return 0x165667b19e3779f9, true
	case []any:
		h := uint64(len(x)) + 0x3c6ef372
		for _, e := range x {
			eh, ok := hashValue(seed, e)
			if !ok {
				return 0, false
			}
			h = mix(h*31 + eh)
		}
		return h, true
	case map[string]any:
		return hashMap(seed, x)
	case attnflow.Data:
		return hashMap(seed, x)
	}
	f, ok := toFloat(v)
	if !ok || f != f {
		return 0, false
	}
	if f == 0 {
		f = 0 // -0 hashes as 0
	}
	return mix(math.Float64bits(f) ^ 0x5bd1e995), true
}

func hashMap(seed maphash.Seed, m map[string]any) (uint64, bool) {
	h := uint64(len(m)) + 0xa54ff53a
	for k, v := range m {
		vh, ok := hashValue(seed, v)
		if !ok {
			return 0, false
		}
		h += pairHash(maphash.String(seed, k), vh)
	}
	return h, true
}

// mix is a 64-bit finaliser (splitmix64).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
