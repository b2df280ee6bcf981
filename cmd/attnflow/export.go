package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/awimport"
	"github.com/spf13/cobra"
)

// exportFlags are the options of "attnflow export".
type exportFlags struct {
	format    string
	buckets   []string
	start     string
	end       string
	output    string
	serverURL string
}

func newExportCmd(g *globalFlags) *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write events as an ActivityWatch export, NDJSON or CSV",
		Long: `export writes the events of the store in the data directory (or of the server
given with --server), read a page at a time so that any number of events fits.

Formats:
  aw      the ActivityWatch export document {"buckets": {...}}, which
          "attnflow import activitywatch", POST /api/0/import and both
          ActivityWatch servers accept
  ndjson  one JSON object per event and line:
          {"bucket", "id", "timestamp", "duration", "data"}
  csv     columns bucket, id, timestamp (RFC 3339, UTC), duration (seconds),
          app, title, url, status (the keys most watchers use), data (all of
          the event's data as JSON, so that nothing is lost)

Events come oldest first, bucket after bucket. --start and --end select the
events that overlap that period, unclipped.`,
		Example: `  attnflow export -o aw-export.json
  attnflow export --format csv --bucket aw-watcher-window_laptop --start 2026-01-01 --end 2026-02-01 -o january.csv
  attnflow export --format ndjson | jq -r .data.app | sort | uniq -c`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			return runExport(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), cfg, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", awimport.FormatAW, "aw, ndjson or csv")
	fl.StringArrayVar(&f.buckets, "bucket", nil, "export only this bucket (repeatable; default all)")
	fl.StringVar(&f.start, "start", "", "only events overlapping from this time on (RFC 3339 or a date)")
	fl.StringVar(&f.end, "end", "", "only events overlapping up to this time (RFC 3339 or a date)")
	fl.StringVarP(&f.output, "output", "o", "", "write to this file (default standard output)")
	fl.StringVar(&f.serverURL, "server", "", "read from the attnflow server at this URL instead of the data directory's store")
	return cmd
}

func runExport(ctx context.Context, stdout, stderr io.Writer, cfg Config, f exportFlags) error {
	r, err := exportRange(f.start, f.end)
	if err != nil {
		return err
	}
	st, err := exportSource(ctx, cfg, f.serverURL)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := awimport.ExportOptions{Format: f.format, Buckets: f.buckets, Range: r, Progress: newBar(stderr, "events")}
	if f.output == "" {
		_, err := awimport.Export(ctx, st, stdout, opts)
		return err
	}
	return exportToFile(ctx, st, f.output, opts)
}

// exportToFile writes next to path and renames, so that a failed export
// leaves no half-written file behind.
func exportToFile(ctx context.Context, st attnflow.Store, path string, opts awimport.ExportOptions) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create export file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := awimport.Export(ctx, st, tmp, opts); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write export file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write export file: %w", err)
	}
	return nil
}

func exportRange(start, end string) (attnflow.TimeRange, error) {
	var r attnflow.TimeRange
	var err error
	if start != "" {
		if r.Start, err = attnflow.ParseTime(start); err != nil {
			return r, fmt.Errorf("--start: %w", err)
		}
	}
	if end != "" {
		if r.End, err = attnflow.ParseTime(end); err != nil {
			return r, fmt.Errorf("--end: %w", err)
		}
	}
	if !r.Start.IsZero() && !r.End.IsZero() && r.End.Before(r.Start) {
		return r, attnflow.Errorf(attnflow.EINVALID, "--end %s is before --start %s", end, start)
	}
	return r, nil
}

// exportSource opens the store to read: the server at serverURL, or the
// store in the data directory (reading it beside a running server is
// safe: SQLite's write-ahead log gives readers a consistent snapshot).
func exportSource(ctx context.Context, cfg Config, serverURL string) (attnflow.Store, error) {
	if serverURL != "" {
		return serverClient(cfg, serverURL), nil
	}
	path := filepath.Join(cfg.DataDir, storeFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no store at %s (choose the data directory with --data): %w", path, err)
	}
	return openStore(ctx, cfg.DataDir, nil)
}
