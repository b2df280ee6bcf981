package checkin

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/model"
)

// Reason is why a prompt is due.
type Reason string

// The reasons for a prompt, strongest first.
const (
	SessionEnd Reason = "session_end" // a focus stretch just ended
	AFKReturn  Reason = "afk_return"  // back from a break
	Uncertain  Reason = "uncertain"   // the model is least sure (active learning)
	Random     Reason = "random"      // a random moment within working hours
)

// Config is the check-in schedule. Zero fields take the defaults.
type Config struct {
	// WorkStart and WorkEnd bound the local working hours (default
	// 09:00–18:00); no prompt outside them.
	WorkStart, WorkEnd time.Duration
	Location           *time.Location
	// DailyCap is the most prompts per local day (default 6).
	DailyCap int
	// MinGap is the least time between prompts (default 45 min).
	MinGap time.Duration
	// RandomPerDay is how many random moments a day are drawn (default 3).
	RandomPerDay int
	// Covers is the span a prompt asks about (default 15 min).
	Covers time.Duration
	// UncertainBelow: a window whose most likely state has less than this
	// probability is uncertain (default 0.6).
	UncertainBelow float64
	// Seed makes the random moments reproducible.
	Seed uint64
}

func (c Config) withDefaults() Config {
	if c.WorkEnd <= c.WorkStart {
		c.WorkStart, c.WorkEnd = 9*time.Hour, 18*time.Hour
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	if c.DailyCap <= 0 {
		c.DailyCap = 6
	}
	if c.MinGap <= 0 {
		c.MinGap = 45 * time.Minute
	}
	if c.RandomPerDay <= 0 {
		c.RandomPerDay = 3
	}
	if c.Covers <= 0 {
		c.Covers = DefaultCovers
	}
	if c.UncertainBelow <= 0 {
		c.UncertainBelow = 0.6
	}
	return c
}

// Question is one question of a prompt.
type Question struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Scale is "1-5" or "yes/no".
	Scale string `json:"scale"`
}

// Questions are what every prompt asks.
var Questions = []Question{
	{ID: "focus", Text: "How focused were you in the last 15 minutes?", Scale: "1-5"},
	{ID: "demand", Text: "How demanding was it?", Scale: "1-5"},
	{ID: "interrupted", Text: "Were you interrupted?", Scale: "yes/no"},
}

// Prompt is a check-in that is due.
type Prompt struct {
	At        time.Time          `json:"at"`
	Reason    Reason             `json:"reason"`
	Covers    attnflow.TimeRange `json:"covers"`
	Questions []Question         `json:"questions"`
}

// Due decides whether to prompt at now. recent are the model's estimates
// of the windows up to now, in order (the last is the current window);
// asked are the times of today's earlier prompts or answers. The reasons
// are tried strongest first: the end of a focus session (≥ 25 of the last
// 30 minutes focused, not focused now), a return from a break of ≥ 5
// minutes, an uncertain current window, a random moment passed within the
// last 30 minutes.
func Due(cfg Config, now time.Time, recent []model.Estimate, asked []time.Time) (Prompt, bool) {
	c := cfg.withDefaults()
	local := now.In(c.Location)
	tod := local.Sub(time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, c.Location))
	if tod < c.WorkStart || tod >= c.WorkEnd || len(recent) == 0 {
		return Prompt{}, false
	}
	today := 0
	var last time.Time
	for _, a := range asked {
		if a.In(c.Location).YearDay() == local.YearDay() && a.In(c.Location).Year() == local.Year() && !a.After(now) {
			today++
			if a.After(last) {
				last = a
			}
		}
	}
	if today >= c.DailyCap || (!last.IsZero() && now.Sub(last) < c.MinGap) {
		return Prompt{}, false
	}
	cur := recent[len(recent)-1]
	if cur.State == model.Away {
		return Prompt{}, false
	}
	reason, ok := why(c, now, local, recent, last)
	if !ok {
		return Prompt{}, false
	}
	return Prompt{At: now, Reason: reason, Covers: attnflow.TimeRange{Start: now.Add(-c.Covers), End: now}, Questions: Questions}, true
}

func why(c Config, now, local time.Time, recent []model.Estimate, last time.Time) (Reason, bool) {
	n := len(recent)
	cur := recent[n-1]
	if n >= 31 && !cur.State.Focused() {
		focused := 0
		for _, e := range recent[n-31 : n-1] {
			if e.State.Focused() {
				focused++
			}
		}
		if focused >= 25 {
			return SessionEnd, true
		}
	}
	if n >= 6 {
		away := 0
		for _, e := range recent[n-6 : n-1] {
			if e.State == model.Away {
				away++
			}
		}
		if away == 5 {
			return AFKReturn, true
		}
	}
	if cur.Probs[cur.State] < c.UncertainBelow {
		return Uncertain, true
	}
	for _, t := range RandomMoments(c, local) {
		if !t.After(now) && now.Sub(t) < 30*time.Minute && t.After(last) {
			return Random, true
		}
	}
	return "", false
}

// RandomMoments returns the day's random prompt times (local date of
// day), drawn uniformly within working hours from the seed and the date.
func RandomMoments(cfg Config, day time.Time) []time.Time {
	c := cfg.withDefaults()
	local := day.In(c.Location)
	h := fnv.New64a()
	h.Write([]byte(local.Format("2006-01-02")))
	rng := rand.New(rand.NewPCG(c.Seed, h.Sum64()))
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, c.Location)
	out := make([]time.Time, c.RandomPerDay)
	span := c.WorkEnd - c.WorkStart
	for i := range out {
		out[i] = midnight.Add(c.WorkStart + time.Duration(rng.Int64N(int64(span)))).Truncate(time.Minute)
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}
