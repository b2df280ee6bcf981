package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"sync"

	"github.com/attnflow/attnflow"
)

// payloadCacheSize bounds the decoded payload cache. A month of desktop
// use reads about 13k distinct payloads; at roughly 0.5 kB each the
// full cache takes about 8 MB.
const payloadCacheSize = 16384

// payload is a decoded data row, immutable once cached: Events hands out
// copies (copy), EventsShared the data itself to read-only callers.
type payload struct {
	data   attnflow.Data
	nested bool // some value is a JSON object or array
}

// decodePayload decodes a data row's JSON, sharing short strings through
// in (which may be nil).
func decodePayload(js []byte, in interner) (*payload, error) {
	if d, ok := decodeFlat(js, in); ok {
		return &payload{data: d}, nil
	}
	var d attnflow.Data
	if err := json.Unmarshal(js, &d); err != nil {
		return nil, err
	}
	if d == nil {
		d = attnflow.Data{}
	}
	p := &payload{data: d}
	for _, v := range d {
		switch v.(type) {
		case map[string]any, []any:
			p.nested = true
		}
	}
	return p, nil
}

// copy returns data that shares nothing mutable with p or another copy:
// strings, numbers and bools are immutable, so a shallow clone suffices
// unless some value is an object or array.
func (p *payload) copy() attnflow.Data {
	out := maps.Clone(p.data)
	if p.nested {
		for k, v := range out {
			out[k] = copyJSON(v)
		}
	}
	return out
}

// payloadCache maps data ids to decoded payloads, so that reads need
// neither the JOIN to the data table nor a JSON decode for payloads seen
// recently. Caching by id is safe because data rows are immutable and
// never deleted (an id never names other JSON later), and readers only
// see committed rows. It holds at most size payloads and evicts with the
// CLOCK policy (an approximation of LRU that needs no list), so that a
// working set that fits stays whole.
type payloadCache struct {
	mu    sync.Mutex
	size  int
	index map[int64]int // id → slot
	slots []cacheSlot
	hand  int
}

type cacheSlot struct {
	id  int64
	p   *payload
	ref bool // used since the hand last passed
}

func newPayloadCache(size int) *payloadCache {
	return &payloadCache{size: max(size, 1), index: make(map[int64]int)}
}

// resolve sets out[i] to the cached payload of ids[i] and returns the
// distinct ids it does not hold.
func (c *payloadCache) resolve(ids []int64, out []*payload) []int64 {
	var missing []int64
	var seen map[int64]bool
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, id := range ids {
		if i > 0 && ids[i-1] == id {
			out[i] = out[i-1]
			continue
		}
		p := c.getLocked(id)
		if p == nil {
			if seen == nil {
				seen = make(map[int64]bool)
			}
			if !seen[id] {
				seen[id] = true
				missing = append(missing, id)
			}
		}
		out[i] = p
	}
	return missing
}

func (c *payloadCache) getLocked(id int64) *payload {
	i, ok := c.index[id]
	if !ok {
		return nil
	}
	c.slots[i].ref = true
	return c.slots[i].p
}

// addAll caches the payloads one read missed. A read that missed more
// than the cache holds (a year, where a month's payloads fit) only fills
// free slots: admitted in full it would evict everything, and most of
// what it brought in again, so that neither it nor a later smaller read
// would find anything cached (CLOCK, like LRU, keeps nothing of a
// repeated scan larger than itself). Kept out, it finds the cached part
// of its payloads on its next run, and a month read after it still finds
// its own.
func (c *payloadCache) addAll(ps map[int64]*payload) {
	c.mu.Lock()
	defer c.mu.Unlock()
	scan := len(ps) > c.size
	for id, p := range ps {
		if scan && len(c.slots) >= c.size {
			return
		}
		c.putLocked(id, p)
	}
}

func (c *payloadCache) putLocked(id int64, p *payload) {
	if i, ok := c.index[id]; ok {
		c.slots[i].p = p
		return
	}
	if len(c.slots) < c.size {
		c.index[id] = len(c.slots)
		c.slots = append(c.slots, cacheSlot{id: id, p: p})
		return
	}
	for c.slots[c.hand].ref {
		c.slots[c.hand].ref = false
		c.hand = (c.hand + 1) % len(c.slots)
	}
	delete(c.index, c.slots[c.hand].id)
	c.slots[c.hand] = cacheSlot{id: id, p: p}
	c.index[id] = c.hand
	c.hand = (c.hand + 1) % len(c.slots)
}

func (c *payloadCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.index)
}

// eventRow is an events row as Events scans it.
type eventRow struct{ id, start, dur, data int64 }

// maxPooledRows bounds the row buffers kept for reuse (4 MiB each).
const maxPooledRows = 1 << 17

// rowPool keeps Events' scan buffers for reuse.
type rowPool struct{ p sync.Pool }

func (rp *rowPool) get() *[]eventRow {
	if bp, ok := rp.p.Get().(*[]eventRow); ok {
		return bp
	}
	return new([]eventRow)
}

func (rp *rowPool) put(bp *[]eventRow) {
	if cap(*bp) <= maxPooledRows {
		*bp = (*bp)[:0]
		rp.p.Put(bp)
	}
}

// loadPayloads reads and decodes the data rows ids, in one query through
// database/sql: the fallback for rawLoadPayloads (rawdata.go) and the
// reference it is tested against.
func (db *DB) loadPayloads(ctx context.Context, ids []int64) (map[int64]*payload, error) {
	arg := make([]byte, 0, 1+len(ids)*8)
	arg = append(arg, '[')
	for i, id := range ids {
		if i > 0 {
			arg = append(arg, ',')
		}
		arg = strconv.AppendInt(arg, id, 10)
	}
	arg = append(arg, ']')
	rows, err := db.stmts.dataByIDs.QueryContext(ctx, string(arg))
	if err != nil {
		return nil, fmt.Errorf("read event data: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]*payload, len(ids))
	in := interner{}
	for rows.Next() {
		var id int64
		var js []byte
		if err := rows.Scan(&id, &js); err != nil {
			return nil, fmt.Errorf("read event data: %w", err)
		}
		p, err := decodePayload(js, in)
		if err != nil {
			return nil, fmt.Errorf("read event data %d: %w", id, err)
		}
		out[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read event data: %w", err)
	}
	return out, nil
}
