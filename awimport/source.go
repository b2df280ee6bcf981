package awimport

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode"
	"unicode/utf8"

	"github.com/attnflow/attnflow"
)

// Source is an ActivityWatch history that can be read, event by event, as
// often as needed.
type Source interface {
	// Format names what was found, e.g. "aw-server-rust database (schema v4)".
	Format() string
	// Buckets returns the source's buckets in id order.
	Buckets() []attnflow.Bucket
	// Scan calls fn for every event, each bucket's events in the source's
	// order (the file's, or by id in a database); the buckets' events may
	// come interleaved, as a database stores them. An event that cannot
	// be read is passed with a non-nil bad error describing it (and a
	// zero event); fn decides whether to go on. An error fn returns stops
	// the scan and is returned. With decode false the events are only
	// checked, faster, and fn gets zero events.
	Scan(ctx context.Context, decode bool, fn func(bucketID string, e attnflow.Event, bad error) error) error
	// Settings returns the source's settings as attnflow stores them: the
	// key the web UI uses (e.g. "classes") and a JSON value.
	Settings(ctx context.Context) (map[string]json.RawMessage, error)
	// Close releases the source.
	Close() error
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open detects what the file at path is and opens it as a Source: an
// ActivityWatch export JSON, or an aw-server (Python) or aw-server-rust
// SQLite database. Anything else is refused with an EINVALID error that
// says what was found.
func Open(ctx context.Context, path string) (Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open import file: %w", err)
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read import file: %w", err)
	}
	head = head[:n]
	switch {
	case n == 0:
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s is empty: nothing to import", path)
	case bytes.HasPrefix(head, sqliteMagic):
		if err := checkSQLiteSize(path, head); err != nil {
			return nil, err
		}
		return openDatabase(ctx, path)
	case looksLikeJSON(head):
		return openExport(ctx, path)
	case bytes.HasPrefix(sqliteMagic, head) && len(head) < len(sqliteMagic):
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s is a truncated SQLite file (%d bytes): nothing imported", path, n)
	}
	return nil, attnflow.Errorf(attnflow.EINVALID,
		"%s is neither an ActivityWatch export (JSON) nor an ActivityWatch database (SQLite): it starts with %q",
		path, describeHead(head))
}

// checkSQLiteSize refuses a SQLite file shorter than its header says, the
// mark of a copy cut short. A file with a write-ahead log beside it is
// not checked: its header may lag behind the log.
func checkSQLiteSize(path string, head []byte) error {
	if len(head) < 100 {
		return attnflow.Errorf(attnflow.EINVALID, "%s is a truncated SQLite file (%d bytes)", path, len(head))
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	valid := binary.BigEndian.Uint32(head[92:96]) == binary.BigEndian.Uint32(head[24:28])
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("read import file: %w", err)
	}
	if want := pageSize * pages; valid && pages > 0 && fi.Size() < want {
		return attnflow.Errorf(attnflow.EINVALID, "%s is a truncated SQLite file: its header says %d bytes but it has %d", path, want, fi.Size())
	}
	return nil
}

// looksLikeJSON reports whether head starts (after a byte order mark and
// white space) with a JSON object.
func looksLikeJSON(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && head[0] == '{'
}

// describeHead shows the first bytes of a file, printable or not.
func describeHead(head []byte) string {
	if len(head) > 24 {
		head = head[:24]
	}
	if utf8.Valid(head) {
		printable := true
		for _, r := range string(head) {
			if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
				printable = false
			}
		}
		if printable {
			return string(head)
		}
	}
	return fmt.Sprintf("% x", head)
}
