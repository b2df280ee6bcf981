package storetest

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
)

var settingTests = []test{
	{"RoundTrip", testSettingsRoundTrip},
	{"UnsetAndDelete", testSettingsDelete},
	{"Invalid", testSettingsInvalid},
}

// sameJSON compares two JSON texts by value.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("stored setting %q is not JSON: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("test setting %q is not JSON: %v", b, err)
	}
	return reflect.DeepEqual(x, y)
}

func testSettingsRoundTrip(t *testing.T, s attnflow.Store) {
	values := map[string]string{
		"classes":      `[{"name":["Work","Programming"],"rule":{"type":"regex","regex":"vim|code","ignore_case":true},"data":{"color":"#fff","score":2}}]`,
		"startOfDay":   `"04:00"`,
		"startOfWeek":  `1`,
		"flag":         `true`,
		"nothing":      `null`,
		"unicode 键":    `{"名前":"値 🎉"}`,
		"float":        `1.5e3`,
		"empty object": `{}`,
	}
	for k, v := range values {
		if err := s.SetSetting(ctx(t), k, json.RawMessage(v)); err != nil {
			t.Fatalf("SetSetting(%q): %v", k, err)
		}
	}
	for k, v := range values {
		got, err := s.Setting(ctx(t), k)
		if err != nil {
			t.Fatalf("Setting(%q): %v", k, err)
		}
		if !sameJSON(t, got, []byte(v)) {
			t.Fatalf("Setting(%q) = %s, want %s", k, got, v)
		}
	}
	all, err := s.Settings(ctx(t))
	if err != nil {
		t.Fatalf("Settings: %v", err)
	}
	if len(all) != len(values) {
		t.Fatalf("Settings has %d keys, want %d", len(all), len(values))
	}
	for k, v := range values {
		if !sameJSON(t, all[k], []byte(v)) {
			t.Fatalf("Settings[%q] = %s, want %s", k, all[k], v)
		}
	}
	if err := s.SetSetting(ctx(t), "startOfDay", json.RawMessage(`"06:00"`)); err != nil {
		t.Fatalf("SetSetting overwrite: %v", err)
	}
	got, err := s.Setting(ctx(t), "startOfDay")
	if err != nil || !sameJSON(t, got, []byte(`"06:00"`)) {
		t.Fatalf("Setting after overwrite = %s, %v; want \"06:00\"", got, err)
	}
}

func testSettingsDelete(t *testing.T, s attnflow.Store) {
	all, err := s.Settings(ctx(t))
	if err != nil || len(all) != 0 {
		t.Fatalf("Settings of a new store = %v, %v; want empty", all, err)
	}
	_, err = s.Setting(ctx(t), "unset")
	wantCode(t, "Setting of an unset key", err, attnflow.ENOTFOUND)
	if err := s.DeleteSetting(ctx(t), "unset"); err != nil {
		t.Fatalf("DeleteSetting of an unset key: %v", err)
	}
	if err := s.SetSetting(ctx(t), "k", json.RawMessage(`{"a":1}`)); err != nil {
		t.Fatalf("SetSetting: %v", err)
	}
	if err := s.DeleteSetting(ctx(t), "k"); err != nil {
		t.Fatalf("DeleteSetting: %v", err)
	}
	_, err = s.Setting(ctx(t), "k")
	wantCode(t, "Setting after delete", err, attnflow.ENOTFOUND)
}

func testSettingsInvalid(t *testing.T, s attnflow.Store) {
	wantCode(t, "SetSetting with invalid JSON", s.SetSetting(ctx(t), "k", json.RawMessage(`{not json`)), attnflow.EINVALID)
	wantCode(t, "SetSetting with an empty key", s.SetSetting(ctx(t), "", json.RawMessage(`1`)), attnflow.EINVALID)
	long := strings.Repeat("k", 128)
	wantCode(t, "SetSetting with a 128-character key", s.SetSetting(ctx(t), long, json.RawMessage(`1`)), attnflow.EINVALID)
	if err := s.SetSetting(ctx(t), long[:127], json.RawMessage(`1`)); err != nil {
		t.Fatalf("SetSetting with a 127-character key: %v", err)
	}
}
