package watch

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Redacted replaces what a redaction rule matched.
const Redacted = "[redacted]"

// MaxTitleBytes caps a title's length; longer titles are cut at a rune
// boundary (a 100 KB title is a bug or an attack, not information).
const MaxTitleBytes = 1024

// Privacy holds the rules applied to window data before it leaves the
// watcher. The zero value applies no rules; DefaultPrivacy adds the
// built-in redactions. A Privacy is immutable once built and safe for
// concurrent use.
type Privacy struct {
	// ExcludeApps drops every event of an app whose name matches.
	ExcludeApps []*regexp.Regexp
	// RedactTitles replaces every match in a title with Redacted.
	RedactTitles []*regexp.Regexp
	// HideTitleApps replaces the whole title of matching apps with Redacted
	// (password managers).
	HideTitleApps []*regexp.Regexp
	// HideTitles replaces the whole title with Redacted when it matches
	// (private and incognito browser windows).
	HideTitles []*regexp.Regexp
	// URLDomainOnly cuts URLs in titles down to scheme and host.
	URLDomainOnly bool
	// Private records the app only: every title becomes "".
	Private bool
	// PausedUntil suspends all capture until that instant.
	PausedUntil time.Time
}

// Built-in redactions: password managers, private windows and secrets that
// turn up in titles (tokens, keys, e-mail addresses, password parameters).
var (
	defaultHideTitleApps = []string{
		`(?i)keepass|1password|bitwarden|lastpass|dashlane|enpass|seahorse|kwalletmanager|pinentry|gcr-prompter|ssh-askpass|polkit`,
	}
	defaultHideTitles = []string{
		`(?i)private browsing|incognito|inprivate|\(private\)|— private|- private`,
		`(?i)\bpassword\b|\bpassphrase\b|\bpasscode\b`,
	}
	defaultRedactTitles = []string{
		`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`,                  // e-mail
		`\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b|\bgithub_pat_\w{20,}`, // GitHub
		`\b(?:sk|pk|rk)[-_](?:live|test|proj)?[-_]?[A-Za-z0-9_\-]{16,}`,     // API keys
		`\bAKIA[0-9A-Z]{16}\b`,                                   // AWS
		`\bxox[abprs]-[A-Za-z0-9\-]{10,}`,                        // Slack
		`\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+`, // JWT
		`(?i)(?:token|secret|key|password|passwd|pwd|auth|session|sig)=[^&\s]+`,
		`\b[A-Fa-f0-9]{32,}\b`,          // hex secrets and hashes
		`\b[A-Za-z0-9+/_\-]{40,}={0,2}`, // long base64 blobs
	}
)

// DefaultPrivacy returns the built-in rules: password-manager titles and
// private windows hidden, tokens, keys and e-mail addresses redacted, URLs
// cut to their domain.
func DefaultPrivacy() Privacy {
	return Privacy{
		HideTitleApps: mustCompile(defaultHideTitleApps),
		HideTitles:    mustCompile(defaultHideTitles),
		RedactTitles:  mustCompile(defaultRedactTitles),
		URLDomainOnly: true,
	}
}

func mustCompile(exprs []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(exprs))
	for i, e := range exprs {
		out[i] = regexp.MustCompile(e)
	}
	return out
}

// CompileRules compiles user-supplied regular expressions (from flags or
// the config), naming the bad one in the error.
func CompileRules(exprs []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(exprs))
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, fmt.Errorf("compile privacy rule %q: %w", e, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// Paused reports whether capture is paused at now.
func (p Privacy) Paused(now time.Time) bool { return now.Before(p.PausedUntil) }

// Window applies the rules to a window. It returns false when the window
// must not be recorded at all (an excluded app). The result is valid,
// control-free UTF-8 of bounded length.
func (p Privacy) Window(w Window) (Window, bool) {
	w.App = Sanitize(w.App)
	w.Title = Sanitize(w.Title)
	if matchAny(p.ExcludeApps, w.App) {
		return Window{}, false
	}
	switch {
	case p.Private:
		w.Title = ""
	case matchAny(p.HideTitleApps, w.App), matchAny(p.HideTitles, w.Title):
		w.Title = Redacted
	default:
		w.Title = p.redactTitle(w.Title)
	}
	return w, true
}

func (p Privacy) redactTitle(t string) string {
	if p.URLDomainOnly {
		t = DomainOnly(t)
	}
	for _, re := range p.RedactTitles {
		t = re.ReplaceAllLiteralString(t, Redacted)
	}
	return t
}

var urlPattern = regexp.MustCompile(`\b([a-zA-Z][a-zA-Z0-9+.\-]*://)([^/\s?#]+)[^\s]*`)

// DomainOnly cuts every URL in s to its scheme and host:
// "see https://x.org/a?b=c" becomes "see https://x.org". User info
// ("user:pass@") is dropped too.
func DomainOnly(s string) string {
	return urlPattern.ReplaceAllStringFunc(s, func(u string) string {
		m := urlPattern.FindStringSubmatch(u)
		host := m[2]
		if i := strings.LastIndexByte(host, '@'); i >= 0 {
			host = host[i+1:]
		}
		return m[1] + host
	})
}

// Sanitize makes s valid UTF-8 (invalid bytes become U+FFFD), replaces
// control characters with spaces, trims it and caps it at MaxTitleBytes.
func Sanitize(s string) string {
	if len(s) > 4*MaxTitleBytes {
		s = s[:4*MaxTitleBytes] // bound the work on absurd inputs
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > MaxTitleBytes {
		cut := MaxTitleBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
