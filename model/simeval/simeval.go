// Package simeval measures the attention-state model against the persona
// simulator's ground truth: it generates a persona's data, runs the flow
// engine and the model over it, and scores the states per window against
// the true state of every minute, next to the baselines.
//
// It is pure (no I/O) and deterministic for a persona, seed and length.
package simeval

import (
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/model"
	"github.com/attnflow/attnflow/sim"
)

// Data is a simulated person's feature windows, one day per entry, with the
// true state of each window.
type Data struct {
	Persona string
	Seed    uint64
	Config  flow.Config
	Days    []Day
}

// Day is one simulated day: its windows and their true states. Only the
// working span of the day is kept (from the first to the last minute the
// person was truly present), so that nights do not flatter "away".
type Day struct {
	Date    string
	Windows []flow.Window
	Truth   []model.State
	// Worked is the simulated person's time on task (minutes of visits
	// since the last break of 3 min or more) at the end of each window:
	// the simulator's fatigue clock (see FatigueTruth).
	Worked []float64
}

// TruthState maps the simulator's state onto the model's: a meeting is
// shallow work (attentive, but not the person's own focus work).
func TruthState(s sim.State) model.State {
	switch s {
	case sim.DeepFocus:
		return model.DeepFocus
	case sim.Focused:
		return model.Focus
	case sim.Shallow, sim.Meeting:
		return model.Shallow
	case sim.Distracted:
		return model.Distracted
	}
	return model.Away
}

// Generate simulates the persona and computes its windows and truth.
func Generate(persona string, seed uint64, days int) (*Data, error) {
	p, err := sim.BuiltIn(persona)
	if err != nil {
		return nil, err
	}
	ds, err := sim.Generate(p, sim.Options{Start: "2026-03-02", Days: days, Seed: seed})
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil {
		return nil, err
	}
	cfg := flow.Config{Location: loc}
	h := p.Host
	in := flow.Input{Hosts: []flow.Sources{{Host: h,
		Window: ds.Events[sim.WindowBucket(h)], AFK: ds.Events[sim.AFKBucket(h)],
		Web: ds.Events[sim.WebBucket(h)], Editor: ds.Events[sim.EditorBucket(h)]}},
		Input: ds.Events[sim.InputBucket(h)]}
	fd, err := flow.ComputeDays(in, flow.Dates(ds.Range, cfg), nil, cfg)
	if err != nil {
		return nil, err
	}
	out := &Data{Persona: persona, Seed: seed, Config: cfg}
	worked := workedMinutes(ds.Truth.Visits, ds.Range)
	for _, d := range fd {
		if day, ok := workingSpan(d, ds, worked); ok {
			out.Days = append(out.Days, day)
		}
	}
	return out, nil
}

// workingSpan cuts a day to its truly present span.
func workingSpan(d flow.Day, ds *sim.Dataset, worked []float64) (Day, bool) {
	truth := make([]model.State, len(d.Windows))
	wk := make([]float64, len(d.Windows))
	first, last := -1, -1
	for i, w := range d.Windows {
		k := int(w.Start.Sub(ds.Range.Start) / time.Minute)
		if k < 0 || k >= len(ds.Truth.Minutes) {
			continue
		}
		truth[i], wk[i] = TruthState(ds.Truth.Minutes[k]), worked[k]
		if truth[i] != model.Away {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return Day{}, false
	}
	return Day{Date: d.Date, Windows: d.Windows[first : last+1], Truth: truth[first : last+1], Worked: wk[first : last+1]}, true
}

// AllWindows returns every day's windows in order.
func (d *Data) AllWindows() []flow.Window {
	var out []flow.Window
	for _, day := range d.Days {
		out = append(out, day.Windows...)
	}
	return out
}

// simBreak is the shortest gap between visits that the simulator makes
// only for a break (its breaks last at least 3 min), which resets its
// fatigue clock.
const simBreak = 170 * time.Second

// workedMinutes is the simulator's time on task at the end of every
// minute of r: visit time since the last break.
func workedMinutes(visits []sim.Visit, r attnflow.TimeRange) []float64 {
	n := int(r.End.Sub(r.Start) / time.Minute)
	out := make([]float64, n)
	worked := 0.0
	var prevEnd time.Time
	k := 0
	fill := func(until time.Time, v float64) {
		for ; k < n && !r.Start.Add(time.Duration(k+1)*time.Minute).After(until); k++ {
			out[k] = v
		}
	}
	for _, v := range visits {
		if !prevEnd.IsZero() && v.Start.Sub(prevEnd) >= simBreak {
			fill(prevEnd, worked)
			worked = 0
		}
		// Minutes inside the visit accrue as it goes.
		for k < n {
			end := r.Start.Add(time.Duration(k+1) * time.Minute)
			if end.After(v.End) {
				break
			}
			if end.After(v.Start) {
				out[k] = worked + end.Sub(v.Start).Minutes()
			} else {
				out[k] = worked
			}
			k++
		}
		worked += v.End.Sub(v.Start).Minutes()
		prevEnd = v.End
	}
	fill(r.End, worked)
	return out
}
