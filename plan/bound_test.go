package plan

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestOptimiserVersusBoundAndBaseline checks, on generated weeks, that the
// plan never exceeds its upper bound, that the reported gap is small, and
// that the optimiser beats earliest-deadline-first on every instance.
func TestOptimiserVersusBoundAndBaseline(t *testing.T) {
	const n = 6
	sumGap, sumGain := 0.0, 0.0
	for seed := uint64(1); seed <= n; seed++ {
		p := Generate(GenerateOptions{Seed: seed, Tasks: 20, Days: 3})
		pl := solve(t, p)
		base, err := Baseline(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(p, base); err != nil {
			t.Fatalf("seed %d: baseline breaks the rules: %v", seed, err)
		}
		if pl.Objective > pl.UpperBound+1e-6 {
			t.Errorf("seed %d: objective %.3f above its upper bound %.3f", seed, pl.Objective, pl.UpperBound)
		}
		if pl.Objective <= base.Objective {
			t.Errorf("seed %d: optimiser %.2f does not beat EDF %.2f", seed, pl.Objective, base.Objective)
		}
		sumGap += pl.Gap
		sumGain += pl.Objective/base.Objective - 1
	}
	t.Logf("mean gap to the bound %.2f%%, mean gain over EDF %.1f%%", 100*sumGap/n, 100*sumGain/n)
	if sumGap/n > 0.06 {
		t.Errorf("mean gap to the upper bound %.2f%%, want at most 6%%", 100*sumGap/n)
	}
}

// TestExactOptimum solves small instances exactly with CBC through the LP
// export and checks heuristic ≤ exact ≤ bound, with the heuristic close.
func TestExactOptimum(t *testing.T) {
	cbc, err := exec.LookPath("cbc")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("cbc not found: install the Debian package coinor-cbc")
		}
		t.Skip("cbc not found (apt-get install coinor-cbc); skipping the exact comparison")
	}
	for seed := uint64(1); seed <= 3; seed++ {
		p := Generate(GenerateOptions{Seed: seed, Tasks: 6, Days: 1})
		pl := solve(t, p)
		exact := solveExact(t, cbc, p)
		t.Logf("seed %d: heuristic %.3f, exact %.3f, bound %.3f", seed, pl.Objective, exact, pl.UpperBound)
		if pl.Objective > exact+1e-4 {
			t.Errorf("seed %d: heuristic %.4f above the exact optimum %.4f: the LP export misses a rule", seed, pl.Objective, exact)
		}
		if exact > pl.UpperBound+1e-4 {
			t.Errorf("seed %d: exact optimum %.4f above the bound %.4f: the bound is wrong", seed, exact, pl.UpperBound)
		}
		if g := (exact - pl.Objective) / exact; g > 0.03 {
			t.Errorf("seed %d: heuristic %.3f is %.1f%% below the optimum %.3f, want at most 3%%", seed, pl.Objective, 100*g, exact)
		}
	}
}

var reCBCObjective = regexp.MustCompile(`(?m)^(Optimal|Stopped on time) - objective value\s+(-?[0-9.eE+]+)`)

// solveExact runs CBC on the problem's LP export and returns the optimum.
func solveExact(t testing.TB, cbc string, p Problem) float64 {
	t.Helper()
	v, proven := solveCBC(t, cbc, p, 120)
	if !proven {
		t.Fatalf("cbc proved no optimum within 120 s (best found %.3f)", v)
	}
	return v
}

// solveCBC runs CBC with a time limit in seconds and returns the best
// objective it found and whether it proved it optimal.
func solveCBC(t testing.TB, cbc string, p Problem, seconds int) (float64, bool) {
	t.Helper()
	dir := t.TempDir()
	lp := filepath.Join(dir, "plan.lp")
	f, err := os.Create(lp)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteLP(f, p); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	sol := filepath.Join(dir, "plan.sol")
	if out, err := exec.Command(cbc, lp, "-sec", strconv.Itoa(seconds), "-solve", "-solu", sol).CombinedOutput(); err != nil {
		t.Fatalf("cbc: %v\n%s", err, out)
	}
	text, err := os.ReadFile(sol)
	if err != nil {
		t.Fatal(err)
	}
	m := reCBCObjective.FindSubmatch(text)
	if m == nil {
		t.Fatalf("cbc found no solution:\n%.300s", text)
	}
	v, err := strconv.ParseFloat(string(m[2]), 64)
	if err != nil {
		t.Fatal(fmt.Errorf("parse cbc objective: %w", err))
	}
	return v, string(m[1]) == "Optimal"
}
