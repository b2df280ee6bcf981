package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
	"github.com/attnflow/attnflow/plan/ics"
	"github.com/attnflow/attnflow/plan/quickadd"
	"github.com/spf13/cobra"
)

// newPlanCmd is "attnflow plan": the planner's pure core, usable before the
// task store exists — read a quick-add, read busy time from a calendar,
// plan a generated week with reasons and its optimality gap.
func newPlanCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "plan tasks into your focus peaks (quick-add, calendars, optimiser)",
	}
	cmd.AddCommand(newPlanParseCmd(), newPlanBusyCmd(), newPlanDemoCmd())
	return cmd
}

func newPlanParseCmd() *cobra.Command {
	var tz string
	cmd := &cobra.Command{
		Use:   "parse TEXT",
		Short: `show what a quick-add means: "write Q3 report 3h by Fri p1 #deep"`,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			loc, err := loadZone(tz)
			if err != nil {
				return err
			}
			r, err := quickadd.Parse(strings.Join(args, " "), time.Now().In(loc))
			if err != nil {
				return fmt.Errorf("%s", attnflow.ErrorMessage(err))
			}
			printQuickAdd(cmd.OutOrStdout(), r)
			return nil
		},
	}
	cmd.Flags().StringVar(&tz, "tz", "Local", "time zone the dates are in (IANA name)")
	return cmd
}

func printQuickAdd(w io.Writer, r quickadd.Result) {
	fmt.Fprintf(w, "title:    %s\n", r.Title)
	for _, u := range r.Understood {
		fmt.Fprintf(w, "understood: %s\n", u)
	}
	for _, a := range r.Assumed {
		fmt.Fprintf(w, "assumed:    %s\n", a)
	}
}

func newPlanBusyCmd() *cobra.Command {
	var tz, from string
	var days int
	cmd := &cobra.Command{
		Use:   "busy FILE.ics",
		Short: "list the busy blocks an iCalendar file holds (recurrences expanded)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			loc, err := loadZone(tz)
			if err != nil {
				return err
			}
			start := time.Now().In(loc).Truncate(24 * time.Hour)
			if from != "" {
				if start, err = time.ParseInLocation("2006-01-02", from, loc); err != nil {
					return fmt.Errorf("--from %q: want YYYY-MM-DD", from)
				}
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("open calendar: %w", err)
			}
			defer f.Close()
			busy, err := ics.ReadBusy(f, attnflow.TimeRange{Start: start, End: start.AddDate(0, 0, days)}, loc)
			if err != nil {
				return fmt.Errorf("%s", attnflow.ErrorMessage(err))
			}
			for _, b := range busy {
				fmt.Fprintf(cmd.OutOrStdout(), "%s – %s  %s\n", b.Start.In(loc).Format("Mon 2006-01-02 15:04"), b.End.In(loc).Format("15:04"), b.Title)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&tz, "tz", "Local", "time zone for floating times and output (IANA name)")
	cmd.Flags().StringVar(&from, "from", "", "first day, YYYY-MM-DD (default today)")
	cmd.Flags().IntVar(&days, "days", 7, "days to list")
	return cmd
}

func newPlanDemoCmd() *cobra.Command {
	var o plan.GenerateOptions
	var lpFile, icsFile string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "plan a generated week and show every block's reason and the optimality gap",
		RunE: func(cmd *cobra.Command, args []string) error {
			p := plan.Generate(o)
			pl, err := plan.Solve(p)
			if err != nil {
				return err
			}
			printPlan(cmd.OutOrStdout(), pl)
			if lpFile != "" {
				if err := writeFile(lpFile, func(w io.Writer) error { return plan.WriteLP(w, p) }); err != nil {
					return err
				}
			}
			if icsFile != "" {
				return writeFile(icsFile, func(w io.Writer) error { return ics.WritePlan(w, pl.Blocks, time.Now()) })
			}
			return nil
		},
	}
	cmd.Flags().Uint64Var(&o.Seed, "seed", 1, "instance seed")
	cmd.Flags().IntVar(&o.Tasks, "tasks", 30, "tasks")
	cmd.Flags().IntVar(&o.Days, "days", 5, "working days")
	cmd.Flags().StringVar(&lpFile, "export-lp", "", "also write the problem as a MIP in CPLEX LP format (for glpsol --lp or cbc)")
	cmd.Flags().StringVar(&icsFile, "ics", "", "also write the plan as an iCalendar file")
	return cmd
}

func printPlan(w io.Writer, pl *plan.Plan) {
	for _, b := range pl.Blocks {
		fmt.Fprintf(w, "%-28s %s\n", b.Title, b.Reason)
	}
	for _, r := range pl.AtRisk {
		fmt.Fprintf(w, "AT RISK %-20s %s missing: %s\n", r.Title, r.Missing.Round(time.Minute), r.Reason)
	}
	for _, n := range pl.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	fmt.Fprintf(w, "objective %.2f, upper bound %.2f, gap %.2f%%\n", pl.Objective, pl.UpperBound, 100*pl.Gap)
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, err)
	}
	return loc, nil
}
