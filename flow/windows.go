package flow

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// Share is a name with seconds and its share of a total.
type Share struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
	Share   float64 `json:"share"`
}

// Window is one regular window of the attention flow with its features.
type Window struct {
	Start     time.Time `json:"start"`
	Hour      int       `json:"hour"`    // local hour of day of Start
	Weekday   int       `json:"weekday"` // local weekday, 0 = Sunday
	ActiveSec float64   `json:"active_sec"`
	IdleShare float64   `json:"idle_share"`

	DominantApp      string  `json:"dominant_app,omitempty"`
	DominantCategory string  `json:"dominant_category,omitempty"`
	Categories       []Share `json:"categories,omitempty"`
	FocusShare       float64 `json:"focus_share"` // of active time
	Score            float64 `json:"score"`       // time-weighted category score
	Focus            bool    `json:"focus"`       // FocusShare ≥ FocusWindowShare

	Switches       int     `json:"switches"`
	DwellMeanSec   float64 `json:"dwell_mean_sec"`   // of runs ending in the window
	DwellMedianSec float64 `json:"dwell_median_sec"` // of runs ending in the window

	Presses       float64 `json:"presses"`
	Clicks        float64 `json:"clicks"`
	PointerPx     float64 `json:"pointer_px"`
	ScrollPx      float64 `json:"scroll_px"`
	KeysPerMin    float64 `json:"keys_per_min"`    // per active minute
	InputRhythmCV float64 `json:"input_rhythm_cv"` // variation of input between bins

	SinceBreakSec     float64 `json:"since_break_sec"`
	ContinuousWorkSec float64 `json:"continuous_work_sec"`
	InSession         bool    `json:"in_session"`
}

// InputBin is one aw-watcher-input event (type os.hid.input): counts over
// its span. Fields the watcher does not send stay zero.
type InputBin struct {
	Start, End       time.Time
	Presses, Clicks  float64
	DeltaX, DeltaY   float64
	ScrollX, ScrollY float64
}

// InputBins reads input events, ignoring events without counts.
func InputBins(events []attnflow.Event) []InputBin {
	out := make([]InputBin, 0, len(events))
	for _, e := range events {
		if e.Duration < 0 {
			continue
		}
		b := InputBin{Start: e.Timestamp, End: e.End(),
			Presses: num(e.Data, "presses"), Clicks: num(e.Data, "clicks"),
			DeltaX: num(e.Data, "deltaX"), DeltaY: num(e.Data, "deltaY"),
			ScrollX: num(e.Data, "scrollX"), ScrollY: num(e.Data, "scrollY")}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b InputBin) int { return a.Start.Compare(b.Start) })
	return out
}

func num(d attnflow.Data, k string) float64 {
	switch v := d[k].(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return 0
		}
		return v
	case int64:
		return float64(v)
	case int:
		return float64(v)
	}
	return 0
}

// windowFeatures computes the windows of r from the day's pieces.
func windowFeatures(r attnflow.TimeRange, segs []Segment, runs []Run, sw []Switch, brk []Break, sess []Session, input []InputBin, cfg Config) []Window {
	size := cfg.Window
	start := r.Start.Truncate(size)
	n := int((r.End.Sub(start) + size - 1) / size)
	if n <= 0 {
		return nil
	}
	ws := make([]Window, n)
	apps := make([]map[string]float64, n)
	cats := make([]map[string]float64, n)
	focus := make([]float64, n)
	score := make([]float64, n)
	idx := func(t time.Time) int { return int(t.Sub(start) / size) }
	for i := range ws {
		ws[i].Start = start.Add(time.Duration(i) * size)
		lt := ws[i].Start.In(cfg.Location)
		ws[i].Hour, ws[i].Weekday = lt.Hour(), int(lt.Weekday())
	}
	for _, s := range segs {
		for i := max(idx(s.Start), 0); i < n && ws[i].Start.Before(s.End); i++ {
			d := minTime(s.End, ws[i].Start.Add(size)).Sub(maxTime(s.Start, ws[i].Start)).Seconds()
			if d <= 0 {
				continue
			}
			if apps[i] == nil {
				apps[i], cats[i] = map[string]float64{}, map[string]float64{}
			}
			ws[i].ActiveSec += d
			apps[i][s.App] += d
			cats[i][s.Category] += d
			score[i] += d * s.Score
			if cfg.isFocus(s.Score) {
				focus[i] += d
			}
		}
	}
	for i := range ws {
		finishWindow(&ws[i], apps[i], cats[i], focus[i], score[i], cfg)
	}
	addSwitchesAndDwell(ws, runs, sw, idx)
	addInput(ws, input, idx, size)
	addBreakClock(ws, brk, r, size)
	for _, s := range sess {
		for i := max(idx(s.Start), 0); i < n && ws[i].Start.Before(s.End); i++ {
			ws[i].InSession = true
		}
	}
	return ws
}

