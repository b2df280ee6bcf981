package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
)

// connector opens driver connections and applies per-connection pragmas,
// so that the writer and the readers get their own settings with either
// driver.
type connector struct {
	path    string
	pragmas []string
}

func newConnector(path string, pragmas []string) *connector {
	return &connector{path: path, pragmas: pragmas}
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
