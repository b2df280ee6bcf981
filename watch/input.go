package watch

import (
	"math"
	"slices"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
)

// KeyClass is the coarse class of a key press; the only thing about a key
// that attnflow ever records.
type KeyClass int

// Key classes. A non-modifier key pressed while Control, Alt or Super is
// held counts as KeyShortcut whatever the key.
const (
	KeyAlnum      KeyClass = iota // letters and digits
	KeySpace                      // the space bar
	KeyCorrection                 // BackSpace, Delete
	KeyNavigation                 // arrows, Home/End, Page Up/Down, Tab
	KeyShortcut                   // any key with Control, Alt or Super held
	KeyModifier                   // Shift, Control, Alt, Super, ... alone
	KeyOther                      // punctuation, Return, function keys, ...
	numKeyClasses
)

// keyClassFields are the event data keys of each class's count.
var keyClassFields = [numKeyClasses]string{
	"keysAlnum", "keysSpace", "keysCorrection", "keysNavigation",
	"keysShortcut", "keysModifier", "keysOther",
}

// String returns the class's name as used in the data key ("alnum" ...).
func (c KeyClass) String() string {
	if c < 0 || c >= numKeyClasses {
		return "invalid"
	}
	return []string{"alnum", "space", "correction", "navigation", "shortcut", "modifier", "other"}[c]
}

// MaxKeyInterval is the longest gap between two key presses that counts as
// an inter-key interval; longer gaps are pauses, not typing rhythm.
const MaxKeyInterval = 5 * time.Second

// InputData keys: ActivityWatch's aw-watcher-input keys plus attnflow's.
const (
	DataPresses     = "presses"     // key presses
	DataClicks      = "clicks"      // pointer button presses
	DataDeltaX      = "deltaX"      // horizontal pointer travel, px
	DataDeltaY      = "deltaY"      // vertical pointer travel, px
	DataScrollX     = "scrollX"     // horizontal scroll ticks
	DataScrollY     = "scrollY"     // vertical scroll ticks
	DataDistance    = "distance"    // Euclidean pointer travel, px
	DataKeyInterval = "ikiCount"    // number of inter-key intervals
	DataIKIMedian   = "ikiMedianMs" // median inter-key interval, ms
	DataIKIP25      = "ikiP25Ms"    // 25th percentile, ms
	DataIKIP75      = "ikiP75Ms"    // 75th percentile, ms
)

// InputCounter accumulates classified input into bins. It is safe for
// concurrent use: a source records while the watcher flushes.
type InputCounter struct {
	mu        sync.Mutex
	keys      [numKeyClasses]int
	clicks    int
	scrollX   int
	scrollY   int
	dx, dy    int
	dist      float64
	intervals []time.Duration
	lastKey   time.Duration
	haveKey   bool
	x, y      int
	havePos   bool
}

var _ InputRecorder = (*InputCounter)(nil)

// Key implements InputRecorder.
func (c *InputCounter) Key(class KeyClass, at time.Duration) {
	if class < 0 || class >= numKeyClasses {
		class = KeyOther
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keys[class]++
	if class == KeyModifier {
		return // modifiers alone are no part of the typing rhythm
	}
	if c.haveKey {
		if d := at - c.lastKey; d >= 0 && d <= MaxKeyInterval {
			c.intervals = append(c.intervals, d)
		}
	}
	c.lastKey, c.haveKey = at, true
}

// Click implements InputRecorder.
func (c *InputCounter) Click() {
	c.mu.Lock()
	c.clicks++
	c.mu.Unlock()
}

// Scroll implements InputRecorder.
func (c *InputCounter) Scroll(dx, dy int) {
	c.mu.Lock()
	c.scrollX += abs(dx)
	c.scrollY += abs(dy)
	c.mu.Unlock()
}

// MoveTo implements InputRecorder.
func (c *InputCounter) MoveTo(x, y int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.havePos {
		dx, dy := abs(x-c.x), abs(y-c.y)
		c.dx += dx
		c.dy += dy
		c.dist += math.Hypot(float64(dx), float64(dy))
	}
	c.x, c.y, c.havePos = x, y, true
}

// Flush returns the bin's data and starts a new bin. It returns false when
// nothing was recorded since the last flush. The last key time and
// pointer position carry over so intervals and travel span bins.
func (c *InputCounter) Flush() (attnflow.Data, bool) {
	c.mu.Lock()
	keys, clicks, sx, sy, dx, dy, dist, iv := c.keys, c.clicks, c.scrollX, c.scrollY, c.dx, c.dy, c.dist, c.intervals
	c.keys, c.clicks, c.scrollX, c.scrollY, c.dx, c.dy, c.dist, c.intervals = [numKeyClasses]int{}, 0, 0, 0, 0, 0, 0, nil
	c.mu.Unlock()
	presses := 0
	for _, n := range keys {
		presses += n
	}
	if presses == 0 && clicks == 0 && sx == 0 && sy == 0 && dx == 0 && dy == 0 {
		return nil, false
	}
	d := attnflow.Data{
		DataPresses: presses, DataClicks: clicks, DataDeltaX: dx, DataDeltaY: dy,
		DataScrollX: sx, DataScrollY: sy, DataDistance: math.Round(dist),
		DataKeyInterval: len(iv),
	}
	for i, n := range keys {
		d[keyClassFields[i]] = n
	}
	if len(iv) > 0 {
		slices.Sort(iv)
		d[DataIKIMedian] = ms(quantile(iv, 0.5))
		d[DataIKIP25] = ms(quantile(iv, 0.25))
		d[DataIKIP75] = ms(quantile(iv, 0.75))
	}
	return d, true
}

// InputDataKeys lists every key an input event's data may hold.
func InputDataKeys() []string {
	keys := []string{DataPresses, DataClicks, DataDeltaX, DataDeltaY, DataScrollX, DataScrollY,
		DataDistance, DataKeyInterval, DataIKIMedian, DataIKIP25, DataIKIP75}
	return append(keys, keyClassFields[:]...)
}

// quantile returns the q-quantile of sorted s by linear interpolation.
func quantile(s []time.Duration, q float64) time.Duration {
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	frac := pos - float64(lo)
	return s[lo] + time.Duration(frac*float64(s[hi]-s[lo]))
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/1e5) / 10 }

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
