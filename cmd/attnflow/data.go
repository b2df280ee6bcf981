package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/attnflow/attnflow/sqlite"
	"github.com/google/uuid"
)

// storeFile is the SQLite database inside the data directory.
const storeFile = "attnflow.db"

// prepareDataDir creates the data directory, private to the user.
func prepareDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data directory %s: %w (choose another with --data)", dir, err)
	}
	return nil
}

// deviceID returns the id persisted in the data directory, creating it on
// first use so that /api/0/info stays stable across restarts.
func deviceID(dir string) (string, error) {
	path := filepath.Join(dir, "device_id")
	b, err := os.ReadFile(path)
	if err == nil {
		if id, perr := uuid.Parse(strings.TrimSpace(string(b))); perr == nil {
			return id.String(), nil
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read device id: %w", err)
	}
	id := uuid.NewString()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(id+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write device id: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("write device id: %w", err)
	}
	return id, nil
}

// openStore opens the embedded store in the data directory for a command
// that runs beside the server: it leaves the heartbeat log to the server
// (it still applies a log a killed server left behind).
func openStore(ctx context.Context, dir string, logger *slog.Logger) (*sqlite.DB, error) {
	return openStoreWith(ctx, dir, logger, sqlite.Options{Shared: true, NoJournal: true})
}

// openServerStore opens the store for the server, which takes the
// heartbeat log when no other process holds it.
func openServerStore(ctx context.Context, dir string, logger *slog.Logger) (*sqlite.DB, error) {
	return openStoreWith(ctx, dir, logger, sqlite.Options{Shared: true})
}

func openStoreWith(ctx context.Context, dir string, logger *slog.Logger, opts sqlite.Options) (*sqlite.DB, error) {
	// Shared: "attnflow report", "model", "export" and "checkin" read the
	// store while "attnflow up" runs. Exclusive access would save a few µs
	// per write (no file-lock calls) but lock every other command out.
	db, err := sqlite.Open(ctx, filepath.Join(dir, storeFile), logger, opts)
	if err != nil {
		return nil, fmt.Errorf("open store in %s: %w", dir, err)
	}
	return db, nil
}
