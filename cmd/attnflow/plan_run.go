package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

// withPlanRun makes "attnflow plan" itself plan the stored tasks: the
// subcommands (parse, busy, demo) stay as they are.
func withPlanRun(g *globalFlags, cmd *cobra.Command) *cobra.Command {
	var day, week bool
	var days int
	var tz, serverURL, icsFile, lpFile string
	cmd.Long = `Plan your open tasks into the free time of your working hours (the
dashboard's setting, else Mon–Fri 09:00–17:00; lunch 12–13), around imported
calendars, so that deep work lands in your measured focus peaks. Every block says why it is where it is; tasks
that cannot be finished in time are listed with what is missing.

  attnflow tasks add "write Q3 report 3h by Fri p1 #deep"
  attnflow calendar import work.ics
  attnflow plan --week
  attnflow plan --week --ics plan.ics    (open it in any calendar app)`
	cmd.Flags().BoolVar(&day, "day", false, "plan the rest of today (the default)")
	cmd.Flags().BoolVar(&week, "week", false, "plan the next 7 days")
	cmd.Flags().IntVar(&days, "days", 0, "plan this many days (1–28)")
	cmd.Flags().StringVar(&tz, "tz", localZoneName(), "time zone of working hours and output (IANA name)")
	cmd.Flags().StringVar(&serverURL, "server", "", "use a running attnflow server at this URL instead of the data directory")
	cmd.Flags().StringVar(&icsFile, "ics", "", "write the plan to this iCalendar file")
	cmd.Flags().StringVar(&lpFile, "export-lp", "", "write the planning problem as a MIP in CPLEX LP format (for glpsol --lp or cbc)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unknown subcommand %q: see attnflow plan --help", args[0])
		}
		n := 1
		if week {
			n = 7
		}
		if days > 0 {
			n = days
		}
		q := url.Values{"days": {strconv.Itoa(n)}, "tz": {tz}}
		c, err := dialPlanner(cmd.Context(), g, serverURL)
		if err != nil {
			return err
		}
		defer c.close()
		res, err := c.client.Plan(cmd.Context(), q)
		if err != nil {
			return cliError(err)
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return fmt.Errorf("--tz %q: %w", tz, err)
		}
		printSchedule(cmd.OutOrStdout(), res, loc)
		if lpFile != "" {
			lp, err := c.client.PlanLP(cmd.Context(), q)
			if err != nil {
				return cliError(err)
			}
			if err := os.WriteFile(lpFile, lp, 0o644); err != nil {
				return fmt.Errorf("write %s: %w", lpFile, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote the problem to %s (glpsol --lp %s, or cbc %s)\n", lpFile, lpFile, lpFile)
		}
		if icsFile == "" {
			return nil
		}
		data, err := c.client.PlanICS(cmd.Context(), q)
		if err != nil {
			return cliError(err)
		}
		if err := os.WriteFile(icsFile, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", icsFile, err)
		}
		fmt.Fprintf(cmd.OutOrStdout(), "wrote %d blocks to %s\n", len(res.Blocks), icsFile)
		return nil
	}
	return cmd
}

// printSchedule prints the plan day by day with every block's reason.
func printSchedule(w io.Writer, res server.PlanResult, loc *time.Location) {
	day := ""
	for _, b := range mergeByStart(res.Blocks, res.Busy) {
		if d := b.Start.In(loc).Format("Monday 2 January"); d != day {
			day = d
			fmt.Fprintf(w, "\n%s\n", d)
		}
		label := b.Kind
		if b.TaskID == "" {
			label = "busy"
		} else if b.Pinned {
			label += ", pinned"
		}
		fmt.Fprintf(w, "  %s–%s  %s [%s]\n", b.Start.In(loc).Format("15:04"), b.End.In(loc).Format("15:04"), b.Title, label)
		if b.TaskID != "" && b.Reason != "" {
			fmt.Fprintf(w, "               %s\n", b.Reason)
		}
	}
	if len(res.Blocks) == 0 {
		fmt.Fprintln(w, "nothing planned: no open tasks fit (add some with attnflow tasks add)")
	}
	if len(res.AtRisk) > 0 {
		fmt.Fprintln(w, "\nAt risk")
	}
	for _, r := range res.AtRisk {
		fmt.Fprintf(w, "  %s: %s missing — %s\n", r.Title, time.Duration(r.MissingMin*float64(time.Minute)).Round(time.Minute), r.Reason)
	}
	fmt.Fprintln(w)
	for _, n := range append(res.Measured, res.Notes...) {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	fmt.Fprintf(w, "within %.1f%% of the best possible plan (objective %.2f, upper bound %.2f)\n", 100*res.Gap, res.Objective, res.UpperBound)
}

// mergeByStart merges two start-sorted block lists.
func mergeByStart(a, b []server.PlanBlock) []server.PlanBlock {
	out := make([]server.PlanBlock, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && !b[j].Start.Before(a[i].Start)) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}
