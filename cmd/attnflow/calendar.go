package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// newCalendarCmd is "attnflow calendar": iCalendar files whose events are
// busy time for the planner.
func newCalendarCmd(g *globalFlags) *cobra.Command {
	var serverURL string
	cmd := &cobra.Command{
		Use:   "calendar",
		Short: "import calendars (.ics) as busy time for the planner",
	}
	cmd.PersistentFlags().StringVar(&serverURL, "server", "", "use a running attnflow server at this URL instead of the data directory")
	var name string
	imp := &cobra.Command{
		Use:   "import FILE.ics",
		Short: "store a calendar; recurring events are expanded over each plan's days",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("read calendar: %w", err)
			}
			if name == "" {
				name = strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0]))
			}
			c, err := dialPlanner(cmd.Context(), g, serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			if err := c.client.ImportCalendar(cmd.Context(), name, data); err != nil {
				return cliError(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "imported calendar %q (%d events); importing again under that name replaces it\n", name, strings.Count(string(data), "BEGIN:VEVENT"))
			return nil
		},
	}
	imp.Flags().StringVar(&name, "name", "", "name to store it under (default: the file name)")
	list := &cobra.Command{
		Use:   "list",
		Short: "list imported calendars",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := dialPlanner(cmd.Context(), g, serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			cs, err := c.client.Calendars(cmd.Context())
			if err != nil {
				return cliError(err)
			}
			for _, cal := range cs {
				fmt.Fprintf(cmd.OutOrStdout(), "%-20s %3d events, imported %s\n", cal.Name, cal.Events, cal.Imported.Local().Format("2006-01-02 15:04"))
			}
			return nil
		},
	}
	rm := &cobra.Command{
		Use:   "rm NAME",
		Short: "forget an imported calendar",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := dialPlanner(cmd.Context(), g, serverURL)
			if err != nil {
				return err
			}
			defer c.close()
			return cliError(c.client.DeleteCalendar(cmd.Context(), args[0]))
		},
	}
	cmd.AddCommand(imp, list, rm)
	return cmd
}
