package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
)

// OpenRaw opens any SQLite file with this build's driver, without
// attnflow's schema or writer: for reading another program's database (an
// ActivityWatch server's) and for tests that build such files. With
// readOnly the file is opened in SQLite's read-only mode and nothing is
// ever written to it; otherwise it is created if missing. The caller
// closes the returned pool.
func OpenRaw(ctx context.Context, path string, readOnly bool) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	mode := "rwc"
	pragmas := []string{"busy_timeout=5000"}
	if readOnly {
		mode = "ro"
		pragmas = append(pragmas, "query_only=1")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: "mode=" + mode}
	db := sql.OpenDB(newConnector(u.String(), pragmas))
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