func finishWindow(w *Window, apps, cats map[string]float64, focus, score float64, cfg Config) {
	w.IdleShare = 1 - w.ActiveSec/cfg.Window.Seconds()
	if w.ActiveSec <= 0 {
		w.IdleShare = 1
		return
	}
	w.DominantApp = argmax(apps)
	w.DominantCategory = argmax(cats)
	for c, d := range cats {
		w.Categories = append(w.Categories, Share{Name: c, Seconds: d, Share: d / w.ActiveSec})
	}
	sortShares(w.Categories)
	w.FocusShare = focus / w.ActiveSec
	w.Score = score / w.ActiveSec
	w.Focus = w.FocusShare >= cfg.FocusWindowShare
}

func argmax(m map[string]float64) string {
	var best string
	bv := -1.0
	for k, v := range m {
		if v > bv || (v == bv && k < best) {
			best, bv = k, v
		}
	}
	return best
}

func sortShares(s []Share) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Seconds != s[j].Seconds {
			return s[i].Seconds > s[j].Seconds
		}
		return s[i].Name < s[j].Name
	})
}

func addSwitchesAndDwell(ws []Window, runs []Run, sw []Switch, idx func(time.Time) int) {
	for _, s := range sw {
		if i := idx(s.At); i >= 0 && i < len(ws) {
			ws[i].Switches++
		}
	}
	dw := make([][]float64, len(ws))
	for _, r := range runs {
		if i := idx(r.End.Add(-time.Nanosecond)); i >= 0 && i < len(ws) {
			dw[i] = append(dw[i], r.Dwell().Seconds())
		}
	}
	for i, d := range dw {
		if len(d) > 0 {
			ws[i].DwellMeanSec, ws[i].DwellMedianSec = mean(d), median(d)
		}
	}
}

func addInput(ws []Window, bins []InputBin, idx func(time.Time) int, size time.Duration) {
	counts := make([][]float64, len(ws))
	for _, b := range bins {
		length := b.End.Sub(b.Start)
		for i := max(idx(b.Start), 0); i < len(ws) && ws[i].Start.Before(b.End); i++ {
			f := 1.0
			if length > 0 {
				ov := minTime(b.End, ws[i].Start.Add(size)).Sub(maxTime(b.Start, ws[i].Start))
				if ov <= 0 {
					continue
				}
				f = ov.Seconds() / length.Seconds()
			}
			w := &ws[i]
			w.Presses += f * b.Presses
			w.Clicks += f * b.Clicks
			w.PointerPx += f * math.Hypot(b.DeltaX, b.DeltaY)
			w.ScrollPx += f * math.Hypot(b.ScrollX, b.ScrollY)
			counts[i] = append(counts[i], f*(b.Presses+b.Clicks))
		}
	}
	for i := range ws {
		if ws[i].ActiveSec > 0 {
			ws[i].KeysPerMin = ws[i].Presses / (ws[i].ActiveSec / 60)
		}
		if c := counts[i]; len(c) > 1 {
			if m := mean(c); m > 0 {
				ws[i].InputRhythmCV = stddev(c, m) / m
			}
		}
	}
}

// addBreakClock sets the time since the last break and the active time
// since then; the day's start counts as a break.
func addBreakClock(ws []Window, brk []Break, r attnflow.TimeRange, size time.Duration) {
	last := r.Start
	j := 0
	cont := 0.0
	for i := range ws {
		end := ws[i].Start.Add(size)
		for j < len(brk) && !brk[j].End.After(end) {
			last = brk[j].End
			cont = 0
			j++
		}
		cont += ws[i].ActiveSec
		ws[i].ContinuousWorkSec = cont
		if since := end.Sub(last).Seconds(); since > 0 {
			ws[i].SinceBreakSec = since
		}
	}
}

func mean(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func stddev(x []float64, m float64) float64 {
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(x)))
}

// median returns the median of x (sorting a copy).
func median(x []float64) float64 { return quantile(x, 0.5) }

// quantile returns the q-quantile of x by linear interpolation.
func quantile(x []float64, q float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := slices.Clone(x)
	slices.Sort(s)
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	return s[lo] + (pos-float64(lo))*(s[hi]-s[lo])
}
