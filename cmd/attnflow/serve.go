package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/attnflow/attnflow/server"
	"github.com/attnflow/attnflow/sqlite"
	"github.com/spf13/cobra"
)

func newServeCmd(g *globalFlags) *cobra.Command {
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP server (ActivityWatch-compatible API) without watchers",
		Long: `serve runs attnflow's HTTP server on the embedded store: the ActivityWatch API
under /api/0 (every ActivityWatch watcher and client works unchanged), /metrics
for Prometheus and /healthz. It listens on 127.0.0.1:5600 by default (5666 with
--testing). Stop it with Ctrl-C; pending writes are flushed before it exits.`,
		Example: `  attnflow serve
  attnflow serve --testing
  attnflow serve --port 5700 --data /tmp/attnflow-demo
  curl http://127.0.0.1:5600/api/0/info`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			if cpuProfile != "" {
				stop, err := startCPUProfile(cpuProfile)
				if err != nil {
					return err
				}
				defer stop()
			}
			return runServer(cmd.Context(), cfg, newLogger(cfg.Log), nil)
		}}
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the server to this file (used by attnflow bench --profile)")
	_ = cmd.Flags().MarkHidden("cpuprofile")
	return cmd
}

// runServer opens the store, serves until ctx ends, then flushes and closes.
// start, if not nil, runs beside the server (the watchers) with the store.
func runServer(ctx context.Context, cfg Config, logger *slog.Logger, start func(ctx context.Context, a *app) error) error {
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := a.srv.Listen()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	if start != nil {
		go func() { errc <- start(ctx, a) }()
	}
	fmt.Fprintf(os.Stderr, "attnflow listening on http://%s — open it in a browser for the dashboard; data in %s\n", ln.Addr(), cfg.DataDir)
	serveErr := a.srv.Serve(ctx, ln)
	cancel()
	logger.Info("shutting down: flushing writes")
	if start != nil {
		if err := <-errc; err != nil && ctx.Err() == nil {
			logger.Error("watchers stopped", "err", err)
		}
	}
	return serveErr
}

// app is everything a running attnflow holds.
type app struct {
	cfg    Config
	logger *slog.Logger
	db     *sqlite.DB
	srv    *server.Server
}

func openApp(ctx context.Context, cfg Config, logger *slog.Logger) (*app, error) {
	if err := prepareDataDir(cfg.DataDir); err != nil {
		return nil, err
	}
	id, err := deviceID(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	db, err := openServerStore(ctx, cfg.DataDir, logger)
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	srv, err := server.New(server.Config{
		Addr: hostPort(cfg.Server.Host, cfg.Server.Port), Testing: cfg.Server.Testing,
		Hostname: host, DeviceID: id, APIKeys: cfg.Server.APIKeys, CORSOrigins: cfg.Server.CORSOrigins,
		Model: newModelSource(cfg.DataDir, logger),
	}, db, logger, nil)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &app{cfg: cfg, logger: logger, db: db, srv: srv}, nil
}

func (a *app) close() {
	if err := a.db.Close(); err != nil {
		a.logger.Error("close store", "err", err)
	}
}
