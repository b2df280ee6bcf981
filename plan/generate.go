package plan

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// GenerateOptions shape a generated planning instance.
type GenerateOptions struct {
	Seed  uint64
	Tasks int
	Days  int     // working days from Monday 30 Nov 2026
	Load  float64 // work as a share of free time; default 0.8
	Loc   *time.Location
}

// PeakCapacity is a persona's focus-capacity curve: a morning peak
// (9–11), a post-lunch dip, a modest late afternoon, low evenings and
// weekends. Uncertainty is larger away from well-observed office hours.
func PeakCapacity() Capacity {
	var c Capacity
	for d := 0; d < 7; d++ {
		for h := 0; h < 24; h++ {
			m := 0.15
			switch {
			case h >= 9 && h < 11:
				m = 0.82
			case h == 8 || h == 11:
				m = 0.66
			case h == 12:
				m = 0.45
			case h == 13 || h == 14:
				m = 0.32
			case h >= 15 && h < 17:
				m = 0.55
			case h >= 17 && h < 19:
				m = 0.35
			}
			if d >= 5 {
				m *= 0.6
			}
			c.Mean[d*24+h] = m
			c.SD[d*24+h] = 0.05 + 0.1*(1-m)
		}
	}
	return c
}

// Generate builds a random but reproducible planning instance: office
// hours with lunch, a few meetings a day, and tasks of every kind with
// estimates, deadlines, priorities, earliest starts and dependencies.
func Generate(o GenerateOptions) Problem {
	if o.Load <= 0 {
		o.Load = 0.8
	}
	if o.Loc == nil {
		o.Loc = time.UTC
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	from := time.Date(2026, 11, 30, 0, 0, 0, 0, o.Loc)
	to := addWorkdays(from, o.Days)
	p := Problem{Now: from, From: from, To: to, Work: OfficeHours(),
		Lunch: Window{12 * time.Hour, 13 * time.Hour}, Capacity: jitter(PeakCapacity(), rng)}
	p.Policy = Policy{Ratio: map[Kind]float64{KindDeep: 1.3, KindShallow: 1.1, KindAdmin: 1.0, KindLearning: 1.2},
		FocusSessions: 85 * time.Minute}
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		for k := rng.IntN(4); k > 0; k-- {
			start := d.Add(time.Duration(9*4+rng.IntN(7*4)) * 15 * time.Minute)
			p.Busy = append(p.Busy, Busy{Start: start, End: start.Add(time.Duration(2+rng.IntN(3)) * 15 * time.Minute), Title: "meeting"})
		}
	}
	budget := o.Load * float64(o.Days) * 6 * float64(time.Hour) // ~6 free hours a day
	p.Tasks = genTasks(rng, o.Tasks, from, to, time.Duration(budget))
	return p
}

// addWorkdays returns the midnight after the n-th working day from from
// (from itself counts when it is a weekday).
func addWorkdays(from time.Time, n int) time.Time {
	d := from
	for n > 0 {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n--
		}
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func jitter(c Capacity, rng *rand.Rand) Capacity {
	for h := range c.Mean {
		c.Mean[h] = math.Min(1, math.Max(0, c.Mean[h]+(rng.Float64()-0.5)*0.1))
	}
	return c
}

func genTasks(rng *rand.Rand, n int, from, to time.Time, budget time.Duration) []Task {
	kinds := []Kind{KindDeep, KindDeep, KindShallow, KindAdmin, KindLearning}
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.5 + rng.Float64()
		sum += weights[i]
	}
	span := to.Sub(from)
	tasks := make([]Task, n)
	for i := range tasks {
		t := Task{ID: fmt.Sprintf("t%03d", i), Kind: kinds[rng.IntN(len(kinds))], Priority: 1 + rng.IntN(4)}
		t.Title = fmt.Sprintf("%s task %d", t.Kind, i)
		est := time.Duration(weights[i] / sum * float64(budget) / 1.2)
		t.Estimate = max(15*time.Minute, est.Round(15*time.Minute))
		if rng.Float64() < 0.7 {
			t.Deadline = from.Add(time.Duration((0.3 + 0.7*rng.Float64()) * float64(span))).Truncate(time.Hour)
		}
		if rng.Float64() < 0.15 {
			t.Earliest = from.Add(time.Duration(0.3 * rng.Float64() * float64(span))).Truncate(time.Hour)
		}
		if i > 0 && rng.Float64() < 0.1 {
			t.After = []string{fmt.Sprintf("t%03d", rng.IntN(i))}
		}
		tasks[i] = t
	}
	return tasks
}
