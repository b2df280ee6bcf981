package flow

import "time"

// Session is a focus session: at least MinLength in which at least
// MinFocusShare of active time is focus activity, ended by more than
// MaxOffFocus off focus or away.
type Session struct {
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Seconds    float64   `json:"seconds"`
	ActiveSec  float64   `json:"active_sec"`
	FocusSec   float64   `json:"focus_sec"`
	FocusShare float64   `json:"focus_share"`
	TopApp     string    `json:"top_app"`
	Category   string    `json:"category"`
}

// Sessions finds the focus sessions in sorted, non-overlapping segments.
// A candidate opens on focus activity and closes when the time since the
// last focus activity exceeds MaxOffFocus (whether off focus or away); it
// spans first to last focus activity and is kept when it is long enough
// and focused enough.
func Sessions(segs []Segment, cfg Config) []Session {
	var out []Session
	var cur *candidate
	closeCur := func() {
		if cur != nil {
			if s, ok := cur.session(cfg); ok {
				out = append(out, s)
			}
			cur = nil
		}
	}
	for _, s := range segs {
		if cur != nil && s.Start.Sub(cur.end) > cfg.Session.MaxOffFocus {
			closeCur()
		}
		if !cfg.isFocus(s.Score) {
			if cur != nil {
				// Only the part within MaxOffFocus of the last focus can
				// still belong to the session.
				limit := cur.end.Add(cfg.Session.MaxOffFocus)
				cur.pendingOff += minTime(s.End, limit).Sub(s.Start)
				if s.End.Sub(cur.end) > cfg.Session.MaxOffFocus {
					closeCur()
				}
			}
			continue
		}
		if cur == nil {
			cur = &candidate{start: s.Start, apps: map[string]time.Duration{}, cats: map[string]time.Duration{}}
		}
		cur.off += cur.pendingOff
		cur.pendingOff = 0
		cur.focus += s.Duration()
		cur.end = s.End
		cur.apps[s.App] += s.Duration()
		cur.cats[s.Category] += s.Duration()
	}
	closeCur()
	return out
}

type candidate struct {
	start, end time.Time
	focus, off time.Duration
	pendingOff time.Duration
	apps, cats map[string]time.Duration
}

func (c *candidate) session(cfg Config) (Session, bool) {
	active := c.focus + c.off
	length := c.end.Sub(c.start)
	if length < cfg.Session.MinLength || active <= 0 {
		return Session{}, false
	}
	share := c.focus.Seconds() / active.Seconds()
	if share < cfg.Session.MinFocusShare {
		return Session{}, false
	}
	return Session{
		Start: c.start, End: c.end, Seconds: length.Seconds(),
		ActiveSec: active.Seconds(), FocusSec: c.focus.Seconds(), FocusShare: share,
		TopApp: top(c.apps), Category: top(c.cats),
	}, true
}

func top(m map[string]time.Duration) string {
	var best string
	var bd time.Duration
	for k, d := range m {
		if d > bd || (d == bd && k < best) {
			best, bd = k, d
		}
	}
	return best
}
