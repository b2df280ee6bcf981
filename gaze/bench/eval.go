package bench

import (
	"github.com/attnflow/attnflow/gaze"
)

// Row is one line of the evaluation table.
type Row struct {
	Name      string
	Kind      string // "human", "attnflow", "attnflow-cv" or "published"
	Scores    gaze.Scores
	Published bool
}

// Table is the evaluation of several labellings on the same recordings.
type Table struct {
	Rows []Row
}

// Evaluate scores the coders against each other, each attnflow detector,
// and every published detector found in the recordings' reference
// outputs, all vs both coders as in Andersson et al. (2017).
func Evaluate(recs []Recording, dets []gaze.Detector) Table {
	human := gaze.Scores{}
	for _, r := range recs {
		gaze.ScoreHumans(human, r.Coded)
	}
	t := Table{Rows: []Row{{Name: "coders MN vs RA", Kind: "human", Scores: human}}}
	for _, d := range dets {
		s := gaze.Scores{}
		for _, r := range recs {
			gaze.ScoreVsCoders(s, r.Coded, d.Classify(r.Samples, Geometry()))
		}
		t.Rows = append(t.Rows, Row{Name: "attnflow " + d.Name(), Kind: "attnflow", Scores: s})
	}
	for _, name := range publishedNames(recs) {
		s := gaze.Scores{}
		for _, r := range recs {
			if l, ok := r.Published[name]; ok {
				gaze.ScoreVsCoders(s, r.Coded, l)
			}
		}
		t.Rows = append(t.Rows, Row{Name: name, Kind: "published", Scores: s, Published: true})
	}
	return t
}

// publishedNames is the union of published detector names, in file order.
func publishedNames(recs []Recording) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		for _, n := range r.Order {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// BestPublished returns the published row with the highest kappa in a
// cell, and false when there is none.
func (t Table) BestPublished(stim string, ev gaze.Label) (Row, bool) {
	var best Row
	found := false
	for _, r := range t.Rows {
		if r.Published && (!found || r.Scores.Kappa(stim, ev) > best.Scores.Kappa(stim, ev)) {
			best, found = r, true
		}
	}
	return best, found
}

// Row returns the row called name.
func (t Table) Row(name string) (Row, bool) {
	for _, r := range t.Rows {
		if r.Name == name {
			return r, true
		}
	}
	return Row{}, false
}
