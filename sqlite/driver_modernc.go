//go:build modernc

package sqlite

import msqlite "modernc.org/sqlite"

// sqliteDriver is the pure-Go SQLite driver.
var sqliteDriver = &msqlite.Driver{}

// DriverName names the SQLite driver this build uses.
const DriverName = "modernc.org/sqlite"
