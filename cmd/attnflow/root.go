package main

import (
	"github.com/attnflow/attnflow"
	"github.com/spf13/cobra"
)

// newRootCmd builds the command tree. Each subcommand lives in its own file
// as newXxxCmd() and is added here; only cmd/attnflow wires packages together.
func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "attnflow",
		Short: "attnflow records where your attention goes and helps you protect it",
		Long: `attnflow is a local-first attention-flow engine. It records which window has
focus, whether you are at the keyboard and how you type and point (timing only,
never which key), accepts data from every ActivityWatch watcher and WakaTime
plugin, and turns it into an attention flow you can query, report and act on.
Everything stays on this machine.

Start here:
  attnflow up          run the server and the built-in watchers (port 5600)
  attnflow status      is it running, and where does the data live?

Configuration: $XDG_CONFIG_HOME/attnflow/config.toml, then ATTNFLOW_* environment
variables, then flags. Data: $XDG_DATA_HOME/attnflow (override with --data).`,
		Version:       attnflow.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	g.register(root.PersistentFlags())
	root.AddCommand(
		newServeCmd(g),
		newUpCmd(g),
		newStatusCmd(g),
		newBenchCmd(),
		newWatchCmd(g),
		newGazeCmd(),
		newReportCmd(g), newDemoCmd(g), newSimulateCmd(),
		newImportCmd(g),
		newExportCmd(g),
		newModelCmd(g), newCheckinCmd(g),
		withPlanRun(g, newPlanCmd()), newTasksCmd(g), newCalendarCmd(g),
	)
	return root
}
