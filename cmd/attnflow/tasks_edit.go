package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/attnflow/attnflow/tasks"
	"github.com/spf13/cobra"
)

// taskEdits are the flags that set task fields, for add and edit.
type taskEdits struct {
	title, kind, project, deadline, earliest string
	estimate, minChunk, maxChunk             time.Duration
	priority                                 int
	tags, after, rules, pins                 []string
	unpin                                    bool
}

func (e *taskEdits) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&e.title, "title", "", "title")
	f.DurationVar(&e.estimate, "estimate", 0, "estimate, e.g. 90m or 3h")
	f.StringVar(&e.deadline, "deadline", "", `deadline: "2026-03-06 17:00" (local), RFC 3339, or "none"`)
	f.StringVar(&e.earliest, "earliest", "", `earliest start, same forms as --deadline`)
	f.IntVar(&e.priority, "priority", 0, "priority 1 (highest) to 4")
	f.StringVar(&e.kind, "kind", "", "deep, shallow, admin, learning or your own")
	f.StringVar(&e.project, "project", "", "project")
	f.StringSliceVar(&e.tags, "tag", nil, "tags (replace the task's tags)")
	f.StringSliceVar(&e.after, "after", nil, "IDs of tasks to finish first")
	f.StringArrayVar(&e.rules, "rule", nil, `link tracked activity: FIELD=REGEX with FIELD app, title, project or url (repeat; "none" clears)`)
	f.DurationVar(&e.minChunk, "min-chunk", 0, "shortest block worth starting")
	f.DurationVar(&e.maxChunk, "max-chunk", 0, "longest block")
	f.StringArrayVar(&e.pins, "pin", nil, `pin a block: "2026-03-03 09:00/2026-03-03 11:00" (repeat)`)
	f.BoolVar(&e.unpin, "unpin", false, "remove the task's pinned blocks")
}

// apply sets the fields whose flags were given.
func (e *taskEdits) apply(cmd *cobra.Command, t tasks.Task) (tasks.Task, error) {
	ch := cmd.Flags().Changed
	var err error
	if ch("title") {
		t.Title = e.title
	}
	if ch("estimate") {
		t.EstimateMin = int(e.estimate / time.Minute)
	}
	if ch("deadline") {
		if t.Deadline, err = parseWhen(e.deadline); err != nil {
			return t, fmt.Errorf("--deadline: %w", err)
		}
	}
	if ch("earliest") {
		if t.Earliest, err = parseWhen(e.earliest); err != nil {
			return t, fmt.Errorf("--earliest: %w", err)
		}
	}
	if ch("priority") {
		t.Priority = e.priority
	}
	if ch("kind") {
		t.Kind = e.kind
	}
	if ch("project") {
		t.Project = e.project
	}
	if ch("tag") {
		t.Tags = e.tags
	}
	if ch("after") {
		t.After = e.after
	}
	if ch("min-chunk") {
		t.MinChunkMin = int(e.minChunk / time.Minute)
	}
	if ch("max-chunk") {
		t.MaxChunkMin = int(e.maxChunk / time.Minute)
	}
	if ch("rule") {
		if t.Rules, err = parseRules(t.Rules, e.rules); err != nil {
			return t, err
		}
	}
	if e.unpin {
		t.Pinned = nil
	}
	for _, p := range e.pins {
		a, b, ok := strings.Cut(p, "/")
		start, err1 := parseWhen(a)
		end, err2 := parseWhen(b)
		if !ok || err1 != nil || err2 != nil || start.IsZero() || end.IsZero() {
			return t, fmt.Errorf("--pin %q: want START/END, e.g. \"2026-03-03 09:00/2026-03-03 11:00\"", p)
		}
		t.Pinned = append(t.Pinned, tasks.Pin{Start: start, End: end})
	}
	return t, nil
}

func parseRules(have []tasks.Rule, specs []string) ([]tasks.Rule, error) {
	out := append([]tasks.Rule(nil), have...)
	for _, s := range specs {
		if s == "none" {
			out = nil
			continue
		}
		f, p, ok := strings.Cut(s, "=")
		if !ok || p == "" {
			return nil, fmt.Errorf("--rule %q: want FIELD=REGEX, e.g. title=(?i)q3 report", s)
		}
		out = append(out, tasks.Rule{Field: f, Pattern: p})
	}
	return out, nil
}

// parseWhen reads a time: RFC 3339, "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"
// (local), or "none" for no time.
func parseWhen(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use \"2026-03-06 17:00\", \"2026-03-06\" or RFC 3339", s)
}

func newTasksEditCmd(g *globalFlags, serverURL *string) *cobra.Command {
	var e taskEdits
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "change a task's fields (only the flags given)",
		Example: `  attnflow tasks edit 3 --estimate 4h --priority 1
  attnflow tasks edit 3 --rule 'title=(?i)q3 report' --rule 'app=^libreoffice'
  attnflow tasks edit 3 --pin "2026-03-03 09:00/2026-03-03 11:00"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := dialPlanner(cmd.Context(), g, *serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			t, err := c.client.Task(cmd.Context(), args[0])
			if err != nil {
				return cliError(err)
			}
			if t, err = e.apply(cmd, t); err != nil {
				return err
			}
			if t, err = c.client.UpdateTask(cmd.Context(), t); err != nil {
				return cliError(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "task %s: %s\n", t.ID, describeTask(t))
			return nil
		},
	}
	e.register(cmd)
	return cmd
}
