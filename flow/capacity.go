package flow

import (
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// CapacityCell is the focus capacity of one hour (of week or of day): the
// probability that an active window is a focus window, as a Beta posterior.
type CapacityCell struct {
	Weekday int `json:"weekday"` // 0 = Sunday; -1 in the hour-of-day profile
	Hour    int `json:"hour"`
	// ActiveWindows and FocusWindows are the observed counts.
	ActiveWindows int `json:"active_windows"`
	FocusWindows  int `json:"focus_windows"`
	// Mean, Lo and Hi are the posterior mean and credible interval.
	Mean float64 `json:"mean"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
}

// Capacity is the focus-capacity curve: 168 hour-of-week cells (index
// weekday*24+hour, Sunday first), the 24-hour profile they are pooled
// toward, and the peak hours of day.
type Capacity struct {
	Level float64        `json:"level"`
	Week  []CapacityCell `json:"week"`
	Day   []CapacityCell `json:"day"`
	// PeakHours are the three best observed hours of day, ranked by the
	// lower end of their credible interval so that a few lucky minutes do
	// not make a peak.
	PeakHours []int `json:"peak_hours"`
}

// CapacityProfile estimates focus capacity from the days' windows. Each
// hour-of-day cell gets a prior of CapacityPrior pseudo-observations at
// the overall mean, and each hour-of-week cell a prior
// with CapacityPrior pseudo-observations at its hour-of-day mean (partial
// pooling), updated with counts in blocks of CapacityBlock (consecutive
// windows are not independent).
func CapacityProfile(days []Day, cfg Config) Capacity {
	cfg.setDefaults()
	var act, foc [168]int
	for _, d := range days {
		a, f := d.hourCounts, d.hourFocus
		if !d.countsSet {
			a, f = hourCounts(d.Windows, cfg)
		}
		for h := range act {
			act[h] += a[h]
			foc[h] += f[h]
		}
	}
	per := cfg.Window.Seconds() / cfg.CapacityBlock.Seconds() // blocks per window
	c := Capacity{Level: cfg.CapacityLevel, Week: make([]CapacityCell, 168), Day: make([]CapacityCell, 24)}
	nAll, kAll := 0, 0
	for i := range act {
		nAll, kAll = nAll+act[i], kAll+foc[i]
	}
	g := (float64(kAll)*per + 1) / (float64(nAll)*per + 2) // overall mean
	m := cfg.CapacityPrior
	for h := 0; h < 24; h++ {
		n, k := 0, 0
		for wd := 0; wd < 7; wd++ {
			n += act[wd*24+h]
			k += foc[wd*24+h]
		}
		c.Day[h] = betaCell(-1, h, n, k, m*g+0.5, m*(1-g)+0.5, per, cfg.CapacityLevel)
	}
	for i := range c.Week {
		p := c.Day[i%24].Mean
		c.Week[i] = betaCell(i/24, i%24, act[i], foc[i], m*p+0.5, m*(1-p)+0.5, per, cfg.CapacityLevel)
	}
	c.PeakHours = peakHours(c.Day, 3)
	return c
}

func betaCell(wd, h, n, k int, a0, b0, per, level float64) CapacityCell {
	a := a0 + float64(k)*per
	b := b0 + float64(n-k)*per
	beta := distuv.Beta{Alpha: a, Beta: b}
	return CapacityCell{Weekday: wd, Hour: h, ActiveWindows: n, FocusWindows: k,
		Mean: a / (a + b), Lo: beta.Quantile((1 - level) / 2), Hi: beta.Quantile((1 + level) / 2)}
}

// peakHours returns up to n observed hours of day with the highest lower
// credible bounds.
func peakHours(day []CapacityCell, n int) []int {
	var hs []int
	for _, c := range day {
		if c.ActiveWindows > 0 {
			hs = append(hs, c.Hour)
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return day[hs[i]].Lo > day[hs[j]].Lo })
	if len(hs) > n {
		hs = hs[:n]
	}
	return hs
}

// hourCounts counts active and focus windows per hour of week.
func hourCounts(ws []Window, cfg Config) (act, foc [168]int) {
	for _, w := range ws {
		if w.ActiveSec < cfg.ActiveWindowShare*cfg.Window.Seconds() {
			continue
		}
		h := w.Weekday*24 + w.Hour
		act[h]++
		if w.Focus {
			foc[h]++
		}
	}
	return act, foc
}
