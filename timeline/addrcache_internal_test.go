package timeline

import (
	"testing"

	"github.com/attnflow/attnflow"
)

// TestAddrCacheGrows puts many more maps than the table has slots and
// checks that every one is found with its value, and that unknown maps
// are not.
func TestAddrCacheGrows(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 1000, 100_000} {
		maps := make([]attnflow.Data, n) // kept alive: addresses stay unique
		c := newAddrCache[int32](64)
		for i := range maps {
			maps[i] = attnflow.Data{"i": float64(i)}
			c.put(mapID(maps[i]), int32(i))
		}
		for i, m := range maps {
			if got, ok := c.get(mapID(m)); !ok || got != int32(i) {
				t.Fatalf("n=%d: map %d: got %d, %v, want %d, true", n, i, got, ok, i)
			}
		}
		if _, ok := c.get(mapID(attnflow.Data{})); ok {
			t.Errorf("n=%d: an unknown map was found", n)
		}
		if _, ok := c.get(0); ok {
			t.Errorf("n=%d: the nil map was found", n)
		}
		if n == 100_000 && len(c.ids) <= 1<<15 {
			t.Errorf("n=%d: the table did not grow (%d slots)", n, len(c.ids))
		}
	}
}
