package awimport

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Bar shows a Progress on a stream: on a terminal one line redrawn in
// place at most ten times a second, elsewhere (a log file, CI) a plain
// line every few seconds. It is safe for concurrent use.
type Bar struct {
	w   io.Writer
	tty bool
	now func() time.Time

	mu    sync.Mutex
	phase string
	unit  string
	total int
	done  int
	start time.Time
	drawn time.Time // last redraw
}

// NewBar returns a bar writing to w counting unit ("events"); tty says
// whether w is a terminal; now is the clock (nil: time.Now).
func NewBar(w io.Writer, tty bool, unit string, now func() time.Time) *Bar {
	if now == nil {
		now = time.Now
	}
	return &Bar{w: w, tty: tty, unit: unit, now: now}
}

var _ Progress = (*Bar)(nil)

// Start implements Progress.
func (b *Bar) Start(phase string, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.total, b.done = phase, total, 0
	b.start = b.now()
	b.drawn = b.start
}

// Add implements Progress.
func (b *Bar) Add(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	now := b.now()
	every := 2 * time.Second
	if b.tty {
		every = 100 * time.Millisecond
	}
	if now.Sub(b.drawn) < every {
		return
	}
	b.drawn = now
	b.draw(now, false)
}

// Finish implements Progress: the phase's final line.
func (b *Bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.draw(b.now(), true)
}

func (b *Bar) draw(now time.Time, final bool) {
	line := renderProgress(b.phase, b.unit, b.done, b.total, now.Sub(b.start), final)
	switch {
	case b.tty && final:
		fmt.Fprintf(b.w, "\r%s\x1b[K\n", line)
	case b.tty:
		fmt.Fprintf(b.w, "\r%s\x1b[K", line)
	default:
		fmt.Fprintln(b.w, line)
	}
}

// renderProgress formats one progress line: phase, a bar and percentage
// when the total is known, the count, the rate and the time left or taken.
func renderProgress(phase, unit string, done, total int, elapsed time.Duration, final bool) string {
	var sb strings.Builder
	sb.WriteString(phase)
	if total > 0 {
		frac := min(float64(done)/float64(total), 1)
		const width = 24
		full := int(frac * width)
		fmt.Fprintf(&sb, " [%s%s] %3.0f%%", strings.Repeat("=", full), strings.Repeat(" ", width-full), frac*100)
		fmt.Fprintf(&sb, " %s/%s %s", count(done), count(total), unit)
	} else {
		fmt.Fprintf(&sb, " %s %s", count(done), unit)
	}
	secs := elapsed.Seconds()
	if secs > 0 {
		rate := float64(done) / secs
		fmt.Fprintf(&sb, ", %s/s", count(int(rate)))
		if !final && total > done && rate > 0 {
			fmt.Fprintf(&sb, ", %s left", roundDuration(time.Duration(float64(total-done)/rate*float64(time.Second))))
		}
	}
	if final {
		fmt.Fprintf(&sb, ", done in %s", roundDuration(elapsed))
	}
	return sb.String()
}

// count writes n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func roundDuration(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}
