package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/attnflow/attnflow"
)

// State is the hidden attention state of the simulated person.
type State int

// Attention states.
const (
	Away State = iota
	DeepFocus
	Focused
	Shallow
	Distracted
	Meeting
)

var stateNames = []string{"away", "deep_focus", "focus", "shallow", "distracted", "meeting"}

// String names the state.
func (s State) String() string { return stateNames[s] }

// Focus reports whether the state is a focus state.
func (s State) Focus() bool { return s == DeepFocus || s == Focused }

// Visit is one true stay on an app, with the state it happened in.
type Visit struct {
	Start, End time.Time
	App        App
	Title      string
	State      State
	// Focus marks visits that are focus work (the person's intention).
	Focus bool
}

// Options select what to generate.
type Options struct {
	// Start is the first local date (YYYY-MM-DD); Days how many days.
	Start string
	Days  int
	// Seed makes the output reproducible.
	Seed uint64
}

// Dataset is generated data in ActivityWatch form with its ground truth.
type Dataset struct {
	Persona Persona
	Range   attnflow.TimeRange
	Buckets []attnflow.Bucket
	// Events by bucket id, sorted by time.
	Events map[string][]attnflow.Event
	Truth  Truth
}

// Bucket ids of a generated host.
func WindowBucket(host string) string { return "aw-watcher-window_" + host }

// AFKBucket is the AFK watcher's bucket id.
func AFKBucket(host string) string { return "aw-watcher-afk_" + host }

// WebBucket is the browser extension's bucket id.
func WebBucket(host string) string { return "aw-watcher-web-firefox_" + host }

// EditorBucket is the editor plugin's bucket id.
func EditorBucket(host string) string { return "aw-watcher-vscode_" + host }

// InputBucket is the input watcher's bucket id.
func InputBucket(host string) string { return "aw-watcher-input_" + host }

// Generate simulates the persona over the requested days.
func Generate(p Persona, opt Options) (*Dataset, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	loc, _ := loadLocation(p.Timezone)
	first, err := time.ParseInLocation("2006-01-02", opt.Start, loc)
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "start %q is not YYYY-MM-DD", opt.Start)
	}
	if opt.Days < 1 || opt.Days > 3700 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "days %d is outside 1..3700", opt.Days)
	}
	ds := &Dataset{Persona: p, Events: map[string][]attnflow.Event{}}
	ds.Range = attnflow.TimeRange{Start: first.UTC(), End: first.AddDate(0, 0, opt.Days).UTC()}
	var visits []Visit
	for i := 0; i < opt.Days; i++ {
		day := first.AddDate(0, 0, i)
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(i)*0x9E3779B97F4A7C15+1))
		g := &gen{p: &p, rng: rng, loc: loc}
		visits = append(visits, g.day(day)...)
	}
	w := newWatchers(p, opt.Seed)
	w.emit(visits, ds.Range)
	ds.Buckets, ds.Events = w.buckets(ds.Range.Start), w.events
	ds.Truth = computeTruth(p, visits, ds.Range, loc)
	return ds, nil
}

// gen generates one day.
type gen struct {
	p      *Persona
	rng    *rand.Rand
	loc    *time.Location
	out    []Visit
	prev   string        // last app visited
	worked time.Duration // continuous work since the last break (fatigue)
}

type appointment struct {
	start, end time.Time
	kind       State // Away (lunch), Meeting
	app        App
	focus      bool
}

