package flow

import (
	"time"

	"github.com/attnflow/attnflow"
)

// ComputeRange computes the attention flow of an arbitrary range as one
// pseudo-day (no caching): for ranges that are not whole days.
func ComputeRange(in Input, r attnflow.TimeRange, cats *Categories, cfg Config) (Day, error) {
	if err := cfg.Validate(); err != nil {
		return Day{}, err
	}
	if !r.End.After(r.Start) {
		return Day{}, attnflow.Errorf(attnflow.EINVALID, "range %s is empty", r)
	}
	return computeRange(in, DateOf(r.Start, cfg), r, cats, cfg)
}

// DayBrief is one day's headline numbers.
type DayBrief struct {
	Date     string   `json:"date"`
	Measures Measures `json:"measures"`
}

// Report is what `attnflow report` shows: a day or a week, each day's
// headline, the person's recent baseline and the capacity curve.
type Report struct {
	Period   string     `json:"period"` // "day" or "week"
	From     string     `json:"from"`
	To       string     `json:"to"`
	Timezone string     `json:"timezone"`
	Summary  Summary    `json:"summary"`
	Days     []DayBrief `json:"days"`
	// ActiveDays counts the period's days with any activity.
	ActiveDays int `json:"active_days"`
	// Baseline holds per-active-day averages (ratios as ratios) over the
	// BaselineDays active days before the period; nil without history.
	Baseline     *Measures `json:"baseline,omitempty"`
	BaselineDays int       `json:"baseline_days"`
	Capacity     Capacity  `json:"capacity"`
	Notes        []string  `json:"notes,omitempty"`
}

// BuildReport assembles a report from the period's days and the days
// before it (the baseline); the capacity curve uses both.
func BuildReport(period string, days, baseline []Day, cfg Config) Report {
	cfg.setDefaults()
	r := Report{Period: period, Timezone: cfg.Location.String(), Summary: Summarize(days)}
	if len(days) > 0 {
		r.From, r.To = days[0].Date, days[len(days)-1].Date
	}
	seen := map[string]bool{}
	for _, d := range days {
		r.Days = append(r.Days, DayBrief{Date: d.Date, Measures: d.Measures})
		if d.Measures.ActiveSec > 0 {
			r.ActiveDays++
		}
		for _, n := range d.Notes {
			if !seen[n] {
				seen[n] = true
				r.Notes = append(r.Notes, n)
			}
		}
	}
	var active []Day
	for _, d := range baseline {
		if d.Measures.ActiveSec > 0 {
			active = append(active, d)
		}
	}
	if len(active) > 0 {
		b := PerDay(Summarize(active).Measures, len(active))
		r.Baseline, r.BaselineDays = &b, len(active)
	}
	r.Capacity = CapacityProfile(append(append([]Day(nil), baseline...), days...), cfg)
	return r
}

// PerDay divides the additive measures (times and counts) by n days,
// leaving ratios, spans and recovery times as they are.
func PerDay(m Measures, n int) Measures {
	if n <= 0 {
		return m
	}
	f := float64(n)
	m.ActiveSec /= f
	m.FocusSec /= f
	m.SessionSec /= f
	m.BreakSec /= f
	m.Sessions = int(float64(m.Sessions)/f + 0.5)
	m.Switches = int(float64(m.Switches)/f + 0.5)
	m.Breaks = int(float64(m.Breaks)/f + 0.5)
	m.Recoveries = int(float64(m.Recoveries)/f + 0.5)
	m.Unrecovered = int(float64(m.Unrecovered)/f + 0.5)
	return m
}

// WeekDates returns the Monday-to-Sunday dates of the week containing date.
func WeekDates(date string) ([]string, error) {
	d, err := time.Parse(DateLayout, date)
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "date %q is not YYYY-MM-DD", date)
	}
	back := (int(d.Weekday()) + 6) % 7 // days since Monday
	mon := d.AddDate(0, 0, -back)
	out := make([]string, 7)
	for i := range out {
		out[i] = mon.AddDate(0, 0, i).Format(DateLayout)
	}
	return out, nil
}

// DatesBefore returns the n dates before date, oldest first.
func DatesBefore(date string, n int) []string {
	d, err := time.Parse(DateLayout, date)
	if err != nil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.AddDate(0, 0, i-n).Format(DateLayout)
	}
	return out
}
