package sim

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // personas name IANA zones; do not depend on the host

	"github.com/attnflow/attnflow"
)

// Persona holds every parameter that shapes a simulated person's data.
// Times of day are "HH:MM"; durations are in minutes unless the name says
// seconds. A field out of range is reported by Validate with its name.
type Persona struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Host        string `json:"host"`
	// Timezone is an IANA zone (e.g. "Europe/Berlin"); all times of day
	// are local to it.
	Timezone string `json:"timezone"`
	// Workdays are the weekdays worked (0 = Sunday).
	Workdays []int `json:"workdays"`
	// DayStart and DayEnd bound the working day; JitterMin shifts both.
	DayStart  string  `json:"day_start"`
	DayEnd    string  `json:"day_end"`
	JitterMin float64 `json:"jitter_min"`
	// Lunch is an away break.
	LunchStart string  `json:"lunch_start"`
	LunchMin   float64 `json:"lunch_min"`

	// FocusByHour is the propensity (0..1) to start a focus block at each
	// local hour 0..23: the persona's capacity curve, peaks included.
	FocusByHour []float64 `json:"focus_by_hour"`
	// WeekdayFactor multiplies FocusByHour per weekday (7 values, Sunday
	// first).
	WeekdayFactor []float64 `json:"weekday_factor"`
	// DistractedShare is the share of non-focus blocks that are
	// distracted rather than shallow (0..1).
	DistractedShare float64 `json:"distracted_share"`
	// Block lengths (median minutes; log-normal with sigma 0.5).
	FocusBlockMin      float64 `json:"focus_block_min"`
	ShallowBlockMin    float64 `json:"shallow_block_min"`
	DistractedBlockMin float64 `json:"distracted_block_min"`
	// BreakProb is the chance of an away break between blocks; BreakMin
	// its median length.
	BreakProb float64 `json:"break_prob"`
	BreakMin  float64 `json:"break_min"`

	// Dwell times on one app (median seconds, log-normal sigma): the
	// attention span.
	FocusDwellSec   float64 `json:"focus_dwell_sec"`
	ShallowDwellSec float64 `json:"shallow_dwell_sec"`
	DwellSigma      float64 `json:"dwell_sigma"`

	// InterruptionsPerHour arrive during focus blocks (notifications).
	InterruptionsPerHour float64 `json:"interruptions_per_hour"`
	// HandleSec is the median time spent on an interruption.
	HandleSec float64 `json:"handle_sec"`
	// DriftProb is the chance an interruption drifts into a distraction
	// of median DriftMin minutes.
	DriftProb float64 `json:"drift_prob"`
	DriftMin  float64 `json:"drift_min"`
	// ResumeLagSec is the median resumption lag after an interruption.
	ResumeLagSec float64 `json:"resume_lag_sec"`

	// Meetings per workday (Poisson mean) of median MeetingMin minutes.
	MeetingsPerDay float64 `json:"meetings_per_day"`
	MeetingMin     float64 `json:"meeting_min"`
	// Fixed weekly events (lectures, clinics): weekday, start, minutes.
	Fixed []FixedEvent `json:"fixed"`

	// KeysPerMin is the typing rate in typing apps by state; reading apps
	// get a tenth of it. ClicksPerMin likewise.
	KeysPerMin   StateRates `json:"keys_per_min"`
	ClicksPerMin StateRates `json:"clicks_per_min"`

	// Apps used in each kind of activity.
	Apps AppSets `json:"apps"`
}

// FixedEvent is a weekly appointment (a lecture, a clinic round).
type FixedEvent struct {
	Weekday int     `json:"weekday"`
	Start   string  `json:"start"`
	Minutes float64 `json:"minutes"`
	App     App     `json:"app"`
	// Focus marks the appointment as focus (an attended lecture).
	Focus bool `json:"focus"`
}

// StateRates are per-minute rates by attention state.
type StateRates struct {
	Deep    float64 `json:"deep"`
	Focus   float64 `json:"focus"`
	Shallow float64 `json:"shallow"`
}

// AppSets lists the apps of each activity kind.
type AppSets struct {
	Focus       []App `json:"focus"`
	Shallow     []App `json:"shallow"`
	Distraction []App `json:"distraction"`
	Meeting     []App `json:"meeting"`
	// Resume apps are visited during a resumption lag (calendar, files).
	Resume []App `json:"resume"`
}

// App is one application with the titles (and, for browsers, URLs) it
// shows. Weight is its relative frequency (default 1).
type App struct {
	App     string   `json:"app"`
	Titles  []string `json:"titles"`
	URL     string   `json:"url,omitempty"`     // browser tab URL prefix
	Editor  string   `json:"project,omitempty"` // editor project, if an editor
	Typing  bool     `json:"typing"`            // a typing app (editor, chat)
	Weight  float64  `json:"weight,omitempty"`
	Browser bool     `json:"browser,omitempty"`
}

//go:embed personas/*.json
var personaFiles embed.FS

// Personas lists the names of the built-in personas.
func Personas() []string {
	entries, _ := personaFiles.ReadDir("personas")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(out)
	return out
}

// BuiltIn returns a built-in persona by name (ENOTFOUND otherwise).
func BuiltIn(name string) (Persona, error) {
	b, err := personaFiles.ReadFile("personas/" + name + ".json")
	if err != nil {
		return Persona{}, attnflow.Errorf(attnflow.ENOTFOUND, "no persona %q: choose one of %s", name, strings.Join(Personas(), ", "))
	}
	return ParsePersona(b)
}

