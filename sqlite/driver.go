package sqlite

import sqlite3 "github.com/mattn/go-sqlite3"

// sqliteDriver is the cgo SQLite driver, chosen over the pure-Go
// modernc.org/sqlite by measurement (BENCHMARKS.md, "Store").
var sqliteDriver = &sqlite3.SQLiteDriver{}

// DriverName names the SQLite driver this build uses.
const DriverName = "mattn/go-sqlite3"
