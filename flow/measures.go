package flow

// Measures are the numbers people ask about a day, a week or any range.
type Measures struct {
	ActiveSec  float64 `json:"active_sec"`
	FocusSec   float64 `json:"focus_sec"`   // in focus categories
	SessionSec float64 `json:"session_sec"` // inside focus sessions
	Sessions   int     `json:"sessions"`
	// DeepWorkRatio is the share of active time inside focus sessions
	// (PRODUCT.md's second fragmentation figure).
	DeepWorkRatio float64 `json:"deep_work_ratio"`
	// FocusRatio is the share of active time in focus categories.
	FocusRatio float64 `json:"focus_ratio"`

	Switches int `json:"switches"`
	// SwitchesPerHour is context switches per active hour (fragmentation).
	SwitchesPerHour float64 `json:"switches_per_hour"`
	// Attention span: dwell time on one app before switching.
	SpanMedianSec float64 `json:"span_median_sec"`
	SpanMeanSec   float64 `json:"span_mean_sec"`
	SpanP90Sec    float64 `json:"span_p90_sec"`

	// Recovery: from leaving focus work for off-focus activity until back
	// on focus work, within RecoveryMax.
	Recoveries        int     `json:"recoveries"`
	Unrecovered       int     `json:"unrecovered"`
	RecoveryMedianSec float64 `json:"recovery_median_sec"`
	RecoveryMeanSec   float64 `json:"recovery_mean_sec"`

	Breaks   int     `json:"breaks"`
	BreakSec float64 `json:"break_sec"`
	// LongestSessionSec is the longest focus session.
	LongestSessionSec float64 `json:"longest_session_sec"`
	// Pulse is a 0–100 score: time-weighted category score mapped from
	// -2..2 to 0..100 (as RescueTime's productivity pulse).
	Pulse float64 `json:"pulse"`

	TopApps       []Share `json:"top_apps"`
	TopCategories []Share `json:"top_categories"`
}

// samples are the raw values behind medians, kept so that rollups of
// several days compute exact medians.
type samples struct {
	Dwells     []float64 `json:"-"`
	Recoveries []float64 `json:"-"`
	scoreSec   float64
	apps, cats map[string]float64
}

// recoveries returns the recovery times (seconds) after leaving focus
// runs for off-focus ones, and how many did not come back in time.
func recoveries(runs []Run, cfg Config) ([]float64, int) {
	var out []float64
	unrecovered := 0
	for i := 0; i+1 < len(runs); i++ {
		cur, next := runs[i], runs[i+1]
		if !cfg.isFocus(cur.Score) || next.Score > *cfg.DistractionScore || next.Start.Sub(cur.End) >= cfg.BreakMin {
			continue
		}
		k := i + 1
		for k < len(runs) && !cfg.isFocus(runs[k].Score) {
			k++
		}
		if k == len(runs) || runs[k].Start.Sub(cur.End) > cfg.RecoveryMax {
			unrecovered++
		} else {
			out = append(out, runs[k].Start.Sub(cur.End).Seconds())
		}
		i = k - 1
	}
	return out, unrecovered
}

// daySamples gathers the samples of one day's pieces.
func daySamples(segs []Segment, runs []Run, cfg Config) samples {
	s := samples{apps: map[string]float64{}, cats: map[string]float64{}}
	for _, r := range runs {
		s.Dwells = append(s.Dwells, r.Dwell().Seconds())
	}
	s.Recoveries, _ = recoveries(runs, cfg)
	for _, g := range segs {
		d := g.Duration().Seconds()
		s.apps[g.App] += d
		s.cats[g.Category] += d
		s.scoreSec += d * g.Score
	}
	return s
}

// measuresOf computes measures from totals and samples.
func measuresOf(m Measures, s samples) Measures {
	if m.ActiveSec > 0 {
		m.DeepWorkRatio = m.SessionSec / m.ActiveSec
		m.FocusRatio = m.FocusSec / m.ActiveSec
		m.SwitchesPerHour = float64(m.Switches) / (m.ActiveSec / 3600)
		m.Pulse = (s.scoreSec/m.ActiveSec + 2) / 4 * 100
	}
	m.SpanMedianSec, m.SpanMeanSec, m.SpanP90Sec = median(s.Dwells), mean(s.Dwells), quantile(s.Dwells, 0.9)
	m.Recoveries = len(s.Recoveries)
	m.RecoveryMedianSec, m.RecoveryMeanSec = median(s.Recoveries), mean(s.Recoveries)
	m.TopApps = topShares(s.apps, m.ActiveSec, 10)
	m.TopCategories = topShares(s.cats, m.ActiveSec, 10)
	return m
}

func topShares(m map[string]float64, total float64, n int) []Share {
	out := make([]Share, 0, len(m))
	for k, v := range m {
		sh := 0.0
		if total > 0 {
			sh = v / total
		}
		out = append(out, Share{Name: k, Seconds: v, Share: sh})
	}
	sortShares(out)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// dayTotals computes the additive part of a day's measures.
func dayTotals(segs []Segment, sw []Switch, sess []Session, brk []Break, unrecovered int, cfg Config) Measures {
	var m Measures
	for _, s := range segs {
		m.ActiveSec += s.Duration().Seconds()
		if cfg.isFocus(s.Score) {
			m.FocusSec += s.Duration().Seconds()
		}
	}
	m.Switches = len(sw)
	m.Sessions = len(sess)
	for _, s := range sess {
		m.SessionSec += s.ActiveSec
		m.LongestSessionSec = max(m.LongestSessionSec, s.Seconds)
	}
	m.Breaks = len(brk)
	for _, b := range brk {
		m.BreakSec += b.End.Sub(b.Start).Seconds()
	}
	m.Unrecovered = unrecovered
	return m
}

// addTotals adds the additive measures of b to a.
func addTotals(a, b Measures) Measures {
	a.ActiveSec += b.ActiveSec
	a.FocusSec += b.FocusSec
	a.SessionSec += b.SessionSec
	a.Sessions += b.Sessions
	a.Switches += b.Switches
	a.Breaks += b.Breaks
	a.BreakSec += b.BreakSec
	a.Unrecovered += b.Unrecovered
	a.LongestSessionSec = max(a.LongestSessionSec, b.LongestSessionSec)
	return a
}
