package plan

import (
	"testing"
)

// TestWeekFollowsPersonaPeaks plans generated weeks for the peak persona
// and checks against its ground-truth curve that deep work sits in higher
// capacity than the free time on average, and higher than shallow work.
func TestWeekFollowsPersonaPeaks(t *testing.T) {
	truth := PeakCapacity()
	for seed := uint64(1); seed <= 3; seed++ {
		p := Generate(GenerateOptions{Seed: seed, Tasks: 30, Days: 5})
		pl := solve(t, p)
		var deep, shallow, free mean
		for _, b := range pl.Blocks {
			for at := b.Start; at.Before(b.End); at = at.Add(p.Policy.withDefaults().Slot) {
				c, _ := truth.At(at)
				if b.Kind.Demanding() {
					deep.add(c)
				} else {
					shallow.add(c)
				}
			}
		}
		_, g, _, err := setup(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < g.n; i++ {
			if g.free[i] {
				c, _ := truth.At(g.at(i))
				free.add(c)
			}
		}
		t.Logf("seed %d: capacity of deep work %.3f, shallow %.3f, free time %.3f", seed, deep.v(), shallow.v(), free.v())
		if deep.v() <= free.v()+0.05 || deep.v() <= shallow.v()+0.1 {
			t.Errorf("seed %d: deep work at capacity %.3f, shallow %.3f, free time %.3f: deep work is not in the peaks",
				seed, deep.v(), shallow.v(), free.v())
		}
	}
}

type mean struct{ sum, n float64 }

func (m *mean) add(v float64) { m.sum += v; m.n++ }
func (m *mean) v() float64 {
	if m.n == 0 {
		return 0
	}
	return m.sum / m.n
}