// ParsePersona reads and validates a persona file.
func ParsePersona(b []byte) (Persona, error) {
	var p Persona
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Persona{}, attnflow.Errorf(attnflow.EINVALID, "persona file: %v", err)
	}
	if err := p.Validate(); err != nil {
		return Persona{}, err
	}
	return p, nil
}

// Validate checks every field and names the first one out of range.
func (p *Persona) Validate() error {
	bad := func(field string, v any, allowed string) error {
		return attnflow.Errorf(attnflow.EINVALID, "persona %q: %s = %v, allowed %s", p.Name, field, v, allowed)
	}
	if p.Name == "" {
		return bad("name", `""`, "a non-empty name")
	}
	if p.Host == "" {
		p.Host = p.Name + "-host"
	}
	if _, err := loadLocation(p.Timezone); err != nil {
		return bad("timezone", p.Timezone, "an IANA time zone such as Europe/Berlin")
	}
	for _, f := range []struct{ name, v string }{{"day_start", p.DayStart}, {"day_end", p.DayEnd}, {"lunch_start", p.LunchStart}} {
		if _, err := parseClock(f.v); err != nil {
			return bad(f.name, f.v, "HH:MM")
		}
	}
	if s, _ := parseClock(p.DayStart); s >= mustClock(p.DayEnd) {
		return bad("day_end", p.DayEnd, "after day_start")
	}
	for _, d := range p.Workdays {
		if d < 0 || d > 6 {
			return bad("workdays", d, "0..6 (0 = Sunday)")
		}
	}
	if len(p.FocusByHour) != 24 {
		return bad("focus_by_hour", fmt.Sprintf("%d values", len(p.FocusByHour)), "24 values")
	}
	if len(p.WeekdayFactor) != 7 {
		return bad("weekday_factor", fmt.Sprintf("%d values", len(p.WeekdayFactor)), "7 values")
	}
	checks := []struct {
		name     string
		v        float64
		min, max float64
	}{
		{"jitter_min", p.JitterMin, 0, 120}, {"lunch_min", p.LunchMin, 0, 180},
		{"distracted_share", p.DistractedShare, 0, 1},
		{"focus_block_min", p.FocusBlockMin, 1, 480}, {"shallow_block_min", p.ShallowBlockMin, 1, 480},
		{"distracted_block_min", p.DistractedBlockMin, 1, 480},
		{"break_prob", p.BreakProb, 0, 1}, {"break_min", p.BreakMin, 3, 120},
		{"focus_dwell_sec", p.FocusDwellSec, 1, 3600}, {"shallow_dwell_sec", p.ShallowDwellSec, 1, 3600},
		{"dwell_sigma", p.DwellSigma, 0, 3},
		{"interruptions_per_hour", p.InterruptionsPerHour, 0, 60}, {"handle_sec", p.HandleSec, 1, 3600},
		{"drift_prob", p.DriftProb, 0, 1}, {"drift_min", p.DriftMin, 0.1, 240}, {"resume_lag_sec", p.ResumeLagSec, 0, 3600},
		{"meetings_per_day", p.MeetingsPerDay, 0, 10}, {"meeting_min", p.MeetingMin, 5, 480},
		{"keys_per_min.deep", p.KeysPerMin.Deep, 0, 1000}, {"keys_per_min.focus", p.KeysPerMin.Focus, 0, 1000},
		{"keys_per_min.shallow", p.KeysPerMin.Shallow, 0, 1000},
		{"clicks_per_min.deep", p.ClicksPerMin.Deep, 0, 300}, {"clicks_per_min.focus", p.ClicksPerMin.Focus, 0, 300},
		{"clicks_per_min.shallow", p.ClicksPerMin.Shallow, 0, 300},
	}
	for i, v := range p.FocusByHour {
		checks = append(checks, struct {
			name     string
			v        float64
			min, max float64
		}{fmt.Sprintf("focus_by_hour[%d]", i), v, 0, 1})
	}
	for i, v := range p.WeekdayFactor {
		checks = append(checks, struct {
			name     string
			v        float64
			min, max float64
		}{fmt.Sprintf("weekday_factor[%d]", i), v, 0, 2})
	}
	for _, c := range checks {
		if math.IsNaN(c.v) || c.v < c.min || c.v > c.max {
			return bad(c.name, c.v, fmt.Sprintf("%g..%g", c.min, c.max))
		}
	}
	for i, f := range p.Fixed {
		if f.Weekday < 0 || f.Weekday > 6 {
			return bad(fmt.Sprintf("fixed[%d].weekday", i), f.Weekday, "0..6")
		}
		if _, err := parseClock(f.Start); err != nil {
			return bad(fmt.Sprintf("fixed[%d].start", i), f.Start, "HH:MM")
		}
		if f.Minutes < 1 || f.Minutes > 600 {
			return bad(fmt.Sprintf("fixed[%d].minutes", i), f.Minutes, "1..600")
		}
	}
	for name, set := range map[string][]App{"apps.focus": p.Apps.Focus, "apps.shallow": p.Apps.Shallow, "apps.distraction": p.Apps.Distraction} {
		if len(set) < 2 {
			return bad(name, fmt.Sprintf("%d apps", len(set)), "at least 2 apps")
		}
	}
	return nil
}

func loadLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	return time.LoadLocation(name)
}

// parseClock reads "HH:MM" as a duration after midnight.
func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

func mustClock(s string) time.Duration {
	d, _ := parseClock(s)
	return d
}