func (g *gen) day(day time.Time) []Visit {
	p := g.p
	if !slices.Contains(p.Workdays, int(day.Weekday())) {
		return nil
	}
	at := func(clock string, jitterMin float64) time.Time {
		return day.Add(mustClock(clock)).Add(time.Duration(g.rng.NormFloat64() * jitterMin * float64(time.Minute)))
	}
	start, end := at(p.DayStart, p.JitterMin), at(p.DayEnd, p.JitterMin)
	apps := g.appointments(day, start, end, at)
	t := start
	for t.Before(end) {
		if len(apps) > 0 && !apps[0].start.After(t) {
			a := apps[0]
			apps = apps[1:]
			if a.end.After(t) {
				g.appointment(maxT(a.start, t), a)
				t = maxT(t, a.end)
			}
			continue
		}
		limit := end
		if len(apps) > 0 && apps[0].start.Before(limit) {
			limit = apps[0].start
		}
		t = g.block(t, limit)
		if g.rng.Float64() < p.BreakProb && t.Before(end) {
			g.worked = 0
			t = t.Add(g.logn(p.BreakMin*60, 0.5, 180))
		}
	}
	return g.out
}

// appointments places lunch, meetings and fixed events, sorted and
// without overlaps.
func (g *gen) appointments(day, start, end time.Time, at func(string, float64) time.Time) []appointment {
	p := g.p
	var out []appointment
	if p.LunchMin > 0 {
		ls := at(p.LunchStart, p.JitterMin/2)
		out = append(out, appointment{start: ls, end: ls.Add(g.logn(p.LunchMin*60, 0.2, 300)), kind: Away})
	}
	for _, f := range p.Fixed {
		if f.Weekday == int(day.Weekday()) {
			s := day.Add(mustClock(f.Start))
			kind := Meeting
			out = append(out, appointment{start: s, end: s.Add(time.Duration(f.Minutes * float64(time.Minute))), kind: kind, app: f.App, focus: f.Focus})
		}
	}
	n := poisson(g.rng, p.MeetingsPerDay)
	for i := 0; i < n && len(p.Apps.Meeting) > 0; i++ {
		span := end.Sub(start) - time.Hour
		if span <= 0 {
			break
		}
		s := start.Add(time.Duration(g.rng.Float64() * float64(span))).Truncate(15 * time.Minute)
		out = append(out, appointment{start: s, end: s.Add(g.logn(p.MeetingMin*60, 0.3, 600)), kind: Meeting, app: g.pick(p.Apps.Meeting)})
	}
	slices.SortFunc(out, func(a, b appointment) int { return a.start.Compare(b.start) })
	kept := out[:0]
	for _, a := range out {
		if len(kept) > 0 && a.start.Before(kept[len(kept)-1].end) {
			continue
		}
		kept = append(kept, a)
	}
	return kept
}

func (g *gen) appointment(start time.Time, a appointment) {
	if a.kind == Away {
		g.worked = 0
		return
	}
	state := Meeting
	if a.focus {
		state = Focused
	}
	g.visit(start, a.end, a.app, state, a.focus)
}

// block runs one block from t and returns when it ended (it may overrun
// limit by an interruption in progress).
func (g *gen) block(t, limit time.Time) time.Time {
	p := g.p
	lt := t.In(g.loc)
	pf := p.FocusByHour[lt.Hour()] * p.WeekdayFactor[lt.Weekday()]
	u := g.rng.Float64()
	switch {
	case u < pf:
		end := minT(limit, t.Add(g.logn(p.FocusBlockMin*60, 0.5, 300)))
		return g.focusBlock(t, end)
	case g.rng.Float64() < p.DistractedShare:
		end := minT(limit, t.Add(g.logn(p.DistractedBlockMin*60, 0.5, 60)))
		return g.browse(t, end, p.Apps.Distraction, p.Apps.Shallow, Distracted, 2.5, 0.2)
	default:
		end := minT(limit, t.Add(g.logn(p.ShallowBlockMin*60, 0.5, 60)))
		return g.browse(t, end, p.Apps.Shallow, p.Apps.Distraction, Shallow, 1, 0.1)
	}
}

