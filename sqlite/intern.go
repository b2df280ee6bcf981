package sqlite

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"sync"
)

// internCache remembers recently used data ids so that the common case,
// a payload seen moments ago, needs no lookup. It holds at most 2×size
// entries in two generations: when the young one fills up, the old one is
// dropped and the young one ages. Only committed ids enter it.
type internCache struct {
	mu    sync.Mutex
	size  int
	young map[string]int64
	old   map[string]int64
}

func newInternCache(size int) *internCache {
	return &internCache{size: size, young: make(map[string]int64, size)}
}

func (c *internCache) get(json []byte) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id, ok := c.young[string(json)]; ok {
		return id, true
	}
	id, ok := c.old[string(json)]
	if ok {
		c.putLocked(string(json), id)
	}
	return id, ok
}

func (c *internCache) addAll(es map[string]int64) {
	if len(es) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for json, id := range es {
		c.putLocked(json, id)
	}
}

func (c *internCache) putLocked(json string, id int64) {
	if len(c.young) >= c.size {
		c.old, c.young = c.young, make(map[string]int64, c.size)
	}
	c.young[json] = id
}

func (c *internCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.young) + len(c.old)
}

func dataHash(json []byte) int64 {
	h := fnv.New64a()
	h.Write(json)
	return int64(h.Sum64())
}

// internData returns the id of the data row holding canonical, adding the
// row when it is new.
func (t *writeTx) internData(canonical []byte) (int64, error) {
	if id, ok := t.w.intern.get(canonical); ok {
		return id, nil
	}
	if id, ok := t.op.interned[string(canonical)]; ok {
		return id, nil
	}
	id, found, err := t.findData(canonical)
	if err != nil {
		return 0, err
	}
	if !found {
		res, err := t.w.stmts.insertData.Exec(dataHash(canonical), canonical)
		if err != nil {
			return 0, fmt.Errorf("store event data: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, fmt.Errorf("store event data: %w", err)
		}
	}
	if t.op.interned == nil {
		t.op.interned = make(map[string]int64)
	}
	t.op.interned[string(canonical)] = id
	return id, nil
}

func (t *writeTx) findData(canonical []byte) (int64, bool, error) {
	rows, err := t.w.stmts.findData.Query(dataHash(canonical))
	if err != nil {
		return 0, false, fmt.Errorf("look up event data: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var js []byte
		if err := rows.Scan(&id, &js); err != nil {
			return 0, false, fmt.Errorf("look up event data: %w", err)
		}
		if bytes.Equal(js, canonical) {
			return id, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("look up event data: %w", err)
	}
	return 0, false, nil
}
