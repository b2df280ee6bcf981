package plan

import (
	"flag"
	"fmt"
	"os/exec"
	"testing"
	"time"
)

var (
	exactFamily = flag.Bool("exact", false, "compare Solve with CBC's exact optimum on a family of generated instances")
	exactTasks  = flag.Int("exact.tasks", 10, "tasks per instance for -exact")
	exactDays   = flag.Int("exact.days", 2, "working days per instance for -exact")
	exactSeeds  = flag.Int("exact.seeds", 10, "instances for -exact")
	exactSec    = flag.Int("exact.sec", 300, "CBC time limit per instance for -exact, seconds")
)

// benchSolve plans one generated instance per iteration and reports the
// gap to the upper bound and the gain over earliest-deadline-first.
func benchSolve(b *testing.B, tasks, days int) {
	p := Generate(GenerateOptions{Seed: 1, Tasks: tasks, Days: days})
	base, err := Baseline(p)
	if err != nil {
		b.Fatal(err)
	}
	var pl *Plan
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		if pl, err = Solve(p); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e6, "cpu_ms/op")
	b.ReportMetric(100*pl.Gap, "gap_%")
	b.ReportMetric(100*(pl.Objective/base.Objective-1), "over_EDF_%")
}

func BenchmarkSolveWeek30(b *testing.B)   { benchSolve(b, 30, 5) }
func BenchmarkSolveWeek40(b *testing.B)   { benchSolve(b, 40, 5) }
func BenchmarkSolveMonth200(b *testing.B) { benchSolve(b, 200, 20) }

// TestExactFamily (go test -run ExactFamily -exact) prints, per instance,
// Solve's objective, CBC's proven optimum, the bound and both gaps.
func TestExactFamily(t *testing.T) {
	if !*exactFamily {
		t.Skip("run with -exact to compare with CBC")
	}
	cbc, err := exec.LookPath("cbc")
	if err != nil {
		t.Fatal("cbc not found: apt-get install coinor-cbc")
	}
	var sumGap, maxGap, sumBound float64
	var solveTime, cbcTime time.Duration
	proven := 0
	for seed := 1; seed <= *exactSeeds; seed++ {
		p := Generate(GenerateOptions{Seed: uint64(seed), Tasks: *exactTasks, Days: *exactDays})
		t0 := time.Now()
		pl, err := Solve(p)
		if err != nil {
			t.Fatal(err)
		}
		solveTime += time.Since(t0)
		t0 = time.Now()
		exact, ok := solveCBC(t, cbc, p, *exactSec)
		cbcTime += time.Since(t0)
		if !ok {
			fmt.Printf("seed %2d  solve %8.3f  cbc stopped on time at %8.3f (%+.2f%%), no proven optimum\n",
				seed, pl.Objective, exact, 100*(exact-pl.Objective)/exact)
			continue
		}
		proven++
		g := (exact - pl.Objective) / exact
		sumGap += g
		maxGap = max(maxGap, g)
		sumBound += (pl.UpperBound - exact) / exact
		fmt.Printf("seed %2d  solve %8.3f  exact %8.3f  bound %8.3f  gap to exact %5.2f%%  bound above exact %5.2f%%\n",
			seed, pl.Objective, exact, pl.UpperBound, 100*g, 100*(pl.UpperBound-exact)/exact)
	}
	n := float64(max(1, proven))
	fmt.Printf("%d tasks × %d days: %d of %d instances solved to proven optimality; gap to exact mean %.2f%% max %.2f%%; bound above exact mean %.2f%%; solve %v, cbc %v per instance\n",
		*exactTasks, *exactDays, proven, *exactSeeds, 100*sumGap/n, 100*maxGap, 100*sumBound/n,
		(solveTime / time.Duration(*exactSeeds)).Round(time.Millisecond), (cbcTime / time.Duration(*exactSeeds)).Round(time.Millisecond))
}

var (
	boundFamily = flag.Bool("family", false, "report Solve's gap to its upper bound and gain over EDF on a family of generated instances")
	familyTasks = flag.Int("family.tasks", 40, "tasks per instance for -family")
	familyDays  = flag.Int("family.days", 5, "working days per instance for -family")
	familySeeds = flag.Int("family.seeds", 20, "instances for -family")
)

// TestBoundFamily (go test -run BoundFamily -family) prints the mean and
// worst gap to the upper bound, the gain over EDF and the solve time.
func TestBoundFamily(t *testing.T) {
	if !*boundFamily {
		t.Skip("run with -family")
	}
	var sumGap, maxGap, sumGain float64
	var wall, cpu, maxWall time.Duration
	for seed := 1; seed <= *familySeeds; seed++ {
		p := Generate(GenerateOptions{Seed: uint64(seed), Tasks: *familyTasks, Days: *familyDays})
		t0, c0 := time.Now(), cpuTime()
		pl, err := Solve(p)
		if err != nil {
			t.Fatal(err)
		}
		w := time.Since(t0)
		wall, cpu, maxWall = wall+w, cpu+cpuTime()-c0, max(maxWall, w)
		base, err := Baseline(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(p, pl); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		sumGap += pl.Gap
		maxGap = max(maxGap, pl.Gap)
		sumGain += pl.Objective/base.Objective - 1
	}
	n := float64(*familySeeds)
	fmt.Printf("%d tasks × %d days, %d instances: gap to bound mean %.2f%% max %.2f%%; over EDF mean +%.1f%%; wall mean %v max %v; cpu mean %v\n",
		*familyTasks, *familyDays, *familySeeds, 100*sumGap/n, 100*maxGap, 100*sumGain/n,
		(wall / time.Duration(*familySeeds)).Round(time.Millisecond), maxWall.Round(time.Millisecond),
		(cpu / time.Duration(*familySeeds)).Round(time.Millisecond))
}
