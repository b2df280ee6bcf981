package checkin

import (
	"math"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/model"
)

var day = time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)

// history builds estimates ending at the minute before end: each state
// repeated, sure unless p is given.
func history(end time.Time, parts ...any) []model.Estimate {
	var out []model.Estimate
	for i := 0; i < len(parts); i += 2 {
		s, n := parts[i].(model.State), parts[i+1].(int)
		for range n {
			var p model.Probs
			p[s] = 0.95
			out = append(out, model.Estimate{State: s, Probs: p})
		}
	}
	for i := range out {
		out[i].Start = end.Add(time.Duration(i-len(out)) * time.Minute)
	}
	return out
}

func TestDue(t *testing.T) {
	cfg := Config{RandomPerDay: 1, Seed: 1}
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	uncertain := history(at(11, 0), model.Shallow, 5)
	uncertain[4].Probs = model.Probs{0, 0.3, 0.4, 0.3, 0}
	tests := []struct {
		name   string
		now    time.Time
		recent []model.Estimate
		asked  []time.Time
		want   Reason
	}{
		{"session end", at(11, 0), history(at(11, 0), model.DeepFocus, 30, model.Shallow, 1), nil, SessionEnd},
		{"back from a break", at(11, 0), history(at(11, 0), model.Away, 5, model.Shallow, 1), nil, AFKReturn},
		{"uncertain", at(11, 0), uncertain, nil, Uncertain},
		{"nothing special", at(11, 0), history(at(11, 0), model.Shallow, 10), nil, ""},
		{"outside working hours", at(20, 0), history(at(20, 0), model.Away, 5, model.Shallow, 1), nil, ""},
		{"away now", at(11, 0), history(at(11, 0), model.Away, 10), nil, ""},
		{"too soon after the last", at(11, 0), history(at(11, 0), model.Away, 5, model.Shallow, 1), []time.Time{at(10, 30)}, ""},
		{"daily cap", at(17, 0), history(at(17, 0), model.Away, 5, model.Shallow, 1),
			[]time.Time{at(9, 0), at(10, 0), at(11, 0), at(12, 0), at(13, 0), at(14, 0)}, ""},
		{"yesterday's do not count", at(11, 0), history(at(11, 0), model.Away, 5, model.Shallow, 1),
			[]time.Time{at(-14, 0), at(-13, 0), at(-12, 0), at(-11, 0), at(-10, 0), at(-9, 0)}, AFKReturn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := Due(cfg, tt.now, tt.recent, tt.asked)
			if got := Reason(""); ok {
				got = p.Reason
				if got != tt.want {
					t.Errorf("due %q, want %q", got, tt.want)
				}
				if !p.Covers.End.Equal(tt.now) || p.Covers.End.Sub(p.Covers.Start) != DefaultCovers || len(p.Questions) == 0 {
					t.Errorf("prompt %+v", p)
				}
			} else if tt.want != "" {
				t.Errorf("not due, want %q", tt.want)
			}
		})
	}
}

func TestRandomMoments(t *testing.T) {
	cfg := Config{RandomPerDay: 4, Seed: 7}
	a, b := RandomMoments(cfg, day), RandomMoments(cfg, day)
	other := RandomMoments(cfg, day.AddDate(0, 0, 1))
	for i := range a {
		if !a[i].Equal(b[i]) {
			t.Fatalf("not reproducible: %v vs %v", a, b)
		}
		if tod := a[i].Sub(day); tod < 9*time.Hour || tod >= 18*time.Hour {
			t.Errorf("moment %v outside working hours", a[i])
		}
	}
	if a[0].Sub(day) == other[0].Sub(day.AddDate(0, 0, 1)) && a[1].Sub(day) == other[1].Sub(day.AddDate(0, 0, 1)) {
		t.Errorf("two days drew the same moments %v %v", a, other)
	}
	// A random moment passed a few minutes ago is due on a calm window.
	m := a[0].Add(5 * time.Minute)
	p, ok := Due(cfg, m, history(m, model.Shallow, 10), nil)
	if !ok || p.Reason != Random {
		t.Errorf("at %v after the moment %v: due %v %q, want random", m, a[0], ok, p.Reason)
	}
}

func TestAnswerRoundTrip(t *testing.T) {
	yes := true
	a := Answer{Covers: attnflow.TimeRange{Start: day.Add(10 * time.Hour), End: day.Add(10*time.Hour + 15*time.Minute)},
		Focus: 4, Demand: 3, Interrupted: &yes, Reason: AFKReturn}
	got, err := FromEvent(a.Event())
	if err != nil {
		t.Fatal(err)
	}
	if got.Focus != 4 || got.Demand != 3 || got.Interrupted == nil || !*got.Interrupted || got.Reason != AFKReturn || !got.Covers.Start.Equal(a.Covers.Start) || !got.Covers.End.Equal(a.Covers.End) {
		t.Errorf("round trip: got %+v, want %+v", got, a)
	}
	if got.Label() != model.Focus {
		t.Errorf("label %v, want focus", got.Label())
	}
}

func TestAnswerValidate(t *testing.T) {
	ok := attnflow.TimeRange{Start: day, End: day.Add(15 * time.Minute)}
	tests := []struct {
		name string
		a    Answer
	}{
		{"focus 0", Answer{Covers: ok, Focus: 0}},
		{"focus 6", Answer{Covers: ok, Focus: 6}},
		{"demand 9", Answer{Covers: ok, Focus: 3, Demand: 9}},
		{"empty span", Answer{Covers: attnflow.TimeRange{Start: day, End: day}, Focus: 3}},
		{"a whole day", Answer{Covers: attnflow.TimeRange{Start: day, End: day.Add(24 * time.Hour)}, Focus: 3}},
		{"unknown state", Answer{Covers: ok, Focus: 3, State: "sleepy"}},
	}
	for _, tt := range tests {
		if err := tt.a.Validate(); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", tt.name, err)
		}
	}
	if _, err := FromEvent(attnflow.Event{Timestamp: day, Duration: time.Minute, Data: attnflow.Data{"focus": "high"}}); err == nil {
		t.Error("FromEvent with a text rating: want an error")
	}
}

func TestLabels(t *testing.T) {
	var starts []time.Time
	for i := range 60 {
		starts = append(starts, day.Add(time.Duration(i)*time.Minute))
	}
	a := Answer{Covers: attnflow.TimeRange{Start: day.Add(10 * time.Minute), End: day.Add(25 * time.Minute)}, Focus: 5}
	ls := Labels([]Answer{a}, starts, time.Minute)
	if len(ls) != 15 || ls[0].Window != 10 || ls[14].Window != 24 {
		t.Fatalf("labels %+v, want windows 10..24", ls)
	}
	sum := 0.0
	for _, l := range ls {
		sum += l.Weight
		if l.State != model.DeepFocus {
			t.Errorf("label %v, want deep focus", l.State)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("weights sum to %v, want 1", sum)
	}
}
