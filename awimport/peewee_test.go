package awimport

import (
	"testing"
	"time"
)

func TestParsePythonTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-01-02 08:00:00.123456+00:00", time.Date(2024, 1, 2, 8, 0, 0, 123456000, time.UTC)},
		{"2024-01-02 08:00:00+00:00", time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC)},
		{"2024-01-02 10:00:00.5+02:00", time.Date(2024, 1, 2, 8, 0, 0, 500000000, time.UTC)},
		{"2024-01-02 08:00:00.123456", time.Date(2024, 1, 2, 8, 0, 0, 123456000, time.UTC)}, // naive: UTC
		{"2024-01-02T08:00:00Z", time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC)},
		{"2024-02-29 23:59:59.999999999+00:00", time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		{"2024-01-02 08:00:00.1+00:00", time.Date(2024, 1, 2, 8, 0, 0, 100000000, time.UTC)},
		{"0001-01-01 00:00:00+00:00", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		got, err := parsePythonTime(tc.in)
		if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("parsePythonTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{
		"yesterday",
		"2023-02-29 08:00:00+00:00", // no such day
		"2024-13-02 08:00:00+00:00",
		"2024-01-02 24:00:00+00:00",
		"2024-01-02 08:60:00+00:00",
		"2024-01-02 08:00:00.+00:00",
		"2024-01-02 08:00:0x+00:00",
	} {
		if got, err := parsePythonTime(bad); err == nil {
			t.Errorf("parsePythonTime(%q) = %v, want an error", bad, got)
		}
	}
}

// The hand-written parser agrees with time.Parse wherever it answers.
func TestParseUTCPythonTimeMatchesTimeParse(t *testing.T) {
	for _, s := range []string{
		"2024-01-02 08:00:00+00:00", "2024-01-02 08:00:00.5+00:00", "1999-12-31 23:59:59.000001+00:00",
		"2100-02-28 12:34:56.123456789+00:00", "2024-04-31 08:00:00+00:00", "2024-01-02 08:00:00.12+01:00",
	} {
		want, werr := time.Parse(time.RFC3339Nano, s[:10]+"T"+s[11:])
		got, ok := parseUTCPythonTime(s)
		if ok && (werr != nil || !got.Equal(want)) {
			t.Errorf("parseUTCPythonTime(%q) = %v; time.Parse says %v, %v", s, got, want, werr)
		}
		if !ok && werr == nil && s[len(s)-6:] == "+00:00" {
			t.Errorf("parseUTCPythonTime(%q) refused a time time.Parse reads as %v", s, want)
		}
	}
}

func TestSettingValue(t *testing.T) {
	tests := []struct{ stored, want string }{
		{`{"a":1}`, `{"a":1}`},
		{`"04:00"`, `"04:00"`},
		{`"[\"zoom\"]"`, `["zoom"]`},           // stored twice encoded
		{`"{\"a\": 1}"`, `{"a": 1}`},           // stored twice encoded
		{`"\"/activity\""`, `"\"/activity\""`}, // a string holding a quoted string stays
		{`KeePass,1Password`, `"KeePass,1Password"`},
		{`true`, `true`},
	}
	for _, tc := range tests {
		if got := string(settingValue(tc.stored)); got != tc.want {
			t.Errorf("settingValue(%s) = %s, want %s", tc.stored, got, tc.want)
		}
	}
}
