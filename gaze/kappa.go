package gaze

// Agreement counts how two binary labellings ("is this event" / "is not")
// agree sample by sample. Counts add, so the agreement of concatenated
// recordings is the sum of their agreements.
type Agreement struct {
	Both, OnlyA, OnlyB, Neither int
}

// Add returns the sum of two agreements.
func (a Agreement) Add(b Agreement) Agreement {
	return Agreement{a.Both + b.Both, a.OnlyA + b.OnlyA, a.OnlyB + b.OnlyB, a.Neither + b.Neither}
}

// N is the number of samples compared.
func (a Agreement) N() int { return a.Both + a.OnlyA + a.OnlyB + a.Neither }

// Kappa is Cohen's kappa of the two binary labellings: 0 when neither
// labelling varies (no information), 1 for perfect agreement.
func (a Agreement) Kappa() float64 {
	n := float64(a.N())
	if n == 0 {
		return 0
	}
	po := float64(a.Both+a.Neither) / n
	pa := float64(a.Both+a.OnlyA) / n
	pb := float64(a.Both+a.OnlyB) / n
	pe := pa*pb + (1-pa)*(1-pb)
	if pe >= 1 {
		return 0
	}
	return (po - pe) / (1 - pe)
}

// Agree binarises two labellings of the same samples for one event type
// and counts their agreement. Samples beyond the shorter slice are ignored.
func Agree(a, b []Label, event Label) Agreement {
	var g Agreement
	for i := range min(len(a), len(b)) {
		x, y := a[i] == event, b[i] == event
		switch {
		case x && y:
			g.Both++
		case x:
			g.OnlyA++
		case y:
			g.OnlyB++
		default:
			g.Neither++
		}
	}
	return g
}
