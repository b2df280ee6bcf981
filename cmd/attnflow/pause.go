package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/attnflow/attnflow/watch"
	"github.com/spf13/cobra"
)

// newPauseCmd builds "pause DURATION" and "resume" for the watchers that
// follow the server's privacy settings (every built-in watcher).
func newPauseCmd(g *globalFlags) *cobra.Command {
	var server string
	cmd := &cobra.Command{
		Use:   "pause DURATION",
		Short: "Pause the built-in watchers for a while (e.g. 30m), nothing is recorded meanwhile",
		Long: `pause stops every built-in watcher that reports to the server from recording
anything — windows, AFK status, input timing — for DURATION (Go syntax: 30m,
1h30m). The watchers pick it up within 5 s. "resume" ends a pause early.`,
		Example: `  attnflow watch pause 30m
  attnflow watch pause 2h --server http://localhost:5666`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := time.ParseDuration(args[0])
			if err != nil || d <= 0 {
				return fmt.Errorf("pause %q: give a positive duration such as 30m or 1h30m", args[0])
			}
			until := time.Now().Add(d).UTC().Truncate(time.Second)
			return setPause(cmd.Context(), g, server, until, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&server, "server", "", "URL of the attnflow server (default from --host/--port/--testing)")
	return cmd
}

func newResumeCmd(g *globalFlags) *cobra.Command {
	var server string
	cmd := &cobra.Command{
		Use:   "resume",
		Short: "End a pause of the built-in watchers",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return setPause(cmd.Context(), g, server, time.Time{}, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&server, "server", "", "URL of the attnflow server (default from --host/--port/--testing)")
	return cmd
}

// setPause updates paused_until in the server's privacy settings, keeping
// the other settings as they are.
func setPause(ctx context.Context, g *globalFlags, server string, until time.Time, out io.Writer) error {
	cfg, err := g.load()
	if err != nil {
		return err
	}
	var o watchOptions
	o.server = server
	o.applyConfig(cfg, func(string) bool { return false })
	server = o.server
	c := watch.NewHTTPSink(server, nil, watch.HTTPSinkOptions{APIKey: o.apiKey})
	ps, _, err := c.PrivacySettings(ctx)
	if err != nil {
		return fmt.Errorf("is attnflow running at %s? %w", server, err)
	}
	ps.PausedUntil = until
	if err := c.SetPrivacySettings(ctx, ps); err != nil {
		return err
	}
	if until.IsZero() {
		fmt.Fprintln(out, "watchers resumed")
	} else {
		fmt.Fprintf(out, "watchers paused until %s\n", until.Local().Format("15:04:05 (Mon 2 Jan)"))
	}
	return nil
}
