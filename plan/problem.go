package plan

import (
	"log/slog"
	"time"
)

// Window is a span of the day, as offsets from local midnight.
type Window struct {
	Start, End time.Duration
}

// Contains reports whether the offset d lies in [Start, End).
func (w Window) Contains(d time.Duration) bool { return d >= w.Start && d < w.End }

// WorkHours are the working windows of each weekday (index time.Weekday);
// a zero window is a day off.
type WorkHours [7]Window

// OfficeHours is Monday to Friday, 09:00–17:00.
func OfficeHours() WorkHours {
	var w WorkHours
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = Window{9 * time.Hour, 17 * time.Hour}
	}
	return w
}

// Capacity is the person's focus capacity by hour of week, hour 0 being
// Monday 00:00–01:00 local time: a mean in [0, 1] (the chance an hour of
// work there is focused) and its standard deviation.
type Capacity struct {
	Mean [168]float64
	SD   [168]float64
}

// HourOfWeek is the index of t's hour in a Capacity.
func HourOfWeek(t time.Time) int {
	return ((int(t.Weekday())+6)%7)*24 + t.Hour()
}

// At returns the capacity at t.
func (c *Capacity) At(t time.Time) (mean, sd float64) {
	h := HourOfWeek(t)
	return c.Mean[h], c.SD[h]
}

// Policy holds the person's rules and measured habits.
type Policy struct {
	Slot          time.Duration    // planning granularity; default 15 min
	MinChunk      time.Duration    // shortest block worth starting; default 30 min
	MaxChunk      time.Duration    // longest block; default 2 h
	FocusSpan     time.Duration    // measured sustained focus; a break follows; default 90 min
	Break         time.Duration    // length of that break; default 15 min
	DailyDeepCap  time.Duration    // most deep work in a day; default 4 h
	SwitchCost    float64          // objective cost of starting a block; default 0.5
	RiskAversion  float64          // deep work values mean − k·sd; default 0.5
	Ratio         map[Kind]float64 // measured actual/estimate per kind; missing means 1
	FocusSessions time.Duration    // measured mean focus session, for reasons only (0: unknown)
}

// withDefaults fills the zero fields.
func (p Policy) withDefaults() Policy {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&p.Slot, 15*time.Minute)
	def(&p.MinChunk, 30*time.Minute)
	def(&p.MaxChunk, 2*time.Hour)
	def(&p.FocusSpan, 90*time.Minute)
	def(&p.Break, 15*time.Minute)
	def(&p.DailyDeepCap, 4*time.Hour)
	if p.SwitchCost <= 0 {
		p.SwitchCost = 0.5
	}
	if p.RiskAversion < 0 {
		p.RiskAversion = 0
	} else if p.RiskAversion == 0 {
		p.RiskAversion = 0.5
	}
	return p
}

// Problem is everything the planner needs: it plans [From, To) using the
// working hours minus lunch, busy time, pinned blocks and the past (before Now).
type Problem struct {
	Now      time.Time
	From, To time.Time
	Work     WorkHours
	Lunch    Window // zero: no lunch break
	Busy     []Busy
	Pinned   []Block // kept exactly; their time is not free
	Tasks    []Task
	Done     map[string]time.Duration // work already done per task ID
	Capacity Capacity
	Policy   Policy
	Logger   *slog.Logger // nil: discard
}

// Risk is a task the plan cannot finish in time, and why.
type Risk struct {
	TaskID  string
	Title   string
	Missing time.Duration // work that found no place before the deadline
	Reason  string
}

// Plan is the planner's answer.
type Plan struct {
	Blocks     []Block // sorted by start; pinned blocks included
	AtRisk     []Risk
	Objective  float64 // the value the plan achieves
	UpperBound float64 // no plan of this problem can exceed it
	Gap        float64 // (UpperBound − Objective) / UpperBound
	Notes      []string
}
