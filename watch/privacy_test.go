package watch

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPrivacyWindow(t *testing.T) {
	custom := DefaultPrivacy()
	custom.ExcludeApps = []*regexp.Regexp{regexp.MustCompile(`(?i)^signal$`)}
	custom.RedactTitles = append(custom.RedactTitles, regexp.MustCompile(`Project Falcon`))
	private := DefaultPrivacy()
	private.Private = true
	tests := []struct {
		name   string
		rules  Privacy
		in     Window
		want   Window
		wantOK bool
	}{
		{"no rules keep everything", Privacy{}, Window{"Firefox", "mail for bob@example.com"}, Window{"Firefox", "mail for bob@example.com"}, true},
		{"excluded app is dropped", custom, Window{"Signal", "Alice"}, Window{}, false},
		{"exclusion is anchored by the user", custom, Window{"signal-desktop-x", "Alice"}, Window{"signal-desktop-x", "Alice"}, true},
		{"custom title rule", custom, Window{"Code", "Project Falcon — plan.md"}, Window{"Code", "[redacted] — plan.md"}, true},
		{"e-mail", DefaultPrivacy(), Window{"Thunderbird", "Re: hi - bob.smith+x@example.co.uk"}, Window{"Thunderbird", "Re: hi - [redacted]"}, true},
		{"password manager title hidden", DefaultPrivacy(), Window{"KeePassXC", "Banking - Passwords.kdbx"}, Window{"KeePassXC", Redacted}, true},
		{"incognito window hidden", DefaultPrivacy(), Window{"Google-chrome", "Secret search - Google Chrome (Incognito)"}, Window{"Google-chrome", Redacted}, true},
		{"firefox private window hidden", DefaultPrivacy(), Window{"firefox", "Page — Mozilla Firefox Private Browsing"}, Window{"firefox", Redacted}, true},
		{"password prompt hidden", DefaultPrivacy(), Window{"xterm", "[sudo] password for ann"}, Window{"xterm", Redacted}, true},
		{"github token", DefaultPrivacy(), Window{"xterm", "export GH=ghp_abcdefghijklmnopqrstuvwxyz0123456789"}, Window{"xterm", "export GH=[redacted]"}, true},
		{"aws key", DefaultPrivacy(), Window{"xterm", "aws AKIAABCDEFGHIJKLMNOP"}, Window{"xterm", "aws [redacted]"}, true},
		{"jwt", DefaultPrivacy(), Window{"xterm", "t eyJhbGciOi.eyJzdWIiOiIx.SflKxwRJSM"}, Window{"xterm", "t [redacted]"}, true},
		{"url cut to domain", DefaultPrivacy(), Window{"xterm", "curl https://user:pw@api.example.org/v1/x?token=abc"}, Window{"xterm", "curl https://api.example.org"}, true},
		{"token param", DefaultPrivacy(), Window{"xterm", "run --token=s3cr3t now"}, Window{"xterm", "run --[redacted] now"}, true},
		{"long hex", DefaultPrivacy(), Window{"xterm", "sha 0123456789abcdef0123456789abcdef ok"}, Window{"xterm", "sha [redacted] ok"}, true},
		{"ordinary title untouched", DefaultPrivacy(), Window{"Code", "main.go — attnflow — Visual Studio Code"}, Window{"Code", "main.go — attnflow — Visual Studio Code"}, true},
		{"non-ASCII kept", DefaultPrivacy(), Window{"Gedit", "季度报告.txt — Ünïcødé"}, Window{"Gedit", "季度报告.txt — Ünïcødé"}, true},
		{"private mode keeps the app only", private, Window{"Code", "main.go"}, Window{"Code", ""}, true},
		{"invalid UTF-8 repaired", Privacy{}, Window{"a\xffb", "t\xc3\x28x"}, Window{"a\uFFFDb", "t\uFFFD(x"}, true},
		{"control characters become spaces", Privacy{}, Window{"app", "a\tb\x00c\n"}, Window{"app", "a b c"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.rules.Window(tt.in)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("Window(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestSanitizeCapsHugeTitles(t *testing.T) {
	huge := strings.Repeat("标题", 50_000) + "\xff" // 300 KB, invalid tail
	got := Sanitize(huge)
	if len(got) > MaxTitleBytes+len("…") {
		t.Errorf("len = %d, want at most %d", len(got), MaxTitleBytes+len("…"))
	}
	if !utf8.ValidString(got) {
		t.Errorf("result is not valid UTF-8")
	}
}

func TestPaused(t *testing.T) {
	p := Privacy{PausedUntil: t0.Add(30 * time.Minute)}
	tests := []struct {
		at   time.Time
		want bool
	}{{t0, true}, {t0.Add(29 * time.Minute), true}, {t0.Add(30 * time.Minute), false}}
	for _, tt := range tests {
		if got := p.Paused(tt.at); got != tt.want {
			t.Errorf("Paused(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if (Privacy{}).Paused(t0) {
		t.Errorf("zero Privacy is paused, want not")
	}
}

func TestCompileRulesNamesBadRule(t *testing.T) {
	_, err := CompileRules([]string{"ok", "(bad"})
	if err == nil || !strings.Contains(err.Error(), "(bad") {
		t.Fatalf("err = %v, want one naming %q", err, "(bad")
	}
}