// focusBlock alternates focus apps, with notifications as a Poisson
// process. The state is deep focus after 10 min without interruption.
func (g *gen) focusBlock(t, end time.Time) time.Time {
	p := g.p
	calm := t // since the last interruption
	next := t.Add(g.exp(p.InterruptionsPerHour / 3600))
	for t.Before(end) {
		fatigue := 1 - 0.3*math.Min(1, g.worked.Hours()/3)
		stop := minT(end, t.Add(g.logn(p.FocusDwellSec*fatigue, p.DwellSigma, 2)))
		state := Focused
		if t.Sub(calm) >= 10*time.Minute {
			state = DeepFocus
		}
		app := g.pickOther(p.Apps.Focus)
		if next.Before(stop) {
			g.visit(t, next, app, state, true)
			t = g.interruption(next)
			calm = t
			next = t.Add(g.exp(p.InterruptionsPerHour / 3600))
			continue
		}
		g.visit(t, stop, app, state, true)
		t = stop
	}
	return t
}

// interruption handles a notification at t: the chat or mail visit, maybe
// a drift into a distraction, then a resumption lag.
func (g *gen) interruption(t time.Time) time.Time {
	p := g.p
	u := t.Add(g.logn(p.HandleSec, 0.8, 3))
	g.visit(t, u, g.pickOther(p.Apps.Shallow), Shallow, false)
	t = u
	if g.rng.Float64() < p.DriftProb {
		u = t.Add(g.logn(p.DriftMin*60, 1.0, 10))
		g.visit(t, u, g.pickOther(p.Apps.Distraction), Distracted, false)
		t = u
	}
	if p.ResumeLagSec > 0 && len(p.Apps.Resume) > 0 && g.rng.Float64() < 0.5 {
		u = t.Add(g.logn(p.ResumeLagSec, 0.7, 2))
		g.visit(t, u, g.pickOther(p.Apps.Resume), Shallow, false)
		t = u
	}
	return t
}

// browse visits apps from main (and now and then from other) until end.
func (g *gen) browse(t, end time.Time, main, other []App, state State, dwellScale, otherProb float64) time.Time {
	for t.Before(end) {
		set, st := main, state
		if g.rng.Float64() < otherProb {
			set = other
			st = Shallow + Distracted - state // the other of the two
		}
		stop := minT(end, t.Add(g.logn(g.p.ShallowDwellSec*dwellScale, g.p.DwellSigma, 2)))
		g.visit(t, stop, g.pickOther(set), st, false)
		t = stop
	}
	return t
}

func (g *gen) visit(a, b time.Time, app App, st State, focus bool) {
	a, b = a.Truncate(time.Second), b.Truncate(time.Second)
	if !b.After(a) {
		return
	}
	title := app.App
	if len(app.Titles) > 0 {
		title = app.Titles[g.rng.IntN(len(app.Titles))]
	}
	g.out = append(g.out, Visit{Start: a, End: b, App: app, Title: title, State: st, Focus: focus})
	g.prev = app.App
	g.worked += b.Sub(a)
}

// pickOther picks a weighted app different from the previous one.
func (g *gen) pickOther(apps []App) App {
	for range 20 {
		if a := g.pick(apps); a.App != g.prev {
			return a
		}
	}
	return g.pick(apps)
}

func (g *gen) pick(apps []App) App {
	total := 0.0
	for _, a := range apps {
		total += weight(a)
	}
	u := g.rng.Float64() * total
	for _, a := range apps {
		if u -= weight(a); u < 0 {
			return a
		}
	}
	return apps[len(apps)-1]
}

func weight(a App) float64 {
	if a.Weight <= 0 {
		return 1
	}
	return a.Weight
}

// logn draws a log-normal duration with the given median (seconds) and
// sigma, at least minSec seconds.
func (g *gen) logn(medianSec, sigma, minSec float64) time.Duration {
	s := medianSec * math.Exp(sigma*g.rng.NormFloat64())
	return time.Duration(math.Max(s, minSec) * float64(time.Second))
}

// exp draws an exponential waiting time for a rate per second (0: never).
func (g *gen) exp(rate float64) time.Duration {
	if rate <= 0 {
		return 1 << 62
	}
	return time.Duration(g.rng.ExpFloat64() / rate * float64(time.Second))
}

func poisson(rng *rand.Rand, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func minT(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxT(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
