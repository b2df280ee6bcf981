package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/sim"
	"github.com/spf13/cobra"
)

type simulateFlags struct {
	persona     string
	personaFile string
	start       string
	days        int
	seed        uint64
	out         string
	truth       string
	list        bool
}

func newSimulateCmd() *cobra.Command {
	f := &simulateFlags{}
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Generate realistic ActivityWatch data for a persona, with its ground truth",
		Long: `simulate generates days of realistic multi-source data (window focus, AFK,
browser tabs, editor activity, input timing) from a hidden attention process
whose truth is known, and writes it as an ActivityWatch export document that
"POST /api/0/import" (attnflow or ActivityWatch) accepts. --truth writes the
ground truth beside it: the true state of every minute, the true focus
sessions, dwell times, switches and best hours.

Personas are JSON files; the built-in ones are listed by --list. A persona
file is validated field by field (see sim.Persona for every parameter).`,
		Example: `  attnflow simulate --list
  attnflow simulate --persona student --days 14 --out student.json --truth truth.json
  attnflow simulate --persona-file me.json --seed 7 > export.json
  curl -X POST -H 'Content-Type: application/json' --data @student.json http://127.0.0.1:5600/api/0/import`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.list {
				return listPersonas(cmd.OutOrStdout())
			}
			return runSimulate(cmd.OutOrStdout(), cmd.ErrOrStderr(), *f)
		}}
	fl := cmd.Flags()
	fl.StringVar(&f.persona, "persona", "developer", "built-in persona (see --list)")
	fl.StringVar(&f.personaFile, "persona-file", "", "a persona JSON file instead of a built-in one")
	fl.StringVar(&f.start, "start", "", "first day, YYYY-MM-DD (default: --days before today)")
	fl.IntVar(&f.days, "days", 28, "number of days (1-3700)")
	fl.Uint64Var(&f.seed, "seed", 1, "random seed (the same seed gives the same data)")
	fl.StringVarP(&f.out, "out", "o", "-", "export document to write (- for stdout)")
	fl.StringVar(&f.truth, "truth", "", "also write the ground truth to this JSON file")
	fl.BoolVar(&f.list, "list", false, "list the built-in personas and exit")
	return cmd
}

func listPersonas(w io.Writer) error {
	for _, name := range sim.Personas() {
		p, err := sim.BuiltIn(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-10s %s (%s)\n", name, p.Description, p.Timezone)
	}
	return nil
}

func runSimulate(stdout, stderr io.Writer, f simulateFlags) error {
	p, err := loadPersona(f)
	if err != nil {
		return err
	}
	start := f.start
	if start == "" {
		loc, _ := time.LoadLocation(p.Timezone)
		start = time.Now().In(loc).AddDate(0, 0, -f.days).Format("2006-01-02")
	}
	t0 := time.Now()
	ds, err := sim.Generate(p, sim.Options{Start: start, Days: f.days, Seed: f.seed})
	if err != nil {
		return err
	}
	doc := attnflow.Export{Buckets: map[string]attnflow.ExportedBucket{}}
	total := 0
	for _, b := range ds.Buckets {
		doc.Buckets[b.ID] = attnflow.ExportedBucket{Bucket: b, Events: ds.Events[b.ID]}
		total += len(ds.Events[b.ID])
	}
	if err := writeJSONFile(f.out, stdout, doc); err != nil {
		return err
	}
	if f.truth != "" {
		if err := writeJSONFile(f.truth, stdout, truthDoc(ds)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "simulated %s for %d days from %s: %d events in %d buckets, %d true focus sessions (%.1f s)\n",
		p.Name, f.days, start, total, len(ds.Buckets), len(ds.Truth.Sessions), time.Since(t0).Seconds())
	return nil
}

func loadPersona(f simulateFlags) (sim.Persona, error) {
	if f.personaFile == "" {
		return sim.BuiltIn(f.persona)
	}
	b, err := os.ReadFile(f.personaFile)
	if err != nil {
		return sim.Persona{}, fmt.Errorf("read persona file: %w", err)
	}
	return sim.ParsePersona(b)
}

func writeJSONFile(path string, stdout io.Writer, v any) error {
	w := stdout
	if path != "-" {
		file, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("create %s: %w", path, err)
		}
		defer file.Close()
		w = file
	}
	if err := json.NewEncoder(w).Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// truthJSON is the ground truth as written by --truth.
type truthJSON struct {
	Persona     string      `json:"persona"`
	Start       time.Time   `json:"start"`
	Sessions    []rangeJSON `json:"sessions"`
	Minutes     []string    `json:"minutes"` // state of each minute from start
	Switches    int         `json:"switches"`
	ActiveSec   float64     `json:"active_sec"`
	Dwell       dwellJSON   `json:"dwell"`
	FocusByHour [24]float64 `json:"focus_by_hour"`
	PeakHours   []int       `json:"peak_hours"`
}

type rangeJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

type dwellJSON struct {
	Count     int     `json:"count"`
	MeanSec   float64 `json:"mean_sec"`
	MedianSec float64 `json:"median_sec"`
}

func truthDoc(ds *sim.Dataset) truthJSON {
	t := ds.Truth
	out := truthJSON{Persona: ds.Persona.Name, Start: ds.Range.Start, Switches: t.Switches, ActiveSec: t.ActiveSec,
		FocusByHour: t.FocusByHour, PeakHours: t.PeakHours, Sessions: []rangeJSON{}}
	for _, s := range t.Sessions {
		out.Sessions = append(out.Sessions, rangeJSON{s.Start, s.End})
	}
	for _, m := range t.Minutes {
		out.Minutes = append(out.Minutes, m.String())
	}
	d := append([]float64(nil), t.Dwells...)
	sort.Float64s(d)
	out.Dwell.Count = len(d)
	if len(d) > 0 {
		sum := 0.0
		for _, v := range d {
			sum += v
		}
		out.Dwell.MeanSec, out.Dwell.MedianSec = sum/float64(len(d)), d[len(d)/2]
	}
	return out
}
