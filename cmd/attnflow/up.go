package main

import (
	"github.com/spf13/cobra"
)

func newUpCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "up",
		Short: "Run attnflow: the server and the built-in watchers, on the embedded store",
		Long: `up is attnflow's main job. It opens the embedded store in the data directory,
serves the ActivityWatch-compatible API on 127.0.0.1:5600 and runs the
built-in watchers where a desktop session is available. No configuration is
needed; see "attnflow serve --help" for the server alone.`,
		Example: `  attnflow up
  attnflow up --data /tmp/attnflow-demo --port 5700`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			return runServer(cmd.Context(), cfg, newLogger(cfg.Log), startWatchers)
		}}
}
