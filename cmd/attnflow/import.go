package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/awimport"
	"github.com/attnflow/attnflow/server"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

func newImportCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Bring history from other tools into attnflow",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newImportAWCmd(g), newImportGazeCmd())
	return cmd
}

// importFlags are the options of "attnflow import activitywatch".
type importFlags struct {
	serverURL         string
	batch             int
	skipInvalid       bool
	overwriteSettings bool
	dryRun            bool
	settingsFile      string
}

func newImportAWCmd(g *globalFlags) *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:     "activitywatch PATH",
		Aliases: []string{"aw"},
		Short:   "Import an ActivityWatch export or an ActivityWatch server's database",
		Long: `import activitywatch reads an ActivityWatch history and merges it into attnflow.
PATH is detected by its content:

  an export JSON       from the web UI (Settings → Export) or GET /api/0/export,
                       all buckets or one bucket
  aw-server database   the Python server's peewee-sqlite.v2.db
                       (~/.local/share/activitywatch/aw-server/); its
                       settings live apart: add them with --settings
  aw-server-rust       the Rust server's sqlite.db
  database             (~/.local/share/activitywatch/aw-server-rust/), with its
                       settings (categories, start of day, ...)

The whole file is read and checked first: a truncated, damaged or foreign file
is refused and nothing is imported. Then missing buckets are created and events
are merged in batches: events attnflow already holds (same time, duration and
data) are skipped, so running the same import again adds nothing. Settings
attnflow already has are kept unless --overwrite-settings.

It imports into the store in the data directory, which the attnflow server must
not hold at the same time: with the server running, import through it with
--server URL. Stop ActivityWatch first, or import a copy of its database: the
file is only read, but long reads would hold up its writes.`,
		Example: `  attnflow import activitywatch ~/Downloads/aw-buckets-export.json
  attnflow import activitywatch ~/.local/share/activitywatch/aw-server-rust/sqlite.db
  attnflow import activitywatch --dry-run peewee-sqlite.v2.db
  attnflow import activitywatch --settings ~/.config/activitywatch/aw-server/settings.json peewee-sqlite.v2.db
  attnflow import activitywatch --server http://127.0.0.1:5600 sqlite.db`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			return runImport(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), cfg, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.serverURL, "server", "", "import through the attnflow server at this URL instead of into the data directory's store")
	fl.IntVar(&f.batch, "batch", awimport.DefaultBatch, "events per write")
	fl.BoolVar(&f.skipInvalid, "skip-invalid", false, "import the readable events of a file that also holds unreadable ones")
	fl.BoolVar(&f.overwriteSettings, "overwrite-settings", false, "replace settings attnflow already has")
	fl.BoolVar(&f.dryRun, "dry-run", false, "read and check the file, write nothing")
	fl.StringVar(&f.settingsFile, "settings", "", "also import the Python aw-server's settings.json (~/.config/activitywatch/aw-server/)")
	return cmd
}

