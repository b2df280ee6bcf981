package simeval

import (
	"time"

	"math/rand/v2"

	"github.com/attnflow/attnflow/checkin"
	"github.com/attnflow/attnflow/model"
)

// Reports simulates how a person answers check-ins: the schedule of
// package checkin decides when to ask (working hours are the whole
// simulated working span), and the person reports the most frequent true
// state of the covered windows, one level off with probability noise and a
// random state with probability noise/5 — as real people answer. It stops
// after n answers and returns them with the index of the day of the last.
func Reports(d *Data, h model.HMM, n int, noise float64, seed uint64) ([]checkin.Answer, int) {
	rng := rand.New(rand.NewPCG(seed, 0xC4EC))
	cfg := checkin.Config{WorkStart: 0, WorkEnd: 24*time.Hour - 1, Location: d.Config.Location, Seed: seed, Covers: checkin.DefaultCovers}
	b := model.FitBaseline(d.AllWindows())
	var out []checkin.Answer
	var asked []time.Time
	for di, day := range d.Days {
		obs := model.Observe(day.Windows, b, windowSize(d))
		fwd := h.Forward(obs)
		es := make([]model.Estimate, len(obs))
		for i, p := range fwd {
			es[i] = model.Estimate{Start: obs[i].Start, State: p.Argmax(), Probs: p}
			now := obs[i].Start.Add(windowSize(d))
			p, ok := checkin.Due(cfg, now, es[:i+1], asked)
			if !ok {
				continue
			}
			label, ok := reported(day, i, int(cfg.Covers/windowSize(d)), rng, noise)
			if !ok {
				continue
			}
			asked = append(asked, now)
			out = append(out, checkin.Answer{Covers: p.Covers, Focus: rating(label), Reason: p.Reason})
			if len(out) == n {
				return out, di
			}
		}
	}
	return out, len(d.Days) - 1
}

// reported is the person's noisy answer about the windows before i.
func reported(day Day, i, span int, rng *rand.Rand, noise float64) (model.State, bool) {
	var n [model.NumStates]int
	for j := max(0, i-span+1); j <= i; j++ {
		n[day.Truth[j]]++
	}
	best := model.State(-1)
	for s := model.Distracted; s < model.NumStates; s++ {
		if n[s] > 0 && (best < 0 || n[s] > n[best]) {
			best = s
		}
	}
	if best < 0 {
		return 0, false
	}
	switch u := rng.Float64(); {
	case u < noise/5:
		best = model.State(1 + rng.IntN(model.NumStates-1))
	case u < noise:
		if rng.IntN(2) == 0 {
			best--
		} else {
			best++
		}
		best = min(max(best, model.Distracted), model.DeepFocus)
	}
	return best, true
}

// rating is the focus rating a person gives for a state.
func rating(s model.State) int {
	return map[model.State]int{model.DeepFocus: 5, model.Focus: 4, model.Shallow: 3, model.Distracted: 2}[s]
}

// CalResult compares the day-one model with the personal one on the days
// after the last check-in (never seen in training), against the truth.
type CalResult struct {
	Persona    string       `json:"persona"`
	Seed       uint64       `json:"seed"`
	Labels     int          `json:"labels"`
	TrainDays  int          `json:"train_days"`
	Windows    int          `json:"test_windows"`
	Unsup      model.Scores `json:"unsupervised"`
	Calibrated model.Scores `json:"calibrated"`
}

// Calibrate simulates n noisy check-ins, trains the personal model on
// them and scores both models on the later days.
func Calibrate(d *Data, h model.HMM, n int, noise, lambda float64, seed uint64) CalResult {
	answers, last := Reports(d, h, n, noise, seed)
	b := model.FitBaseline(d.AllWindows())
	size := windowSize(d)
	var ex []model.Example
	for _, day := range d.Days[:last+1] {
		obs := model.Observe(day.Windows, b, size)
		fwd := h.Forward(obs)
		starts := make([]time.Time, len(obs))
		for i, o := range obs {
			starts[i] = o.Start
		}
		for _, l := range checkin.Labels(answers, starts, size) {
			ex = append(ex, model.Example{Probs: fwd[l.Window], Vector: obs[l.Window].Vector, State: l.State, Group: l.Answer})
		}
	}
	c := model.TrainCalibration(ex, lambda, len(answers))
	r := CalResult{Persona: d.Persona, Seed: d.Seed, Labels: len(answers), TrainDays: last + 1}
	var truth, pu, pc []model.State
	var probU, probC []model.Probs
	for _, day := range d.Days[last+1:] {
		obs := model.Observe(day.Windows, b, size)
		for i, p := range h.Forward(obs) {
			q := c.Apply(p, obs[i].Vector)
			probU, probC = append(probU, p), append(probC, q)
			pu, pc = append(pu, p.Argmax()), append(pc, q.Argmax())
		}
		truth = append(truth, day.Truth...)
	}
	r.Windows = len(truth)
	r.Unsup, r.Calibrated = model.Evaluate(truth, pu, probU), model.Evaluate(truth, pc, probC)
	return r
}

// LabelEval is what `attnflow model eval` reports for a simulated person
// who answered n noisy check-ins: leave-one-day-out cross-validation on
// those check-ins (not on the truth), with the baselines.
func LabelEval(d *Data, h model.HMM, n int, noise float64, seed uint64) (model.CVResult, error) {
	answers, last := Reports(d, h, n, noise, seed)
	days := ModelDays(d, answers, last)
	return model.CrossValidate(days, h, model.FitBaseline(d.AllWindows()), windowSize(d), model.DefaultLambda)
}

// ModelDays pairs the first last+1 days with the answers prompted in
// them.
func ModelDays(d *Data, answers []checkin.Answer, last int) []model.Day {
	var out []model.Day
	for _, day := range d.Days[:last+1] {
		md := model.Day{Windows: day.Windows}
		if len(day.Windows) > 0 {
			from, to := day.Windows[0].Start, day.Windows[len(day.Windows)-1].Start.Add(windowSize(d))
			for _, c := range checkin.CheckIns(answers) {
				if c.Covers.End.After(from) && !c.Covers.End.After(to) {
					md.CheckIns = append(md.CheckIns, c)
				}
			}
		}
		out = append(out, md)
	}
	return out
}
