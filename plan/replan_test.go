package plan

import (
	"testing"
	"time"
)

func TestReplan(t *testing.T) {
	report := Task{ID: "r", Title: "report", Estimate: 3 * time.Hour, Kind: KindDeep, Priority: 1}
	mail := Task{ID: "m", Title: "mail", Estimate: time.Hour, Kind: KindAdmin}
	review := Task{ID: "v", Title: "review", Estimate: time.Hour, Kind: KindShallow}
	base := dayProblem(t, report, mail, review)
	pinned := Block{TaskID: "v", Title: "review", Kind: KindShallow, Start: at(t, 0, 16, 0), End: at(t, 0, 17, 0), Pinned: true}
	base.Pinned = []Block{pinned}
	first := solve(t, base)
	if got := planned(first, "v"); got != time.Hour {
		t.Fatalf("pinned review planned %s in total, want just its pinned hour", got)
	}
	// The first block of the report runs 9:00–10:30.
	if b := blocksOf(first, "r"); len(b) == 0 || !b[0].Start.Equal(at(t, 0, 9, 0)) {
		t.Fatalf("report blocks %v, want the first at 9:00", b)
	}

	t.Run("meeting ran over", func(t *testing.T) {
		p := base
		p.Pinned = nil
		p.Now = at(t, 0, 10, 0)
		p.Busy = []Busy{{Start: at(t, 0, 10, 0), End: at(t, 0, 11, 0), Title: "overrun"}}
		pl, err := Replan(first, p)
		if err != nil {
			t.Fatal(err)
		}
		var future, past time.Duration
		for _, b := range blocksOf(pl, "r") {
			if b.Start.Before(at(t, 0, 11, 0)) && b.End.After(at(t, 0, 10, 0)) {
				t.Errorf("report block %s overlaps the overrun", span(b))
			}
			if b.End.After(p.Now) {
				future += b.End.Sub(b.Start)
			} else {
				past += b.End.Sub(b.Start)
			}
		}
		if past != time.Hour {
			t.Errorf("history holds %s of the report, want the hour done 9–10", past)
		}
		if future+sum(pl.AtRisk, "r") != 2*time.Hour {
			t.Errorf("report: %s planned + %s at risk after 10:00, want the 2h left", future, sum(pl.AtRisk, "r"))
		}
		if b := blocksOf(pl, "v"); len(b) != 1 || b[0] != pinned {
			t.Errorf("review blocks %v, want the pinned block unchanged", b)
		}
	})

	t.Run("task finished early", func(t *testing.T) {
		p := base
		p.Pinned = nil
		p.Now = at(t, 0, 10, 0)
		p.Tasks = []Task{mail, review} // the report is done
		pl, err := Replan(first, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range blocksOf(pl, "r") {
			if b.End.After(p.Now) {
				t.Errorf("finished report still has block %s", span(b))
			}
		}
		if got := planned(pl, "m"); got != time.Hour {
			t.Errorf("mail planned %s, want 1h", got)
		}
	})

	t.Run("measured done time wins", func(t *testing.T) {
		p := base
		p.Pinned = nil
		p.Now = at(t, 0, 10, 30)
		p.Done = map[string]time.Duration{"r": 30 * time.Minute} // only half an hour was real focus
		pl, err := Replan(first, p)
		if err != nil {
			t.Fatal(err)
		}
		var future time.Duration
		for _, b := range blocksOf(pl, "r") {
			if b.End.After(p.Now) {
				future += b.End.Sub(b.Start)
			}
		}
		if future+sum(pl.AtRisk, "r") != 150*time.Minute {
			t.Errorf("report left %s (+%s at risk), want 3h − 30m measured = 2h30m", future, sum(pl.AtRisk, "r"))
		}
	})
}

func sum(rs []Risk, id string) time.Duration {
	var d time.Duration
	for _, r := range rs {
		if r.TaskID == id {
			d += r.Missing
		}
	}
	return d
}
