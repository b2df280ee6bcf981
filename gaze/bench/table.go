package bench

import (
	"fmt"
	"io"
	"strings"

	"github.com/attnflow/attnflow/gaze"
)

// WriteMarkdown prints the table: one row per labelling, one column per
// event type and stimulus type (img/dots/video), Cohen's kappa vs both
// coders (the human row: MN vs RA).
func (t Table) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("| method |")
	for _, ev := range gaze.ScoredEvents() {
		for _, st := range gaze.Stimuli() {
			fmt.Fprintf(&b, " %s %s |", short(ev), stimShort(st))
		}
	}
	b.WriteString("\n|---|")
	for range len(gaze.ScoredEvents()) * len(gaze.Stimuli()) {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "| %s |", r.Name)
		for _, ev := range gaze.ScoredEvents() {
			for _, st := range gaze.Stimuli() {
				fmt.Fprintf(&b, " %.2f |", r.Scores.Kappa(st, ev))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteComparison prints, per stimulus and event, the kappa of the named
// attnflow row, the coders' agreement and the best published detector.
func (t Table) WriteComparison(w io.Writer, ours string) error {
	o, ok := t.Row(ours)
	if !ok {
		return fmt.Errorf("no row %q in the table", ours)
	}
	h, _ := t.Row("coders MN vs RA")
	var b strings.Builder
	fmt.Fprintf(&b, "| stimulus | event | %s | best published | coders MN vs RA |\n|---|---|---:|---|---:|\n", ours)
	for _, st := range gaze.Stimuli() {
		for _, ev := range gaze.ScoredEvents() {
			best := "—"
			if p, ok := t.BestPublished(st, ev); ok && p.Scores.Kappa(st, ev) > 0.005 {
				best = fmt.Sprintf("%.3f (%s)", p.Scores.Kappa(st, ev), p.Name)
			}
			fmt.Fprintf(&b, "| %s | %s | %.3f | %s | %.3f |\n", st, ev, o.Scores.Kappa(st, ev), best, h.Scores.Kappa(st, ev))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func short(l gaze.Label) string {
	switch l {
	case gaze.Fixation:
		return "fix"
	case gaze.Saccade:
		return "sac"
	case gaze.PSO:
		return "pso"
	case gaze.Pursuit:
		return "pur"
	case gaze.Blink:
		return "blk"
	}
	return l.String()
}

func stimShort(s string) string {
	if s == gaze.Images {
		return "img"
	}
	return s
}
