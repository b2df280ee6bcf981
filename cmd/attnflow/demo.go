package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sim"
	"github.com/spf13/cobra"
)

type demoFlags struct {
	persona string
	weeks   int
	seed    uint64
	serve   bool
	format  string
}

func newDemoCmd(g *globalFlags) *cobra.Command {
	f := &demoFlags{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Try attnflow on weeks of simulated data: report, then serve it",
		Long: `demo simulates a person (a developer, a clinician reading image cases, or a
student) for a few weeks — window focus, AFK, browser tabs, editor and input
timing, exactly as the ActivityWatch watchers would have recorded them — into
a throw-away data directory (or --data), prints the attention-flow report of
their last working day and week, and serves the API on it so you can explore.
Nothing touches your real data.`,
		Example: `  attnflow demo
  attnflow demo --persona clinician --weeks 6
  attnflow demo --persona student --port 5700
  attnflow demo --no-serve --data /tmp/attnflow-demo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("port") && os.Getenv("ATTNFLOW_PORT") == "" {
				cfg.Server.Port = 5667 // keep clear of a real attnflow on 5600
			}
			if !cmd.Flags().Changed("data") && os.Getenv("ATTNFLOW_DATA") == "" {
				if cfg.DataDir, err = os.MkdirTemp("", "attnflow-demo-"); err != nil {
					return fmt.Errorf("create demo data directory: %w", err)
				}
			}
			return runDemo(cmd.Context(), cmd.OutOrStdout(), cfg, *f)
		}}
	fl := cmd.Flags()
	fl.StringVar(&f.persona, "persona", "developer", "who to simulate: "+strings.Join(sim.Personas(), ", "))
	fl.IntVar(&f.weeks, "weeks", 4, "weeks to simulate (1-52)")
	fl.Uint64Var(&f.seed, "seed", 1, "random seed (the same seed gives the same data)")
	fl.BoolVar(&f.serve, "serve", true, "serve the API on the demo data after the report (--serve=false to exit)")
	fl.StringVar(&f.format, "format", "text", "report format: text, md or json")
	return cmd
}

func runDemo(ctx context.Context, w io.Writer, cfg Config, f demoFlags) error {
	if f.weeks < 1 || f.weeks > 52 {
		return attnflow.Errorf(attnflow.EINVALID, "weeks %d is outside 1..52", f.weeks)
	}
	p, err := sim.BuiltIn(f.persona)
	if err != nil {
		return err
	}
	loc, _ := time.LoadLocation(p.Timezone)
	// The simulated weeks end yesterday, so that "today" has no data yet.
	today := time.Now().In(loc)
	start := today.AddDate(0, 0, -7*f.weeks).Format(flow.DateLayout)
	fmt.Fprintf(w, "attnflow demo — %s: %s\n\n", p.Name, p.Description)
	step := newSteps(w)

	step.start(fmt.Sprintf("Simulating %d weeks (seed %d)", f.weeks, f.seed))
	ds, err := sim.Generate(p, sim.Options{Start: start, Days: 7 * f.weeks, Seed: f.seed})
	if err != nil {
		return err
	}
	total := 0
	for _, evs := range ds.Events {
		total += len(evs)
	}
	step.done(fmt.Sprintf("%s events in %d buckets", thousands(total), len(ds.Buckets)))

	if err := prepareDataDir(cfg.DataDir); err != nil {
		return err
	}
	db, err := openStore(ctx, cfg.DataDir, nil)
	if err != nil {
		return err
	}
	step.start("Writing them to " + filepath.Join(cfg.DataDir, storeFile))
	if err := fillStore(ctx, db, ds, total, step); err != nil {
		db.Close()
		return err
	}
	step.done("")

	fcfg := flow.Config{Location: loc}
	engine := server.NewFlowEngine(db)
	step.start(fmt.Sprintf("Computing the attention flow of %d days", 7*f.weeks))
	last := lastWorkday(ds, fcfg)
	if _, err := engine.Days(ctx, flow.Dates(ds.Range, fcfg), "", fcfg); err != nil {
		db.Close()
		return err
	}
	step.done("")
	dayRep, err := engine.Report(ctx, "day", last, "", fcfg)
	if err == nil {
		var weekRep flow.Report
		weekRep, err = engine.Report(ctx, "week", last, "", fcfg)
		if err == nil {
			fmt.Fprintln(w)
			err = writeReport(w, dayRep, f.format)
			if err == nil && f.format == "text" {
				fmt.Fprintln(w)
				err = writeReport(w, weekRep, f.format)
			}
		}
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	printDemoNext(w, cfg, p, last, ds)
	if !f.serve {
		return nil
	}
	return runServer(ctx, cfg, newLogger(cfg.Log), nil)
}

// fillStore creates the dataset's buckets and inserts its events in
// chunks, showing progress.
func fillStore(ctx context.Context, db attnflow.Store, ds *sim.Dataset, total int, step *steps) error {
	done := 0
	for _, b := range ds.Buckets {
		if err := db.CreateBucket(ctx, b); err != nil {
			if attnflow.ErrorCode(err) == attnflow.ECONFLICT {
				return attnflow.Errorf(attnflow.ECONFLICT, "the data directory already holds bucket %s: give an empty --data directory", b.ID)
			}
			return err
		}
		evs := ds.Events[b.ID]
		for i := 0; i < len(evs); i += 5000 {
			if _, err := db.InsertEvents(ctx, b.ID, evs[i:min(i+5000, len(evs))]); err != nil {
				return fmt.Errorf("insert events into %s: %w", b.ID, err)
			}
			done += min(5000, len(evs)-i)
			step.progress(float64(done) / float64(total))
		}
	}
	return nil
}

// lastWorkday is the last simulated day with activity.
func lastWorkday(ds *sim.Dataset, cfg flow.Config) string {
	v := ds.Truth.Visits
	if len(v) == 0 {
		return flow.DateOf(ds.Range.End.Add(-time.Hour), cfg)
	}
	return flow.DateOf(v[len(v)-1].Start, cfg)
}

func printDemoNext(w io.Writer, cfg Config, p sim.Persona, day string, ds *sim.Dataset) {
	base := cfg.baseURL()
	tz := p.Timezone
	fmt.Fprintf(w, `
────────────────────────────────────────────────────────────────────────────
The simulation kept its ground truth: %d true focus sessions, %d app switches,
true best hours %v — the engine's figures above are computed from raw events
only (see sim/ for how it is checked).

Explore it in the dashboard (English / 简体中文):  %s/#/today?d=%s
The API behind it:
  %s/api/v1/flow/report?period=week&date=%s&tz=%s
  %s/api/v1/flow/sessions?days=7&tz=%s
  %s/api/v1/flow/graph?by=category&days=28&tz=%s
  %s/api/v1/flow/capacity?days=28&tz=%s
  %s/api/v1/flow/windows?date=%s&tz=%s
  attnflow report --data %s --tz %s --week --day %s
Serve it again later:  attnflow serve --data %s --port %d
Throw it away:          rm -r %s
`, len(ds.Truth.Sessions), ds.Truth.Switches, ds.Truth.PeakHours,
		base, day, base, day, tz, base, tz, base, tz, base, tz, base, day, tz,
		cfg.DataDir, tz, day, cfg.DataDir, cfg.Server.Port, cfg.DataDir)
}

// steps prints numbered progress steps with their duration.
type steps struct {
	w     io.Writer
	t     time.Time
	label string
	tty   bool
}

func newSteps(w io.Writer) *steps {
	tty := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &steps{w: w, tty: tty}
}

func (s *steps) start(label string) {
	s.t, s.label = time.Now(), label
	fmt.Fprintf(s.w, "  %s …", label)
}

func (s *steps) progress(frac float64) {
	if s.tty {
		fmt.Fprintf(s.w, "\r  %s … %3.0f%%", s.label, 100*frac)
	}
}

func (s *steps) done(detail string) {
	if detail != "" {
		detail = ": " + detail
	}
	if s.tty {
		fmt.Fprintf(s.w, "\r  %s … done%s (%.1f s)\n", s.label, detail, time.Since(s.t).Seconds())
		return
	}
	fmt.Fprintf(s.w, " done%s (%.1f s)\n", detail, time.Since(s.t).Seconds())
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
