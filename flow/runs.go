package flow

import (
	"sort"
	"time"
)

// Run is an uninterrupted stretch on one app (a dwell): consecutive
// segments of the same app joined across gaps shorter than BreakMin.
type Run struct {
	Start, End time.Time
	App        string
	Category   string // the category with the most time in the run
	Score      float64
	Active     time.Duration // time actually in segments
}

// Dwell is the run's length, the unit of attention span.
func (r Run) Dwell() time.Duration { return r.End.Sub(r.Start) }

// Runs groups sorted segments into runs by app.
func Runs(segs []Segment, cfg Config) []Run {
	return groupRuns(segs, cfg.BreakMin, func(s Segment) string { return s.App })
}

// categoryRuns groups segments into runs by category.
func categoryRuns(segs []Segment, cfg Config) []Run {
	return groupRuns(segs, cfg.BreakMin, func(s Segment) string { return s.Category })
}

func groupRuns(segs []Segment, breakMin time.Duration, key func(Segment) string) []Run {
	var out []Run
	var catTime map[string]time.Duration
	flush := func() {
		if len(out) == 0 {
			return
		}
		r := &out[len(out)-1]
		var best time.Duration
		for c, d := range catTime {
			if d > best || (d == best && c < r.Category) {
				best, r.Category = d, c
			}
		}
	}
	scores := map[string]float64{}
	for _, s := range segs {
		scores[s.Category] = s.Score
		k := key(s)
		if n := len(out); n > 0 && out[n-1].App == k && s.Start.Sub(out[n-1].End) < breakMin {
			out[n-1].End = maxTime(out[n-1].End, s.End)
			out[n-1].Active += s.Duration()
			catTime[s.Category] += s.Duration()
			continue
		}
		flush()
		out = append(out, Run{Start: s.Start, End: s.End, App: k, Active: s.Duration()})
		catTime = map[string]time.Duration{s.Category: s.Duration()}
	}
	flush()
	for i := range out {
		out[i].Score = scores[out[i].Category]
	}
	return out
}

// Switch is a change of app (a context switch) between two runs less than
// BreakMin apart.
type Switch struct {
	At       time.Time
	From, To int // indexes into the runs
}

// Switches lists the context switches between runs.
func Switches(runs []Run, cfg Config) []Switch {
	var out []Switch
	for i := 1; i < len(runs); i++ {
		if runs[i].Start.Sub(runs[i-1].End) < cfg.BreakMin && runs[i].App != runs[i-1].App {
			out = append(out, Switch{At: runs[i].Start, From: i - 1, To: i})
		}
	}
	return out
}

// Break is an away period of at least BreakMin between two runs.
type Break struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Breaks lists the gaps of at least BreakMin between runs.
func Breaks(runs []Run, cfg Config) []Break {
	var out []Break
	for i := 1; i < len(runs); i++ {
		if g := runs[i].Start.Sub(runs[i-1].End); g >= cfg.BreakMin {
			out = append(out, Break{Start: runs[i-1].End, End: runs[i].Start})
		}
	}
	return out
}

// Edge is a transition of attention from one app or category to another.
type Edge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
	// DwellSec is the total time spent on From before these transitions.
	DwellSec float64 `json:"dwell_sec"`
	// MeanDwellSec is DwellSec / Count.
	MeanDwellSec float64 `json:"mean_dwell_sec"`
}

// Node is an app or category with its total active time.
type Node struct {
	Name     string  `json:"name"`
	Seconds  float64 `json:"seconds"`
	Category string  `json:"category,omitempty"`
	Score    float64 `json:"score"`
}

// Graph is the transition graph of attention.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// TransitionGraph builds the graph from runs: nodes by active time, edges
// for every switch between runs.
func TransitionGraph(runs []Run, cfg Config) Graph {
	nodes := map[string]*Node{}
	edges := map[[2]string]*Edge{}
	for i, r := range runs {
		n := nodes[r.App]
		if n == nil {
			n = &Node{Name: r.App, Category: r.Category, Score: r.Score}
			nodes[r.App] = n
		}
		n.Seconds += r.Active.Seconds()
		if i == 0 || r.Start.Sub(runs[i-1].End) >= cfg.BreakMin || r.App == runs[i-1].App {
			continue
		}
		k := [2]string{runs[i-1].App, r.App}
		e := edges[k]
		if e == nil {
			e = &Edge{From: k[0], To: k[1]}
			edges[k] = e
		}
		e.Count++
		e.DwellSec += runs[i-1].Dwell().Seconds()
	}
	return finishGraph(nodes, edges)
}

func finishGraph(nodes map[string]*Node, edges map[[2]string]*Edge) Graph {
	g := Graph{Nodes: make([]Node, 0, len(nodes)), Edges: make([]Edge, 0, len(edges))}
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, *n)
	}
	for _, e := range edges {
		e.MeanDwellSec = e.DwellSec / float64(e.Count)
		g.Edges = append(g.Edges, *e)
	}
	sort.Slice(g.Nodes, func(i, j int) bool {
		if g.Nodes[i].Seconds != g.Nodes[j].Seconds {
			return g.Nodes[i].Seconds > g.Nodes[j].Seconds
		}
		return g.Nodes[i].Name < g.Nodes[j].Name
	})
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	return g
}

// MergeGraphs adds graphs together (nodes and edges by name).
func MergeGraphs(gs ...Graph) Graph {
	nodes := map[string]*Node{}
	edges := map[[2]string]*Edge{}
	for _, g := range gs {
		for _, n := range g.Nodes {
			if m := nodes[n.Name]; m != nil {
				m.Seconds += n.Seconds
			} else {
				c := n
				nodes[n.Name] = &c
			}
		}
		for _, e := range g.Edges {
			k := [2]string{e.From, e.To}
			if m := edges[k]; m != nil {
				m.Count += e.Count
				m.DwellSec += e.DwellSec
			} else {
				c := e
				edges[k] = &c
			}
		}
	}
	return finishGraph(nodes, edges)
}
