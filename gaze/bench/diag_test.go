package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/attnflow/attnflow/gaze"
)

func TestDiag(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	recs, err := Load(os.DirFS("/work/shared/data/gaze-andersson2017"))
	if err != nil {
		t.Fatal(err)
	}
	p := gaze.DefaultParams()
	if js := os.Getenv("P"); js != "" {
		json.Unmarshal([]byte(js), &p)
	}
	d := gaze.Adaptive{P: p}
	conf := map[string]*[6][6]int{}
	s := gaze.Scores{}
	for _, r := range recs {
		l := d.Classify(r.Samples, Geometry())
		gaze.ScoreVsCoders(s, r.Coded, l)
		c := conf[r.Stimulus]
		if c == nil {
			c = &[6][6]int{}
			conf[r.Stimulus] = c
		}
		for i := range l {
			c[r.MN[i]][l[i]]++
			c[r.RA[i]][l[i]]++
		}
	}
	for _, st := range gaze.Stimuli() {
		fmt.Println(st, "rows=coder cols=ours: und fix sac pso pur blk")
		for i, row := range conf[st] {
			fmt.Println(gaze.Label(i), row)
		}
		for _, ev := range gaze.ScoredEvents() {
			fmt.Printf("%s %.3f  ", ev, s.Kappa(st, ev))
		}
		fmt.Println()
	}
	fmt.Printf("objective %.4f\n", gaze.Objective(s))
}

func TestDiagRec(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	recs, _ := Load(os.DirFS("/work/shared/data/gaze-andersson2017"))
	p := gaze.DefaultParams()
	if js := os.Getenv("P"); js != "" {
		json.Unmarshal([]byte(js), &p)
	}
	d := gaze.Adaptive{P: p}
	for _, r := range recs {
		l := d.Classify(r.Samples, Geometry())
		s := gaze.Scores{}
		gaze.ScoreVsCoders(s, r.Coded, l)
		ivt := gaze.Scores{}
		gaze.ScoreVsCoders(ivt, r.Coded, r.Published["LNS"])
		fmt.Printf("%-28s", r.Name)
		for _, ev := range gaze.ScoredEvents() {
			fmt.Printf(" %s %.2f(%.2f)", ev, s.Kappa(r.Stimulus, ev), ivt.Kappa(r.Stimulus, ev))
		}
		fmt.Println()
	}
}

func TestDiagBest(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	recs, _ := Load(os.DirFS("/work/shared/data/gaze-andersson2017"))
	g := Grid()
	i, o := BestOnAll(recs, g)
	fmt.Printf("best %d obj %.4f %+v\n", i, o, g[i])
	res := CrossValidate(recs, g)
	fmt.Printf("cv obj %.4f chosen %v\n", gaze.Objective(res.Scores), res.Chosen)
}
