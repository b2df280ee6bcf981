package attnflow_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func ev(offset, dur time.Duration, data attnflow.Data) attnflow.Event {
	return attnflow.Event{Timestamp: t0.Add(offset), Duration: dur, Data: data}
}

func TestMergeHeartbeat(t *testing.T) {
	a := attnflow.Data{"app": "firefox"}
	b := attnflow.Data{"app": "emacs"}
	tests := []struct {
		name      string
		last, hb  attnflow.Event
		pulsetime time.Duration
		merged    bool
		wantDur   time.Duration
	}{
		{"extends within pulsetime", ev(0, 10*time.Second, a), ev(15*time.Second, 0, a), 10 * time.Second, true, 15 * time.Second},
		{"gap exactly at pulsetime merges", ev(0, 10*time.Second, a), ev(20*time.Second, 0, a), 10 * time.Second, true, 20 * time.Second},
		{"gap just beyond pulsetime", ev(0, 10*time.Second, a), ev(20*time.Second+time.Millisecond, 0, a), 10 * time.Second, false, 0},
		{"different data", ev(0, 10*time.Second, a), ev(5*time.Second, 0, b), 10 * time.Second, false, 0},
		{"past timestamp", ev(10*time.Second, 10*time.Second, a), ev(5*time.Second, 0, a), 10 * time.Second, false, 0},
		{"equal timestamps", ev(0, 0, a), ev(0, 0, a), 10 * time.Second, true, 0},
		{"pre-merged heartbeat with duration", ev(0, 10*time.Second, a), ev(5*time.Second, 30*time.Second, a), 1 * time.Second, true, 35 * time.Second},
		{"inside last never shrinks it", ev(0, 60*time.Second, a), ev(5*time.Second, 1*time.Second, a), 1 * time.Second, true, 60 * time.Second},
		{"numbers compare numerically", ev(0, 1*time.Second, attnflow.Data{"n": 1.0}), ev(1*time.Second, 0, attnflow.Data{"n": float64(1)}), time.Second, true, time.Second},
		{"zero pulsetime touching", ev(0, 10*time.Second, a), ev(10*time.Second, 5*time.Second, a), 0, true, 15 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.last.ID = 7
			got, merged := attnflow.MergeHeartbeat(tt.last, tt.hb, tt.pulsetime)
			if merged != tt.merged {
				t.Fatalf("merged = %v, want %v", merged, tt.merged)
			}
			if !merged {
				if got.Timestamp != tt.hb.Timestamp || got.ID != 0 {
					t.Errorf("unmerged result = %+v, want the heartbeat unchanged", got)
				}
				return
			}
			if got.ID != 7 || !got.Timestamp.Equal(tt.last.Timestamp) || got.Duration != tt.wantDur {
				t.Errorf("got id=%d start=%v dur=%v, want id=7 start=%v dur=%v", got.ID, got.Timestamp, got.Duration, tt.last.Timestamp, tt.wantDur)
			}
		})
	}
}

func TestDataEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`{"a":1,"b":"x"}`, `{"b":"x","a":1.0}`, true},
		{`{"a":{"x":[1,2]}}`, `{"a":{"x":[1,2.0]}}`, true},
		{`{"a":1}`, `{"a":"1"}`, false},
		{`{}`, `{"a":null}`, false},
		{`{"t":"日本語"}`, `{"t":"日本語"}`, true},
	}
	for _, tt := range tests {
		var a, b attnflow.Data
		if err := json.Unmarshal([]byte(tt.a), &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(tt.b), &b); err != nil {
			t.Fatal(err)
		}
		if got := a.Equal(b); got != tt.want {
			t.Errorf("%s == %s: got %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2026, 1, 2, 14, 4, 5, 123000000, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"2026-01-02T14:04:05.123Z", want, false},
		{"2026-01-02T15:04:05.123+01:00", want, false},
		{"2026-01-02T15:04:05.123 01:00", want, false}, // '+' decoded as space
		{"2026-01-02T14:04:05.123", want, false},       // naive = UTC
		{"2026-01-02T14:04:05.123000+00:00", want, false},
		{"2026-01-02", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), false},
		{"yesterday", time.Time{}, true},
		{"", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := attnflow.ParseTime(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseTime(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil && attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("ParseTime(%q) error code = %q, want invalid", tt.in, attnflow.ErrorCode(err))
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestEventJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"round trip", `{"id":3,"timestamp":"2026-03-01T12:00:00.5Z","duration":1.25,"data":{"b":1,"a":"x"}}`,
			`{"id":3,"timestamp":"2026-03-01T12:00:00.5+00:00","duration":1.25,"data":{"a":"x","b":1}}`, false},
		{"missing duration is zero", `{"timestamp":"2026-03-01T12:00:00Z","data":{}}`,
			`{"timestamp":"2026-03-01T12:00:00+00:00","duration":0,"data":{}}`, false},
		{"missing data", `{"timestamp":"2026-03-01T12:00:00Z","duration":1}`, "", true},
		{"data not object", `{"timestamp":"2026-03-01T12:00:00Z","data":[1]}`, "", true},
		{"negative duration", `{"timestamp":"2026-03-01T12:00:00Z","duration":-1,"data":{}}`, "", true},
		{"bad timestamp", `{"timestamp":"noon","data":{}}`, "", true},
		{"missing timestamp", `{"data":{}}`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e attnflow.Event
			err := json.Unmarshal([]byte(tt.in), &e)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if attnflow.ErrorCode(err) != attnflow.EINVALID {
					t.Errorf("code = %q, want invalid", attnflow.ErrorCode(err))
				}
				return
			}
			got, _ := json.Marshal(e)
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestTimeRangeClip(t *testing.T) {
	r := attnflow.TimeRange{Start: t0, End: t0.Add(time.Hour)}
	tests := []struct {
		name       string
		e          attnflow.Event
		overlaps   bool
		start, dur time.Duration
	}{
		{"inside", ev(time.Minute, time.Minute, nil), true, time.Minute, time.Minute},
		{"crosses start", ev(-time.Minute, 2*time.Minute, nil), true, 0, time.Minute},
		{"crosses end", ev(59*time.Minute, 2*time.Minute, nil), true, 59 * time.Minute, time.Minute},
		{"starts exactly at end", ev(time.Hour, time.Minute, nil), true, time.Hour, 0},
		{"ends exactly at start", ev(-time.Minute, time.Minute, nil), true, 0, 0},
		{"before", ev(-2*time.Minute, time.Minute, nil), false, 0, 0},
		{"after", ev(time.Hour+time.Second, time.Minute, nil), false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Overlaps(tt.e); got != tt.overlaps {
				t.Fatalf("Overlaps = %v, want %v", got, tt.overlaps)
			}
			if !tt.overlaps {
				return
			}
			c := r.Clip(tt.e)
			if !c.Timestamp.Equal(t0.Add(tt.start)) || c.Duration != tt.dur {
				t.Errorf("Clip = %v+%v, want %v+%v", c.Timestamp, c.Duration, t0.Add(tt.start), tt.dur)
			}
		})
	}
}

func TestParseTimeRange(t *testing.T) {
	if _, err := attnflow.ParseTimeRange("2026-01-01/2026-01-02"); err != nil {
		t.Errorf("valid period: %v", err)
	}
	for _, bad := range []string{"2026-01-01", "2026-01-02/2026-01-01", "x/y"} {
		if _, err := attnflow.ParseTimeRange(bad); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("ParseTimeRange(%q) error = %v, want invalid", bad, err)
		}
	}
}
