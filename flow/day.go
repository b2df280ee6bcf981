package flow

import (
	"time"

	"github.com/attnflow/attnflow"
)

// Input is everything the engine reads for a time range: the sources of
// each host and the input watcher's events (of any host).
type Input struct {
	Hosts []Sources
	Input []attnflow.Event
}

// Day is the attention flow of one local day: its canonical activity,
// runs, sessions, breaks, windows, graph and measures. Days are the unit of
// caching and of rollups.
type Day struct {
	Date     string             `json:"date"` // YYYY-MM-DD, local
	Range    attnflow.TimeRange `json:"-"`
	Notes    []string           `json:"notes,omitempty"`
	Segments []Segment          `json:"-"`
	Runs     []Run              `json:"-"`
	Sessions []Session          `json:"sessions"`
	Breaks   []Break            `json:"breaks"`
	Windows  []Window           `json:"-"`
	Apps     Graph              `json:"-"`
	Cats     Graph              `json:"-"`
	Measures Measures           `json:"measures"`
	samples  samples
	// hourCounts and hourFocus are the capacity counts of the windows,
	// kept so that a year's capacity curve sums 168 numbers per day.
	hourCounts, hourFocus [168]int
	countsSet             bool
}

// DateLayout is the form of a Day's Date.
const DateLayout = "2006-01-02"

// DayRange returns the time range of a local date: from DayStart after
// local midnight to DayStart after the next local midnight.
func DayRange(date string, cfg Config) (attnflow.TimeRange, error) {
	cfg.setDefaults()
	d, err := time.ParseInLocation(DateLayout, date, cfg.Location)
	if err != nil {
		return attnflow.TimeRange{}, attnflow.Errorf(attnflow.EINVALID, "date %q is not YYYY-MM-DD", date)
	}
	return attnflow.TimeRange{Start: wallClock(d, 0, cfg).UTC(), End: wallClock(d, 1, cfg).UTC()}, nil
}

// wallClock is DayStart of the local date plus days, on the wall clock (so
// that a day containing a DST change is 23 or 25 hours long).
func wallClock(d time.Time, days int, cfg Config) time.Time {
	ds := cfg.DayStart
	return time.Date(d.Year(), d.Month(), d.Day()+days, int(ds/time.Hour), int(ds%time.Hour/time.Minute), int(ds%time.Minute/time.Second), 0, cfg.Location)
}

// DateOf returns the local date that instant t belongs to.
func DateOf(t time.Time, cfg Config) string {
	cfg.setDefaults()
	lt := t.In(cfg.Location)
	wall := time.Duration(lt.Hour())*time.Hour + time.Duration(lt.Minute())*time.Minute + time.Duration(lt.Second())*time.Second
	if wall < cfg.DayStart {
		lt = time.Date(lt.Year(), lt.Month(), lt.Day()-1, 12, 0, 0, 0, cfg.Location)
	}
	return lt.Format(DateLayout)
}

// Dates lists the local dates whose days overlap r (end exclusive).
func Dates(r attnflow.TimeRange, cfg Config) []string {
	cfg.setDefaults()
	var out []string
	first := DateOf(r.Start, cfg)
	for date := first; ; {
		dr, err := DayRange(date, cfg)
		if err != nil || !dr.Start.Before(r.End) {
			return out
		}
		out = append(out, date)
		d, _ := time.Parse(DateLayout, date)
		date = d.AddDate(0, 0, 1).Format(DateLayout)
	}
}

// ComputeDay computes one day from the input, which may extend beyond the
// day (it is clipped).
func ComputeDay(in Input, date string, cats *Categories, cfg Config) (Day, error) {
	if err := cfg.Validate(); err != nil {
		return Day{}, err
	}
	r, err := DayRange(date, cfg)
	if err != nil {
		return Day{}, err
	}
	return computeRange(in, date, r, cats, cfg)
}

func computeRange(in Input, date string, r attnflow.TimeRange, cats *Categories, cfg Config) (Day, error) {
	act, err := Canonical(in.Hosts, r, cats, cfg)
	if err != nil {
		return Day{}, err
	}
	segs := act.Segments
	runs := Runs(segs, cfg)
	sw := Switches(runs, cfg)
	brk := Breaks(runs, cfg)
	sess := Sessions(segs, cfg)
	bins, _ := clipEvents(in.Input, r)
	d := Day{Date: date, Range: r, Notes: act.Notes, Segments: segs, Runs: runs, Sessions: sess, Breaks: brk}
	d.Windows = windowFeatures(r, segs, runs, sw, brk, sess, InputBins(bins), cfg)
	d.hourCounts, d.hourFocus = hourCounts(d.Windows, cfg)
	d.countsSet = true
	d.Apps = TransitionGraph(runs, cfg)
	d.Cats = TransitionGraph(categoryRuns(segs, cfg), cfg)
	d.samples = daySamples(segs, runs, cfg)
	_, unrecovered := recoveries(runs, cfg)
	d.Measures = measuresOf(dayTotals(segs, sw, sess, brk, unrecovered, cfg), d.samples)
	return d, nil
}

// Summary rolls several days up: measures over all of them, their merged
// transition graphs, and each day's headline measures.
type Summary struct {
	From     string    `json:"from"`
	To       string    `json:"to"`
	Days     int       `json:"days"`
	Measures Measures  `json:"measures"`
	Apps     Graph     `json:"apps"`
	Cats     Graph     `json:"categories"`
	Sessions []Session `json:"sessions"`
}

// Summarize rolls days up (in the order given, normally by date).
func Summarize(days []Day) Summary {
	var s Summary
	if len(days) == 0 {
		return s
	}
	s.From, s.To, s.Days = days[0].Date, days[len(days)-1].Date, len(days)
	all := samples{apps: map[string]float64{}, cats: map[string]float64{}}
	var tot Measures
	apps := make([]Graph, 0, len(days))
	cats := make([]Graph, 0, len(days))
	for _, d := range days {
		tot = addTotals(tot, d.Measures)
		all.Dwells = append(all.Dwells, d.samples.Dwells...)
		all.Recoveries = append(all.Recoveries, d.samples.Recoveries...)
		all.scoreSec += d.samples.scoreSec
		for k, v := range d.samples.apps {
			all.apps[k] += v
		}
		for k, v := range d.samples.cats {
			all.cats[k] += v
		}
		apps = append(apps, d.Apps)
		cats = append(cats, d.Cats)
		s.Sessions = append(s.Sessions, d.Sessions...)
	}
	s.Measures = measuresOf(tot, all)
	s.Apps, s.Cats = MergeGraphs(apps...), MergeGraphs(cats...)
	return s
}

// Weeks groups days (sorted by date) into weeks starting on Monday and
// summarises each.
func Weeks(days []Day) []Summary {
	var out []Summary
	var cur []Day
	curKey := ""
	for _, d := range days {
		t, _ := time.Parse(DateLayout, d.Date)
		y, w := t.ISOWeek()
		key := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + string(rune('A'+w))
		if key != curKey && len(cur) > 0 {
			out = append(out, Summarize(cur))
			cur = nil
		}
		curKey = key
		cur = append(cur, d)
	}
	if len(cur) > 0 {
		out = append(out, Summarize(cur))
	}
	return out
}
