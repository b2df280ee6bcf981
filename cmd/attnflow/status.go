package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/watch"
	"github.com/spf13/cobra"
)

func newStatusCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Tell whether attnflow is running and where its data lives",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			return printStatus(cmd.Context(), cmd.OutOrStdout(), cfg)
		}}
}

func printStatus(ctx context.Context, w interface{ Write([]byte) (int, error) }, cfg Config) error {
	key := ""
	if len(cfg.Server.APIKeys) > 0 {
		key = cfg.Server.APIKeys[0]
	}
	c := server.NewClient(cfg.baseURL(), key, nil)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	fmt.Fprintf(w, "data:    %s\n", cfg.DataDir)
	if fi, err := os.Stat(filepath.Join(cfg.DataDir, storeFile)); err == nil {
		fmt.Fprintf(w, "store:   %s (%.1f MB)\n", filepath.Join(cfg.DataDir, storeFile), float64(fi.Size())/1e6)
	} else {
		fmt.Fprintf(w, "store:   none yet (created by \"attnflow up\")\n")
	}
	info, err := c.Info(ctx)
	if err != nil {
		fmt.Fprintf(w, "server:  not running at %s — start it with \"attnflow up\"\n", cfg.baseURL())
		return nil
	}
	fmt.Fprintf(w, "server:  running at %s (%s, host %s%s)\n", cfg.baseURL(), info.Version, info.Hostname, map[bool]string{true: ", testing", false: ""}[info.Testing])
	buckets, err := c.Buckets(ctx)
	if err != nil {
		return fmt.Errorf("list buckets: %w", err)
	}
	fmt.Fprintf(w, "watchers: %s\n", watcherStatus(buckets, info.Hostname))
	fmt.Fprintf(w, "buckets: %d\n", len(buckets))
	for _, b := range buckets {
		last := "never"
		if !b.Last.IsZero() {
			last = time.Since(b.Last).Round(time.Second).String() + " ago"
		}
		fmt.Fprintf(w, "  %-40s %-18s last event %s\n", b.ID, b.Type, last)
	}
	return nil
}

// watcherStatus says which of the built-in watchers of host reported
// recently (within two minutes: the AFK watcher reports at least that often).
func watcherStatus(buckets []attnflow.Bucket, host string) string {
	var parts []string
	for _, w := range []struct{ name, prefix string }{
		{"window", watch.WindowBucketPrefix}, {"afk", watch.AFKBucketPrefix}, {"input", watch.InputBucketPrefix},
	} {
		state := "not seen"
		for _, b := range buckets {
			if b.ID != w.prefix+host {
				continue
			}
			state = "idle since " + b.Last.Local().Format("Jan 2 15:04")
			if time.Since(b.Last) < 2*time.Minute {
				state = "running"
			}
		}
		parts = append(parts, w.name+" "+state)
	}
	return strings.Join(parts, ", ")
}
