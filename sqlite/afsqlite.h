// The few SQLite functions attnflow's C read paths call (rawscan.go,
// rawdata.go). They are compiled into the binary by
// github.com/mattn/go-sqlite3 (its bundled amalgamation), so only their
// prototypes are needed here.
#include <stdint.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_prepare_v3(sqlite3*, const char*, int, unsigned int, sqlite3_stmt**, const char**);
int sqlite3_bind_int64(sqlite3_stmt*, int, long long);
int sqlite3_reset(sqlite3_stmt*);
int sqlite3_step(sqlite3_stmt*);
long long sqlite3_column_int64(sqlite3_stmt*, int);
const void* sqlite3_column_blob(sqlite3_stmt*, int);
int sqlite3_column_bytes(sqlite3_stmt*, int);
int sqlite3_finalize(sqlite3_stmt*);
const char* sqlite3_errmsg(sqlite3*);

enum { af_ok = 0, af_row = 100, af_done = 101 };
