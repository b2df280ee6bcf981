package sim

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
)

func TestDeterministic(t *testing.T) {
	p, err := BuiltIn("developer")
	if err != nil {
		t.Fatal(err)
	}
	gen := func(seed uint64) string {
		t.Helper()
		ds, err := Generate(p, Options{Start: "2026-03-02", Days: 3, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(ds.Events)
		return string(b)
	}
	a, b, c := gen(1), gen(1), gen(2)
	if a != b {
		t.Error("same seed gave different events")
	}
	if a == c {
		t.Error("different seeds gave the same events")
	}
}

func TestEventsWellFormed(t *testing.T) {
	for _, name := range Personas() {
		p, _ := BuiltIn(name)
		ds, err := Generate(p, Options{Start: "2026-03-02", Days: 7, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds.Buckets) < 4 {
			t.Errorf("%s: %d buckets, want window, afk, input and web at least", name, len(ds.Buckets))
		}
		for id, evs := range ds.Events {
			for i, e := range evs {
				if e.Duration < 0 || !ds.Range.Overlaps(e) {
					t.Fatalf("%s %s event %d: %+v out of range or negative", name, id, i, e)
				}
				if i > 0 && e.Timestamp.Before(evs[i-1].Timestamp) {
					t.Fatalf("%s %s: events out of order at %d", name, id, i)
				}
			}
		}
		for i := 1; i < len(ds.Truth.Visits); i++ {
			if ds.Truth.Visits[i].Start.Before(ds.Truth.Visits[i-1].End) {
				t.Fatalf("%s: true visits %d and %d overlap", name, i-1, i)
			}
		}
		if got, want := len(ds.Truth.Minutes), int(ds.Range.End.Sub(ds.Range.Start).Minutes()); got != want {
			t.Errorf("%s: %d minutes of truth, want %d", name, got, want)
		}
		// Realistic magnitudes (RESEARCH.md): mean time on one app of the
		// order of 47 s, tens of switches per active hour.
		m := 0.0
		for _, d := range ds.Truth.Dwells {
			m += d
		}
		m /= float64(len(ds.Truth.Dwells))
		perHour := float64(ds.Truth.Switches) / (ds.Truth.ActiveSec / 3600)
		if m < 30 || m > 90 || perHour < 30 || perHour > 120 {
			t.Errorf("%s: mean dwell %.0f s, %.0f switches/h: out of the realistic range", name, m, perHour)
		}
	}
}

func TestPersonaValidation(t *testing.T) {
	p, _ := BuiltIn("developer")
	b, _ := json.Marshal(p)
	tests := []struct {
		mutate func(m map[string]any)
		field  string
	}{
		{func(m map[string]any) { m["drift_prob"] = 1.5 }, "drift_prob"},
		{func(m map[string]any) { m["focus_by_hour"] = []any{0.5} }, "focus_by_hour"},
		{func(m map[string]any) { m["timezone"] = "Mars/Olympus" }, "timezone"},
		{func(m map[string]any) { m["day_end"] = "07:00" }, "day_end"},
		{func(m map[string]any) { m["workdays"] = []any{9} }, "workdays"},
		{func(m map[string]any) { m["unknown_field"] = 1 }, "unknown_field"},
	}
	for _, tt := range tests {
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		tt.mutate(m)
		raw, _ := json.Marshal(m)
		_, err := ParsePersona(raw)
		if attnflow.ErrorCode(err) != attnflow.EINVALID || !strings.Contains(err.Error(), tt.field) {
			t.Errorf("ParsePersona with bad %s: error %v, want EINVALID naming it", tt.field, err)
		}
	}
	if _, err := BuiltIn("astronaut"); attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
		t.Errorf("BuiltIn(astronaut) = %v, want ENOTFOUND", err)
	}
}
