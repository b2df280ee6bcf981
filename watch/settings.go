package watch

import (
	"context"
	"fmt"
	"regexp"
	"time"
)

// PrivacySettingKey is the server setting (/api/0/settings/KEY) holding
// the privacy settings every watcher of the person follows at run time:
// "attnflow pause 30m" writes paused_until, the dashboard the rest.
const PrivacySettingKey = "attnflow_privacy"

// PrivacySettings is the JSON value of PrivacySettingKey. It adds to the
// rules a watcher starts with (flags, config); it never removes one.
type PrivacySettings struct {
	PausedUntil  time.Time `json:"paused_until,omitzero"`  // capture nothing until then
	Private      bool      `json:"private,omitempty"`      // apps only, no titles
	ExcludeApps  []string  `json:"exclude_apps,omitempty"` // regular expressions
	RedactTitles []string  `json:"redact_titles,omitempty"`
}

// Apply returns base with the settings added: a later pause, private
// mode, and the extra exclusions and redactions.
func (s PrivacySettings) Apply(base Privacy) (Privacy, error) {
	ex, err := CompileRules(s.ExcludeApps)
	if err != nil {
		return base, fmt.Errorf("exclude_apps: %w", err)
	}
	red, err := CompileRules(s.RedactTitles)
	if err != nil {
		return base, fmt.Errorf("redact_titles: %w", err)
	}
	p := base
	p.ExcludeApps = append(append([]*regexp.Regexp(nil), base.ExcludeApps...), ex...)
	p.RedactTitles = append(append([]*regexp.Regexp(nil), base.RedactTitles...), red...)
	p.Private = base.Private || s.Private
	if s.PausedUntil.After(p.PausedUntil) {
		p.PausedUntil = s.PausedUntil
	}
	return p, nil
}

// SettingsSource reads the privacy settings; ok is false when none are set.
type SettingsSource interface {
	PrivacySettings(ctx context.Context) (s PrivacySettings, ok bool, err error)
}

// FollowSettings reads the settings at every settings poll until ctx
// ends and applies them to the rules the watchers were created with. A
// setting that does not compile leaves the rules in force unchanged.
func (w *Watchers) FollowSettings(ctx context.Context, src SettingsSource) {
	errs := errorOnce{log: w.log, what: "privacy settings"}
	tick := time.NewTicker(w.cfg.SettingsPoll)
	defer tick.Stop()
	for {
		s, _, err := src.PrivacySettings(ctx)
		if err == nil {
			var p Privacy
			if p, err = s.Apply(w.base); err == nil {
				w.SetPrivacy(p)
			}
		}
		if ctx.Err() == nil {
			errs.report(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
