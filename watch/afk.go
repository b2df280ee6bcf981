package watch

import (
	"time"

	"github.com/attnflow/attnflow"
)

// AFK statuses as ActivityWatch names them.
const (
	StatusAFK    = "afk"
	StatusNotAFK = "not-afk"
)

// ClockReading is one reading of both clocks. Wall is the wall clock
// (without a monotonic part); Mono is a monotonic reading that, like
// Linux's CLOCK_MONOTONIC, stops while the machine is suspended. A wall
// clock that runs ahead of the monotonic one reveals a suspend.
type ClockReading struct {
	Wall time.Time
	Mono time.Duration
}

// Clock reads both clocks. SystemClock is the real one.
type Clock interface {
	Read() ClockReading
}

// SystemClock reads the system clocks.
type SystemClock struct{ start time.Time }

// NewSystemClock returns the system clock.
func NewSystemClock() *SystemClock { return &SystemClock{start: time.Now()} }

// Read implements Clock.
func (c *SystemClock) Read() ClockReading {
	now := time.Now()
	return ClockReading{Wall: now.Round(0).UTC(), Mono: now.Sub(c.start)}
}

// AFKConfig configures the AFK state machine.
type AFKConfig struct {
	// Timeout is how long without input makes a person AFK (default 3 min).
	Timeout time.Duration
	// SuspendGap is how far the wall clock may run ahead of the monotonic
	// clock between two readings before it counts as a suspend (default 10 s).
	SuspendGap time.Duration
}

func (c AFKConfig) withDefaults() AFKConfig {
	if c.Timeout <= 0 {
		c.Timeout = 3 * time.Minute
	}
	if c.SuspendGap <= 0 {
		c.SuspendGap = 10 * time.Second
	}
	return c
}

// AFK is the AFK state machine: given clock readings and idle times it
// returns the heartbeats to send to the AFK bucket. It does no I/O and
// reads no clock itself. Like ActivityWatch's aw-watcher-afk, a not-afk
// event extends to the last input and an afk event starts 1 ms after it.
// Its output never goes back in time and never has negative durations,
// whatever the wall clock does.
type AFK struct {
	cfg       AFKConfig
	started   bool
	afk       bool
	afkStart  time.Time
	lastInput time.Time    // wall time of the last input, never decreasing
	lastWake  time.Time    // wall time of the last resume from suspend
	prev      ClockReading // previous reading
	cur       time.Time    // start of the current event
	end       time.Time    // latest end emitted
}

// NewAFK returns a state machine that starts out not AFK.
func NewAFK(cfg AFKConfig) *AFK { return &AFK{cfg: cfg.withDefaults()} }

// Pulsetime is the heartbeat pulsetime to use for the AFK bucket when
// polling every poll: the timeout plus one poll, as aw-watcher-afk does.
func (m *AFK) Pulsetime(poll time.Duration) time.Duration { return m.cfg.Timeout + poll }

// NotBefore makes sure no event starts before t, e.g. the end of a pause
// in which nothing may be recorded.
func (m *AFK) NotBefore(t time.Time) {
	if t.After(m.end) {
		m.end = t
	}
}

// IsAFK reports the current state.
func (m *AFK) IsAFK() bool { return m.afk }

const td1ms = time.Millisecond

// Step feeds one reading and returns the heartbeats to send, in order.
func (m *AFK) Step(r ClockReading, info IdleInfo) []attnflow.Event {
	suspended := m.detectSuspend(r)
	input := m.lastInputAt(r.Wall, max(info.Idle, 0))
	m.prev = r
	// No input since the last wake: the person has not come back yet.
	asleep := !m.lastWake.IsZero() && !input.After(m.lastWake)
	away := info.Locked || suspended || asleep || r.Wall.Sub(input) >= m.cfg.Timeout
	return m.transition(r.Wall, input, away)
}

// detectSuspend reports whether the machine slept since the previous
// reading (the wall clock ran ahead of the monotonic one) and notes when
// it woke.
func (m *AFK) detectSuspend(r ClockReading) bool {
	if !m.started {
		return false
	}
	wall, mono := r.Wall.Sub(m.prev.Wall), r.Mono-m.prev.Mono
	if wall-mono <= m.cfg.SuspendGap {
		return false
	}
	m.lastWake = m.prev.Wall.Add(wall - mono)
	return true
}

// lastInputAt returns the wall time of the last input, idle before now,
// never earlier than the last input it returned before.
func (m *AFK) lastInputAt(now time.Time, idle time.Duration) time.Time {
	input := now.Add(-idle)
	if !m.started {
		m.started, m.lastInput, m.cur = true, input, input
		if m.cur.Before(m.end) {
			m.cur = m.end
		}
		return input
	}
	// The X idle counter ignores time asleep: an input it dates before the
	// last wake happened before the suspend, i.e. it is the one we know.
	// And a wall clock set back must not move the last input back.
	if (!m.lastWake.IsZero() && !input.After(m.lastWake)) || input.Before(m.lastInput) {
		input = m.lastInput
	}
	m.lastInput = input
	return input
}

func (m *AFK) transition(now, input time.Time, away bool) []attnflow.Event {
	switch {
	case away && !m.afk:
		m.afk = true
		closing := m.extend(StatusNotAFK, input, input)
		m.afkStart = m.begin(input.Add(td1ms))
		return []attnflow.Event{closing, m.extend(StatusAFK, m.afkStart, now)}
	case away && m.afk:
		return []attnflow.Event{m.extend(StatusAFK, m.afkStart, now)}
	case !away && m.afk:
		m.afk = false
		closing := m.extend(StatusAFK, m.afkStart, input)
		start := m.begin(input.Add(td1ms))
		return []attnflow.Event{closing, m.extend(StatusNotAFK, start, start)}
	default:
		return []attnflow.Event{m.extend(StatusNotAFK, input, input)}
	}
}

// begin starts a new event at t, or at the end of everything emitted so
// far if that is later, so that events never overlap.
func (m *AFK) begin(t time.Time) time.Time {
	if t.Before(m.end) {
		t = m.end
	}
	m.cur = t
	return t
}

// extend builds a heartbeat for the current event from start to end,
// clamped so that it never starts before the current event and never has
// a negative duration.
func (m *AFK) extend(status string, start, end time.Time) attnflow.Event {
	if start.Before(m.cur) {
		start = m.cur
	}
	if end.Before(start) {
		end = start
	}
	if end.After(m.end) {
		m.end = end
	}
	return attnflow.Event{Timestamp: start, Duration: end.Sub(start), Data: attnflow.Data{"status": status}}
}