func runImport(ctx context.Context, stdout, stderr io.Writer, cfg Config, path string, f importFlags) error {
	logger := newLogger(cfg.Log)
	var settings map[string]json.RawMessage
	if f.settingsFile != "" {
		var err error
		if settings, err = awimport.ReadSettingsFile(f.settingsFile); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "reading %s\n", path)
	src, err := awimport.Open(ctx, path)
	if err != nil {
		return err
	}
	defer src.Close()
	fmt.Fprintf(stderr, "found %s\n", src.Format())
	st, where, err := importTarget(ctx, cfg, f.serverURL, f.dryRun)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := awimport.Options{
		Batch: f.batch, SkipInvalid: f.skipInvalid, OverwriteSettings: f.overwriteSettings, DryRun: f.dryRun, Settings: settings,
		Progress: newBar(stderr, "events"), Logger: logger,
	}
	defer debug.SetGCPercent(debug.SetGCPercent(awimport.GCPercent))
	start := time.Now()
	sum, err := awimport.Import(ctx, src, st, opts)
	if err != nil {
		if sum.Buckets != nil && !f.dryRun && errors.Is(err, context.Canceled) {
			return fmt.Errorf("import interrupted: run it again to finish (it skips what is already imported): %w", err)
		}
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	printImportSummary(stdout, sum, path, where, time.Since(start))
	return nil
}

// importTarget opens where an import writes: the server at serverURL, or
// the store in the data directory unless a server is holding it.
func importTarget(ctx context.Context, cfg Config, serverURL string, dryRun bool) (attnflow.Store, string, error) {
	if serverURL != "" {
		c := serverClient(cfg, serverURL)
		if _, err := c.Info(ctx); err != nil {
			return nil, "", fmt.Errorf("no attnflow server answers at %s: %w", serverURL, err)
		}
		return c, serverURL, nil
	}
	if dryRun {
		return readOnlyStore{}, cfg.DataDir, nil
	}
	if err := refuseIfServed(ctx, cfg); err != nil {
		return nil, "", err
	}
	if err := prepareDataDir(cfg.DataDir); err != nil {
		return nil, "", err
	}
	db, err := openStore(ctx, cfg.DataDir, nil)
	if err != nil {
		return nil, "", err
	}
	return db, db.Path(), nil
}

// serverClient talks to the attnflow server at url with the configured
// API key, allowing a large import batch minutes.
func serverClient(cfg Config, url string) *server.Client {
	key := ""
	if len(cfg.Server.APIKeys) > 0 {
		key = cfg.Server.APIKeys[0]
	}
	return server.NewClient(url, key, &http.Client{Timeout: 5 * time.Minute})
}

// refuseIfServed fails when the configured server answers with the
// device id of this data directory: it holds the store, whose caches
// assume no other process writes it.
func refuseIfServed(ctx context.Context, cfg Config) error {
	b, err := os.ReadFile(filepath.Join(cfg.DataDir, "device_id"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no server has ever run on this directory
	} else if err != nil {
		return fmt.Errorf("read device id: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	info, err := server.NewClient(cfg.baseURL(), "", nil).Info(ctx)
	if err != nil || info.DeviceID != strings.TrimSpace(string(b)) {
		return nil
	}
	return fmt.Errorf("attnflow is running at %s on this data directory (%s): import through it with --server %s, or stop it first",
		cfg.baseURL(), cfg.DataDir, cfg.baseURL())
}

// readOnlyStore stands in for the store in a dry run, which writes nothing.
type readOnlyStore struct{ attnflow.Store }

func (readOnlyStore) Close() error { return nil }

// newBar shows progress on w: a redrawn line on a terminal, plain lines
// otherwise.
func newBar(w io.Writer, unit string) *awimport.Bar {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return awimport.NewBar(w, tty, unit, nil)
}

func printImportSummary(w io.Writer, sum awimport.Summary, path, where string, took time.Duration) {
	if sum.DryRun {
		fmt.Fprintf(w, "checked %s (%s) in %s: dry run, nothing written\n\n", path, sum.Format, took.Round(time.Millisecond))
	} else {
		fmt.Fprintf(w, "imported %s (%s) into %s in %s\n\n", path, sum.Format, where, took.Round(time.Millisecond))
	}
	width := len("bucket")
	for _, b := range sum.Buckets {
		width = max(width, len(b.ID)+len(" (new)"))
	}
	row := func(id string, b awimport.BucketSummary) {
		fmt.Fprintf(w, "%-*s %10d %10d %10d %8d\n", width, id, b.Read, b.Inserted, b.Duplicates, b.Invalid)
	}
	fmt.Fprintf(w, "%-*s %10s %10s %10s %8s\n", width, "bucket", "read", "inserted", "duplicates", "invalid")
	for _, b := range sum.Buckets {
		id := b.ID
		if b.Created {
			id += " (new)"
		}
		row(id, b)
	}
	row("total", sum.Totals())
	if len(sum.Settings.Imported) > 0 {
		fmt.Fprintf(w, "\nsettings imported: %s\n", strings.Join(sum.Settings.Imported, ", "))
	}
	if len(sum.Settings.Kept) > 0 {
		fmt.Fprintf(w, "settings kept (already set; --overwrite-settings replaces them): %s\n", strings.Join(sum.Settings.Kept, ", "))
	}
}
