package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/tasks"
	"github.com/spf13/cobra"
)

// newTasksCmd is "attnflow tasks": the task list the planner schedules.
func newTasksCmd(g *globalFlags) *cobra.Command {
	var serverURL string
	cmd := &cobra.Command{
		Use:   "tasks",
		Short: "add, list, finish and edit the tasks the planner schedules",
		Long: `Tasks live in the embedded store in the data directory, or on a running
server with --server. Add them in plain English or Chinese:

  attnflow tasks add "write Q3 report 3h by Fri p1 #deep"
  attnflow tasks add "周五前写完季度报告 3小时 高优先级 #深度"

then see where they fit with "attnflow plan --week".`,
	}
	cmd.PersistentFlags().StringVar(&serverURL, "server", "", "use a running attnflow server at this URL instead of the data directory")
	cmd.AddCommand(newTasksAddCmd(g, &serverURL), newTasksListCmd(g, &serverURL), newTasksDoneCmd(g, &serverURL),
		newTasksEditCmd(g, &serverURL), newTasksRmCmd(g, &serverURL))
	return cmd
}

func newTasksAddCmd(g *globalFlags, serverURL *string) *cobra.Command {
	var yes bool
	var tz string
	var e taskEdits
	cmd := &cobra.Command{
		Use:   "add TEXT",
		Short: `add a task from a quick-add line; shows what was understood and asks on a terminal`,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := dialPlanner(cmd.Context(), g, *serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			q, err := c.client.ParseQuickAdd(cmd.Context(), strings.Join(args, " "), tz, false)
			if err != nil {
				return cliError(err)
			}
			t, err := e.apply(cmd, q.Task)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			printQuickAddPreview(out, q, t)
			if !yes && isTerminal(cmd.InOrStdin()) && !confirm(cmd.InOrStdin(), out, "save this task? [Y/n] ") {
				fmt.Fprintln(out, "not saved")
				return nil
			}
			t, err = c.client.CreateTask(cmd.Context(), t)
			if err != nil {
				return cliError(err)
			}
			fmt.Fprintf(out, "saved task %s\n", t.ID)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "save without asking")
	cmd.Flags().StringVar(&tz, "tz", localZoneName(), "time zone the dates are in (IANA name)")
	e.register(cmd)
	return cmd
}

func printQuickAddPreview(w io.Writer, q server.QuickAdd, t tasks.Task) {
	fmt.Fprintf(w, "task:       %s\n", describeTask(t))
	for _, u := range q.Understood {
		fmt.Fprintf(w, "understood: %s\n", u)
	}
	for _, a := range q.Assumed {
		fmt.Fprintf(w, "assumed:    %s\n", a)
	}
}

// describeTask is one line with everything a task says.
func describeTask(t tasks.Task) string {
	parts := []string{fmt.Sprintf("%q", t.Title), fmtMinutes(t.EstimateMin), fmt.Sprintf("P%d", t.Priority), t.Kind}
	if !t.Deadline.IsZero() {
		parts = append(parts, "due "+t.Deadline.Format("Mon 2 Jan 15:04"))
	}
	if !t.Earliest.IsZero() {
		parts = append(parts, "from "+t.Earliest.Format("Mon 2 Jan 15:04"))
	}
	if t.Project != "" {
		parts = append(parts, "project "+t.Project)
	}
	for _, tag := range t.Tags {
		parts = append(parts, "#"+tag)
	}
	if len(t.After) > 0 {
		parts = append(parts, "after "+strings.Join(t.After, ","))
	}
	if t.RRule != "" {
		parts = append(parts, "repeats "+t.RRule)
	}
	for _, r := range t.Rules {
		parts = append(parts, fmt.Sprintf("tracks %s~%s", r.Field, r.Pattern))
	}
	return strings.Join(parts, "  ")
}

func fmtMinutes(m int) string {
	if m%60 == 0 {
		return fmt.Sprintf("%dh", m/60)
	} else if m > 60 {
		return fmt.Sprintf("%dh%02dm", m/60, m%60)
	}
	return fmt.Sprintf("%dm", m)
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func confirm(r io.Reader, w io.Writer, prompt string) bool {
	fmt.Fprint(w, prompt)
	line, _ := bufio.NewReader(r).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "" || a == "y" || a == "yes" || a == "是"
}

// cliError turns a domain error into its message for people.
func cliError(err error) error {
	if err == nil || attnflow.ErrorCode(err) == attnflow.EINTERNAL {
		return err
	}
	return fmt.Errorf("%s", attnflow.ErrorMessage(err))
}

func newTasksListCmd(g *globalFlags, serverURL *string) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "list open tasks (--all: finished ones too)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := dialPlanner(cmd.Context(), g, *serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			ts, err := c.client.Tasks(cmd.Context(), tasks.Filter{Done: all})
			if err != nil {
				return cliError(err)
			}
			if len(ts) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), `no tasks: add one with attnflow tasks add "write report 2h by Fri #deep"`)
				return nil
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tP\tKIND\tEST\tDUE\tTITLE")
			for _, t := range ts {
				due := "-"
				if !t.Deadline.IsZero() {
					due = t.Deadline.Format("Mon 2 Jan 15:04")
				}
				title := t.Title
				if t.Done {
					title += " (done)"
				}
				fmt.Fprintf(tw, "%s\tP%d\t%s\t%s\t%s\t%s\n", t.ID, t.Priority, t.Kind, fmtMinutes(t.EstimateMin), due, title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "include finished tasks")
	return cmd
}

func newTasksDoneCmd(g *globalFlags, serverURL *string) *cobra.Command {
	return newTasksEachCmd(g, serverURL, "done ID...", "mark tasks done", func(ctx context.Context, c *plannerConn, id string) (string, error) {
		t, err := c.client.DoneTask(ctx, id)
		return fmt.Sprintf("done: %s %s", t.ID, t.Title), err
	})
}

func newTasksRmCmd(g *globalFlags, serverURL *string) *cobra.Command {
	return newTasksEachCmd(g, serverURL, "rm ID...", "delete tasks", func(ctx context.Context, c *plannerConn, id string) (string, error) {
		return "deleted task " + id, c.client.DeleteTask(ctx, id)
	})
}

// newTasksEachCmd is a command that applies do to each task id given,
// printing one line per task, and stops at the first error.
func newTasksEachCmd(g *globalFlags, serverURL *string, use, short string, do func(ctx context.Context, c *plannerConn, id string) (string, error)) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := dialPlanner(cmd.Context(), g, *serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			for _, id := range args {
				line, err := do(cmd.Context(), c, id)
				if err != nil {
					return cliError(err)
				}
				fmt.Fprintln(cmd.OutOrStdout(), line)
			}
			return nil
		},
	}
}
