package sqlite

import (
	"errors"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// sqliteDriver is the cgo SQLite driver, chosen over the pure-Go
// modernc.org/sqlite by measurement (BENCHMARKS.md, "Store").
var sqliteDriver = &sqlite3.SQLiteDriver{}

// DriverName names the SQLite driver this build uses.
const DriverName = "mattn/go-sqlite3"

// isBusy reports whether err is SQLite's "database is locked": another
// process holds the file.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}
