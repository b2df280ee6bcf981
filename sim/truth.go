package sim

import (
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// Truth is what really happened in the simulation.
type Truth struct {
	// Visits are the true app visits, in order (away time between them).
	Visits []Visit
	// Minutes holds the majority state of every minute of the range.
	Minutes []State
	// Sessions are the true focus sessions: the PRODUCT.md definition
	// (≥ 25 min, ≥ 80% focus, ended by > 5 min off focus or away) applied
	// to the true visits and their intended focus.
	Sessions []attnflow.TimeRange
	// Dwells are the true times on one app (runs of visits to the same app
	// less than 3 min apart), in seconds; Switches the true app changes
	// between runs less than 3 min apart.
	Dwells   []float64
	Switches int
	// ActiveSec is the true time at the computer.
	ActiveSec float64
	// FocusByHour is the realised share of active time in focus states per
	// local hour of day (NaN-free: 0 when never active).
	FocusByHour [24]float64
	// PeakHours are the three hours of day with the highest realised
	// focus share among hours with at least 5 active hours over the range,
	// best first (fixed focus events such as lectures count).
	PeakHours []int
	// PropensityPeaks are the persona's three best hours by its focus
	// propensity parameter, best first.
	PropensityPeaks []int
}

const breakMin = 3 * time.Minute

func computeTruth(p Persona, visits []Visit, r attnflow.TimeRange, loc *time.Location) Truth {
	t := Truth{Visits: visits}
	t.Minutes = minuteStates(visits, r)
	t.Sessions = trueSessions(visits)
	var act, foc [24]float64
	for i, v := range visits {
		t.ActiveSec += v.End.Sub(v.Start).Seconds()
		for a := v.Start; a.Before(v.End); {
			b := minT(v.End, a.Truncate(time.Hour).Add(time.Hour))
			h := a.In(loc).Hour()
			act[h] += b.Sub(a).Seconds()
			if v.State.Focus() {
				foc[h] += b.Sub(a).Seconds()
			}
			a = b
		}
		if i == 0 || v.Start.Sub(visits[i-1].End) >= breakMin || v.App.App != visits[i-1].App.App {
			if i > 0 && v.Start.Sub(visits[i-1].End) < breakMin {
				t.Switches++
			}
			t.Dwells = append(t.Dwells, 0)
		}
		// The dwell runs from the run's first start to its last end.
		if len(t.Dwells) > 0 {
			t.Dwells[len(t.Dwells)-1] = v.End.Sub(runStart(visits, i)).Seconds()
		}
	}
	for h := range act {
		if act[h] > 0 {
			t.FocusByHour[h] = foc[h] / act[h]
		}
	}
	var hours, observed []int
	for h := range 24 {
		hours = append(hours, h)
		if act[h] >= 5*3600 {
			observed = append(observed, h)
		}
	}
	sort.SliceStable(hours, func(i, j int) bool { return p.FocusByHour[hours[i]] > p.FocusByHour[hours[j]] })
	t.PropensityPeaks = hours[:3]
	sort.SliceStable(observed, func(i, j int) bool { return t.FocusByHour[observed[i]] > t.FocusByHour[observed[j]] })
	t.PeakHours = observed[:min(3, len(observed))]
	return t
}

// runStart finds the start of the run containing visit i.
func runStart(visits []Visit, i int) time.Time {
	for i > 0 && visits[i].App.App == visits[i-1].App.App && visits[i].Start.Sub(visits[i-1].End) < breakMin {
		i--
	}
	return visits[i].Start
}

func minuteStates(visits []Visit, r attnflow.TimeRange) []State {
	n := int(r.End.Sub(r.Start) / time.Minute)
	secs := make([][6]float64, n)
	for _, v := range visits {
		for t := v.Start; t.Before(v.End); {
			i := int(t.Sub(r.Start) / time.Minute)
			next := minT(v.End, r.Start.Add(time.Duration(i+1)*time.Minute))
			if i >= 0 && i < n {
				secs[i][v.State] += next.Sub(t).Seconds()
			}
			t = next
		}
	}
	out := make([]State, n)
	for i, s := range secs {
		best, bs := Away, 60.0-(s[1]+s[2]+s[3]+s[4]+s[5])
		for st := DeepFocus; st <= Meeting; st++ {
			if s[st] > bs {
				best, bs = st, s[st]
			}
		}
		out[i] = best
	}
	return out
}

// trueSessions applies the focus-session definition to the true visits.
func trueSessions(visits []Visit) []attnflow.TimeRange {
	const maxOff, minLen, minShare = 5 * time.Minute, 25 * time.Minute, 0.8
	var out []attnflow.TimeRange
	open := false
	var start, lastFocus time.Time
	var focus, off, pending time.Duration
	closeSession := func() {
		if open && lastFocus.Sub(start) >= minLen && focus.Seconds()/(focus+off).Seconds() >= minShare {
			out = append(out, attnflow.TimeRange{Start: start, End: lastFocus})
		}
		open = false
	}
	for _, v := range visits {
		if open && v.Start.Sub(lastFocus) > maxOff {
			closeSession()
		}
		if !v.Focus {
			if open {
				pending += minT(v.End, lastFocus.Add(maxOff)).Sub(v.Start)
				if v.End.Sub(lastFocus) > maxOff {
					closeSession()
				}
			}
			continue
		}
		if !open {
			open, start, focus, off, pending = true, v.Start, 0, 0, 0
		}
		off += pending
		pending = 0
		focus += v.End.Sub(v.Start)
		lastFocus = v.End
	}
	closeSession()
	return out
}
