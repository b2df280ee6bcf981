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
	}
	for _, tc := range tests {
		got, err := parsePythonTime(tc.in)
		if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("parsePythonTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := parsePythonTime("yesterday"); err == nil {
		t.Error("parsePythonTime(yesterday) succeeded, want an error")
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
