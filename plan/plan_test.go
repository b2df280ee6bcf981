package plan

import (
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// monday is the first day of the test week: Monday 30 Nov 2026, Berlin.
func monday(t *testing.T) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 11, 30, 0, 0, 0, 0, loc)
}

// dayProblem is one working day (9–17, lunch 12–13) with the peak persona.
func dayProblem(t *testing.T, tasks ...Task) Problem {
	t.Helper()
	d := monday(t)
	return Problem{Now: d, From: d, To: d.AddDate(0, 0, 1), Work: OfficeHours(),
		Lunch: Window{12 * time.Hour, 13 * time.Hour}, Capacity: PeakCapacity(), Tasks: tasks}
}

func at(t *testing.T, day, h, m int) time.Time {
	t.Helper()
	return monday(t).AddDate(0, 0, day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

func solve(t *testing.T, p Problem) *Plan {
	t.Helper()
	pl, err := Solve(p)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if err := Check(p, pl); err != nil {
		t.Fatalf("Solve's plan breaks the rules:\n%v", err)
	}
	return pl
}

func blocksOf(pl *Plan, id string) []Block {
	var out []Block
	for _, b := range pl.Blocks {
		if b.TaskID == id {
			out = append(out, b)
		}
	}
	return out
}

func planned(pl *Plan, id string) time.Duration {
	var d time.Duration
	for _, b := range blocksOf(pl, id) {
		d += b.End.Sub(b.Start)
	}
	return d
}

func TestDeepWorkInPeakShallowInDip(t *testing.T) {
	p := dayProblem(t,
		Task{ID: "deep", Title: "write report", Estimate: 90 * time.Minute, Kind: KindDeep, Priority: 1},
		Task{ID: "mail", Title: "answer mail", Estimate: 60 * time.Minute, Kind: KindAdmin, Priority: 3},
	)
	pl := solve(t, p)
	deep := blocksOf(pl, "deep")
	if len(deep) != 1 || deep[0].Start.Hour() < 9 || deep[0].End.After(at(t, 0, 11, 0)) {
		t.Errorf("deep work at %v, want one block inside the 9–11 peak", deep)
	}
	for _, b := range blocksOf(pl, "mail") {
		if h := b.Start.Hour(); h < 13 || h >= 15 {
			t.Errorf("admin block at %s, want it in the 13–15 dip", span(b))
		}
	}
	if !strings.Contains(deep[0].Reason, "peak hours (capacity 0.82 ± 0.07)") || !strings.Contains(deep[0].Reason, "P1") {
		t.Errorf("deep reason = %q, want peak hours, capacity and priority", deep[0].Reason)
	}
	if !strings.Contains(blocksOf(pl, "mail")[0].Reason, "low-capacity") {
		t.Errorf("admin reason = %q, want it to say low-capacity", blocksOf(pl, "mail")[0].Reason)
	}
}

func TestConstraintsHold(t *testing.T) {
	tests := []struct {
		name  string
		tasks []Task
		busy  []Busy
		pol   Policy
		check func(t *testing.T, pl *Plan)
	}{
		{
			name:  "max chunk splits long work",
			tasks: []Task{{ID: "a", Title: "a", Estimate: 3 * time.Hour, Kind: KindDeep}},
			pol:   Policy{MaxChunk: time.Hour, FocusSessions: 85 * time.Minute},
			check: func(t *testing.T, pl *Plan) {
				for _, b := range blocksOf(pl, "a") {
					if b.End.Sub(b.Start) > time.Hour {
						t.Errorf("block %s longer than 1h", span(b))
					}
				}
				if r := blocksOf(pl, "a")[0].Reason; !strings.Contains(r, "part 1 of 3") || !strings.Contains(r, "average 1h25m") {
					t.Errorf("reason %q does not explain the split", r)
				}
			},
		},
		{
			name:  "min chunk refuses crumbs",
			tasks: []Task{{ID: "a", Title: "a", Estimate: time.Hour, Kind: KindShallow, MinChunk: time.Hour}},
			busy:  []Busy{{Start: at(t, 0, 9, 30), End: at(t, 0, 10, 0)}, {Start: at(t, 0, 10, 30), End: at(t, 0, 17, 0)}},
			check: func(t *testing.T, pl *Plan) {
				if len(pl.AtRisk) != 1 || pl.AtRisk[0].Missing != time.Hour {
					t.Errorf("AtRisk = %+v, want the whole hour missing (only 30-min gaps)", pl.AtRisk)
				}
			},
		},
		{
			name:  "deadline respected and risk measured",
			tasks: []Task{{ID: "a", Title: "a", Estimate: 3 * time.Hour, Deadline: at(t, 0, 11, 0), Kind: KindDeep}},
			check: func(t *testing.T, pl *Plan) {
				// 9:00–11:00 holds 90 min of focus, a 15-min break, and 15 min
				// that is below the 30-min minimum chunk.
				if got := planned(pl, "a"); got != 90*time.Minute {
					t.Errorf("planned %s before 11:00, want 1h30m", got)
				}
				if len(pl.AtRisk) != 1 || pl.AtRisk[0].Missing != 90*time.Minute {
					t.Errorf("AtRisk = %+v, want 1h30m missing", pl.AtRisk)
				}
			},
		},
		{
			name:  "earliest start respected",
			tasks: []Task{{ID: "a", Title: "a", Estimate: time.Hour, Earliest: at(t, 0, 15, 0), Kind: KindDeep}},
			check: func(t *testing.T, pl *Plan) {
				if b := blocksOf(pl, "a"); len(b) == 0 || b[0].Start.Before(at(t, 0, 15, 0)) {
					t.Errorf("blocks %v, want a start at or after 15:00", b)
				}
			},
		},
		{
			name: "dependency order",
			tasks: []Task{
				{ID: "b", Title: "b", Estimate: time.Hour, Kind: KindDeep, After: []string{"a"}, Priority: 1},
				{ID: "a", Title: "a", Estimate: time.Hour, Kind: KindShallow, Priority: 4},
			},
			check: func(t *testing.T, pl *Plan) {
				a, b := blocksOf(pl, "a"), blocksOf(pl, "b")
				if len(a) == 0 || len(b) == 0 || b[0].Start.Before(a[len(a)-1].End) {
					t.Errorf("a %v, b %v: want b after a", a, b)
				}
				if !strings.Contains(b[0].Reason, `after "a"`) {
					t.Errorf("reason %q does not name the dependency", b[0].Reason)
				}
			},
		},
		{
			name: "daily deep cap",
			tasks: []Task{
				{ID: "a", Title: "a", Estimate: 3 * time.Hour, Kind: KindDeep},
				{ID: "b", Title: "b", Estimate: 3 * time.Hour, Kind: KindDeep},
			},
			pol: Policy{DailyDeepCap: 4 * time.Hour},
			check: func(t *testing.T, pl *Plan) {
				if got := planned(pl, "a") + planned(pl, "b"); got != 4*time.Hour {
					t.Errorf("deep work planned %s, want the 4h cap", got)
				}
			},
		},
		{
			name:  "break after sustained focus",
			tasks: []Task{{ID: "a", Title: "a", Estimate: 6 * time.Hour, Kind: KindShallow, MaxChunk: 4 * time.Hour}},
			pol:   Policy{FocusSpan: time.Hour, Break: 30 * time.Minute, MaxChunk: 4 * time.Hour},
			check: func(t *testing.T, pl *Plan) {
				for _, b := range blocksOf(pl, "a") {
					if b.End.Sub(b.Start) > time.Hour {
						t.Errorf("block %s: longer than the 1h focus span", span(b))
					}
				}
			},
		},
		{
			name:  "busy time avoided",
			tasks: []Task{{ID: "a", Title: "a", Estimate: 5 * time.Hour, Kind: KindShallow}},
			busy:  []Busy{{Start: at(t, 0, 10, 0), End: at(t, 0, 11, 0)}},
			check: func(t *testing.T, pl *Plan) {
				for _, b := range blocksOf(pl, "a") {
					if b.Start.Before(at(t, 0, 11, 0)) && b.End.After(at(t, 0, 10, 0)) {
						t.Errorf("block %s overlaps the 10–11 meeting", span(b))
					}
				}
			},
		},
		{
			name:  "planning fallacy correction",
			tasks: []Task{{ID: "a", Title: "a", Estimate: time.Hour, Kind: KindDeep}},
			pol:   Policy{Ratio: map[Kind]float64{KindDeep: 1.5}},
			check: func(t *testing.T, pl *Plan) {
				if got := planned(pl, "a"); got != 90*time.Minute {
					t.Errorf("planned %s, want 1h × 1.5 = 1h30m", got)
				}
				if len(pl.Notes) != 1 || !strings.Contains(pl.Notes[0], "× 1.50") {
					t.Errorf("Notes = %q, want the correction explained", pl.Notes)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dayProblem(t, tt.tasks...)
			p.Busy, p.Policy = tt.busy, tt.pol
			tt.check(t, solve(t, p))
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name    string
		tasks   []Task
		wantMsg string
	}{
		{"cycle", []Task{{ID: "a", Title: "a", Estimate: time.Hour, After: []string{"b"}}, {ID: "b", Title: "b", Estimate: time.Hour, After: []string{"a"}}}, "circular dependency"},
		{"unknown dependency", []Task{{ID: "a", Title: "a", Estimate: time.Hour, After: []string{"zzz"}}}, `waits for "zzz"`},
		{"negative estimate", []Task{{ID: "a", Title: "a", Estimate: -time.Hour}}, "negative estimate"},
		{"duplicate id", []Task{{ID: "a", Title: "a"}, {ID: "a", Title: "b"}}, "two tasks have the ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Solve(dayProblem(t, tt.tasks...))
			if attnflow.ErrorCode(err) != attnflow.EINVALID || !strings.Contains(attnflow.ErrorMessage(err), tt.wantMsg) {
				t.Errorf("err = %v, want EINVALID containing %q", err, tt.wantMsg)
			}
		})
	}
}

func TestInfeasibleIsPartialNotError(t *testing.T) {
	p := dayProblem(t,
		Task{ID: "late", Title: "late", Estimate: time.Hour, Deadline: monday(t).Add(-time.Hour)},
		Task{ID: "big", Title: "big", Estimate: 12 * time.Hour, Kind: KindShallow},
		Task{ID: "child", Title: "child", Estimate: time.Hour, After: []string{"big"}},
	)
	pl := solve(t, p)
	reasons := map[string]Risk{}
	for _, r := range pl.AtRisk {
		reasons[r.TaskID] = r
	}
	if r := reasons["late"]; !strings.Contains(r.Reason, "has passed") || r.Missing != time.Hour {
		t.Errorf("late: %+v, want a passed deadline with 1h missing", r)
	}
	if r := reasons["big"]; r.Missing <= 0 || !strings.Contains(r.Reason, "free time") {
		t.Errorf("big: %+v, want missing work and a free-time reason", r)
	}
	if r := reasons["child"]; !strings.Contains(r.Reason, "waits for") {
		t.Errorf("child: %+v, want it blocked by its dependency", r)
	}
}

func TestDeterministic(t *testing.T) {
	p := Generate(GenerateOptions{Seed: 7, Tasks: 20, Days: 3})
	a, b := solve(t, p), solve(t, p)
	if len(a.Blocks) != len(b.Blocks) || a.Objective != b.Objective {
		t.Fatalf("two runs differ: %d blocks %.3f vs %d blocks %.3f", len(a.Blocks), a.Objective, len(b.Blocks), b.Objective)
	}
	for i := range a.Blocks {
		if a.Blocks[i] != b.Blocks[i] {
			t.Errorf("block %d differs: %+v vs %+v", i, a.Blocks[i], b.Blocks[i])
		}
	}
}

func TestEdgeCases(t *testing.T) {
	t.Run("no tasks", func(t *testing.T) {
		pl := solve(t, dayProblem(t))
		if len(pl.Blocks) != 0 || pl.Objective != 0 || pl.Gap != 0 {
			t.Errorf("plan %+v, want empty", pl)
		}
	})
	t.Run("no free time", func(t *testing.T) {
		p := dayProblem(t, Task{ID: "a", Title: "a", Estimate: time.Hour})
		p.Busy = []Busy{{Start: at(t, 0, 0, 0), End: at(t, 1, 0, 0)}}
		pl := solve(t, p)
		if len(pl.AtRisk) != 1 || pl.AtRisk[0].Missing != time.Hour {
			t.Errorf("AtRisk %+v, want the hour missing", pl.AtRisk)
		}
	})
	t.Run("empty horizon", func(t *testing.T) {
		p := dayProblem(t)
		p.To = p.From
		if _, err := Solve(p); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("err %v, want EINVALID", err)
		}
	})
	t.Run("capacity out of range", func(t *testing.T) {
		p := dayProblem(t)
		p.Capacity.Mean[3] = 1.5
		if _, err := Solve(p); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("err %v, want EINVALID", err)
		}
	})
	t.Run("generated horizon", func(t *testing.T) {
		p := Generate(GenerateOptions{Seed: 1, Tasks: 1, Days: 5})
		if want := p.From.AddDate(0, 0, 5); !p.To.Equal(want) {
			t.Errorf("five working days from Monday end %v, want %v", p.To, want)
		}
	})
}

// TestBoundHoldsInOddZones plans in a zone whose offset is not a whole
// hour: the bound must still hold.
func TestBoundHoldsInOddZones(t *testing.T) {
	for _, zone := range []string{"Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		p := Generate(GenerateOptions{Seed: 3, Tasks: 15, Days: 3, Loc: loc})
		pl := solve(t, p)
		if pl.Objective > pl.UpperBound+1e-6 {
			t.Errorf("%s: objective %.3f above the bound %.3f", zone, pl.Objective, pl.UpperBound)
		}
	}
}
