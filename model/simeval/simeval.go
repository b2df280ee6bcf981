// Package simeval measures the attention-state model against the persona
// simulator's ground truth: it generates a persona's data, runs the flow
// engine and the model over it, and scores the states per window against
// the true state of every minute, next to the baselines.
//
// It is pure (no I/O) and deterministic for a persona, seed and length.
package simeval

import (
	"time"

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
	for _, d := range fd {
		if day, ok := workingSpan(d, ds); ok {
			out.Days = append(out.Days, day)
		}
	}
	return out, nil
}

// workingSpan cuts a day to its truly present span.
func workingSpan(d flow.Day, ds *sim.Dataset) (Day, bool) {
	truth := make([]model.State, len(d.Windows))
	first, last := -1, -1
	for i, w := range d.Windows {
		k := int(w.Start.Sub(ds.Range.Start) / time.Minute)
		if k < 0 || k >= len(ds.Truth.Minutes) {
			continue
		}
		truth[i] = TruthState(ds.Truth.Minutes[k])
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
	return Day{Date: d.Date, Windows: d.Windows[first : last+1], Truth: truth[first : last+1]}, true
}

// AllWindows returns every day's windows in order.
func (d *Data) AllWindows() []flow.Window {
	var out []flow.Window
	for _, day := range d.Days {
		out = append(out, day.Windows...)
	}
	return out
}
