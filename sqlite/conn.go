package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
)

// connector opens driver connections and applies per-connection pragmas,
// so that the writer and the readers get their own settings with either
// driver.
type connector struct {
	path    string // a file path or a file: URI
	pragmas []string
}

func newConnector(path string, pragmas []string) *connector {
	return &connector{path: path, pragmas: pragmas}
}

// storeURI names the store file for the driver. Unless shared, it selects
// SQLite's "unix-excl" VFS: the process holds the file exclusively and
// keeps the WAL index in its own memory instead of the -shm file, so that a
// transaction takes no fcntl locks (six system calls per commit
// otherwise). Every connection of one store must use the same VFS.
// busyMS is the driver's busy timeout, which applies before the
// connection's own pragmas run.
func storeURI(path string, shared bool, busyMS int) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("store path: %w", err)
	}
	q := url.Values{"_busy_timeout": {strconv.Itoa(busyMS)}}
	if !shared {
		q.Set("vfs", "unix-excl")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String(), nil
}

// Connect implements driver.Connector.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := sqliteDriver.Open(c.path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", c.path, err)
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("open %s: driver cannot execute statements directly", c.path)
	}
	for _, p := range c.pragmas {
		if _, err := ex.ExecContext(ctx, "PRAGMA "+p, nil); err != nil {
			conn.Close()
			return nil, fmt.Errorf("open %s: pragma %s: %w", c.path, p, err)
		}
	}
	return conn, nil
}

// Driver implements driver.Connector.
func (c *connector) Driver() driver.Driver { return sqliteDriver }
