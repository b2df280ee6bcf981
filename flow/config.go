package flow

import (
	"regexp"
	"time"

	"github.com/attnflow/attnflow"
)

// Config holds every threshold of the attention-flow definitions. The zero
// value of a field means its default (see DefaultConfig).
type Config struct {
	// Window is the length of a feature window (default 60 s).
	Window time.Duration
	// Pulsetime is the gap that flood closes between events (default 5 s).
	Pulsetime time.Duration
	// BreakMin is the shortest away period that counts as a break; shorter
	// gaps do not end a dwell, and a switch is only counted across gaps
	// shorter than it (default 3 min, ActivityWatch's AFK timeout).
	BreakMin time.Duration

	// AlwaysActive matches (app, title, url) of activity that counts as
	// active even without input: video and meetings (default below).
	AlwaysActive string
	// AudibleActive counts browser time with an audible tab as active.
	AudibleActive *bool
	// BrowserApps matches the app names of browsers whose tab events are
	// merged into the window events.
	BrowserApps string

	// FocusScore: activity whose category score is above it is focus
	// activity (default 0, i.e. scores +1 and +2).
	FocusScore float64
	// Session configures focus sessions.
	Session SessionConfig
	// DistractionScore: leaving focus activity for activity scoring at or
	// below it starts a recovery clock (default 0: any off-focus activity).
	DistractionScore *float64
	// RecoveryMax caps a recovery; longer excursions count as unrecovered
	// (default 2 h).
	RecoveryMax time.Duration
	// FocusWindowShare is the share of a window's active time in focus
	// activity that makes the window a focus window (default 0.5).
	FocusWindowShare float64
	// ActiveWindowShare is the share of a window that must be active for
	// the window to count as active in the capacity curve (default 0.5).
	ActiveWindowShare float64

	// Location is the time zone of days and hours (default UTC).
	Location *time.Location
	// DayStart is when a day begins after local midnight (default 0; e.g.
	// 4h makes 01:30 belong to the previous day).
	DayStart time.Duration

	// CapacityPrior is the strength, in pseudo-observations, with which an
	// hour of week is pulled toward its hour-of-day mean (default 8).
	CapacityPrior float64
	// CapacityBlock is the length of one independent observation in the
	// capacity curve; consecutive windows are correlated, so windows are
	// counted in blocks of this length (default 5 min).
	CapacityBlock time.Duration
	// CapacityLevel is the credible interval's probability (default 0.9).
	CapacityLevel float64
}

// SessionConfig is the focus-session definition of PRODUCT.md.
type SessionConfig struct {
	// MinLength is the shortest session (default 25 min).
	MinLength time.Duration
	// MinFocusShare is the smallest share of active time in focus
	// activity (default 0.8).
	MinFocusShare float64
	// MaxOffFocus ends a session after this long off focus or away
	// (default 5 min).
	MaxOffFocus time.Duration
}

// Default values of Config.
const (
	DefaultAlwaysActive = `(?i)YouTube|Netflix|Twitch|VLC|mpv|Zoom|meet\.google|Microsoft Teams|Webex|Jitsi|lecture recording|Panopto`
	DefaultBrowserApps  = `(?i)firefox|chrom|brave|edge|safari|opera|vivaldi|librewolf`
)

// DefaultConfig returns the defaults of PRODUCT.md.
func DefaultConfig() Config {
	var c Config
	c.setDefaults()
	return c
}

func (c *Config) setDefaults() {
	setDur(&c.Window, time.Minute)
	setDur(&c.Pulsetime, 5*time.Second)
	setDur(&c.BreakMin, 3*time.Minute)
	setDur(&c.RecoveryMax, 2*time.Hour)
	setDur(&c.Session.MinLength, 25*time.Minute)
	setDur(&c.Session.MaxOffFocus, 5*time.Minute)
	setDur(&c.CapacityBlock, 5*time.Minute)
	setF(&c.Session.MinFocusShare, 0.8)
	setF(&c.FocusWindowShare, 0.5)
	setF(&c.ActiveWindowShare, 0.5)
	setF(&c.CapacityPrior, 8)
	setF(&c.CapacityLevel, 0.9)
	if c.AlwaysActive == "" {
		c.AlwaysActive = DefaultAlwaysActive
	}
	if c.BrowserApps == "" {
		c.BrowserApps = DefaultBrowserApps
	}
	if c.AudibleActive == nil {
		t := true
		c.AudibleActive = &t
	}
	if c.DistractionScore == nil {
		z := 0.0
		c.DistractionScore = &z
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
}

func setDur(d *time.Duration, v time.Duration) {
	if *d == 0 {
		*d = v
	}
}

func setF(f *float64, v float64) {
	if *f == 0 {
		*f = v
	}
}

// Validate fills defaults and checks every field, naming the field and its
// allowed range in an EINVALID error.
func (c *Config) Validate() error {
	c.setDefaults()
	durs := []struct {
		name     string
		v        time.Duration
		min, max time.Duration
	}{
		{"window", c.Window, time.Second, 24 * time.Hour},
		{"pulsetime", c.Pulsetime, 0, time.Hour},
		{"break_min", c.BreakMin, time.Second, 24 * time.Hour},
		{"recovery_max", c.RecoveryMax, time.Minute, 24 * time.Hour},
		{"session.min_length", c.Session.MinLength, time.Minute, 24 * time.Hour},
		{"session.max_off_focus", c.Session.MaxOffFocus, 0, 24 * time.Hour},
		{"capacity_block", c.CapacityBlock, time.Second, 24 * time.Hour},
		{"day_start", c.DayStart, 0, 23 * time.Hour},
	}
	for _, d := range durs {
		if d.v < d.min || d.v > d.max {
			return attnflow.Errorf(attnflow.EINVALID, "%s %v is outside %v..%v", d.name, d.v, d.min, d.max)
		}
	}
	fracs := []struct {
		name string
		v    float64
	}{
		{"session.min_focus_share", c.Session.MinFocusShare}, {"focus_window_share", c.FocusWindowShare},
		{"active_window_share", c.ActiveWindowShare}, {"capacity_level", c.CapacityLevel},
	}
	for _, f := range fracs {
		if !(f.v > 0 && f.v <= 1) || (f.name == "capacity_level" && f.v >= 1) {
			return attnflow.Errorf(attnflow.EINVALID, "%s %v is outside (0, 1]", f.name, f.v)
		}
	}
	if c.FocusScore < -2 || c.FocusScore >= 2 {
		return attnflow.Errorf(attnflow.EINVALID, "focus_score %v is outside -2..2", c.FocusScore)
	}
	if c.CapacityPrior < 0 || c.CapacityPrior > 1e6 {
		return attnflow.Errorf(attnflow.EINVALID, "capacity_prior %v is outside 0..1e6", c.CapacityPrior)
	}
	for name, p := range map[string]string{"always_active": c.AlwaysActive, "browser_apps": c.BrowserApps} {
		if _, err := regexp.Compile(p); err != nil {
			return attnflow.Errorf(attnflow.EINVALID, "%s %q is not a regular expression: %v", name, p, err)
		}
	}
	return nil
}

// isFocus reports whether a category score counts as focus activity.
func (c *Config) isFocus(score float64) bool { return score > c.FocusScore }
