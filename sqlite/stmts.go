package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// bucketColumns selects a bucket with its first event start and last
// event end; the end is searched among events starting no earlier than
// the newest start minus the bucket's longest duration.
const bucketColumns = `SELECT b.key, b.id, b.name, b.type, b.client, b.hostname, b.created, b.data,
	(SELECT MIN(start) FROM events WHERE bucket = b.key),
	(SELECT MAX(start + dur) FROM events WHERE bucket = b.key AND start >=
		(SELECT MAX(start) FROM events WHERE bucket = b.key) - b.max_dur)
	FROM buckets b`

// eventColumns selects events with their data.
const eventColumns = `SELECT e.id, e.start, e.dur, d.json FROM events e JOIN data d ON d.id = e.data`

// readStmts are prepared on the read pool.
type readStmts struct {
	bucketKey  *sql.Stmt
	bucket     *sql.Stmt
	buckets    *sql.Stmt
	events     *sql.Stmt
	dataByIDs  *sql.Stmt
	event      *sql.Stmt
	lastEvent  *sql.Stmt
	count      *sql.Stmt
	setting    *sql.Stmt
	settings   *sql.Stmt
	all        []*sql.Stmt
	prepareErr error
}

func (s *readStmts) prepare(ctx context.Context, db *sql.DB) error {
	p := func(q string) *sql.Stmt {
		if s.prepareErr != nil {
			return nil
		}
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			s.prepareErr = fmt.Errorf("prepare %q: %w", q, err)
			return nil
		}
		s.all = append(s.all, st)
		return st
	}
	s.bucketKey = p(`SELECT key, max_dur FROM buckets WHERE id = ?`)
	s.bucket = p(bucketColumns + ` WHERE b.id = ?`)
	s.buckets = p(bucketColumns + ` ORDER BY b.id`)
	// Events reads data ids only; payloads come from payloadCache or,
	// for those it misses, one dataByIDs query (a JSON array of ids).
	s.events = p(`SELECT id, start, dur, data FROM events
		WHERE bucket = ?1 AND start <= ?2 AND start >= ?3 AND start + dur >= ?4
		ORDER BY start DESC, id LIMIT ?5`)
	s.dataByIDs = p(`SELECT id, json FROM data WHERE id IN (SELECT value FROM json_each(?))`)
	s.event = p(eventColumns + ` WHERE e.id = ? AND e.bucket = ?`)
	s.lastEvent = p(eventColumns + ` WHERE e.bucket = ? ORDER BY e.start DESC, e.id DESC LIMIT 1`)
	// Events starting inside the range count from the index alone; only
	// those starting before it need their duration checked.
	s.count = p(`SELECT (SELECT COUNT(*) FROM events WHERE bucket = ?1 AND start <= ?2 AND start >= ?4)
		+ (SELECT COUNT(*) FROM events WHERE bucket = ?1 AND start <= ?2 AND start >= ?3 AND start < ?4 AND start + dur >= ?4)`)
	s.setting = p(`SELECT value FROM settings WHERE key = ?`)
	s.settings = p(`SELECT key, value FROM settings ORDER BY key`)
	return s.prepareErr
}

func (s *readStmts) close() {
	closeAll(s.all)
	s.all = nil
}

// writeStmts are prepared on the writer's connection.
type writeStmts struct {
	begin, commit, rollback         *sql.Stmt
	savepoint, release, rollbackTo  *sql.Stmt
	insertEvent, upsertEvent        *sql.Stmt
	setDur, bumpMaxDur, eventExists *sql.Stmt
	deleteEvent                     *sql.Stmt
	findData, insertData            *sql.Stmt
	createBucket, deleteBucket      *sql.Stmt
	deleteBucketEvents              *sql.Stmt
	setSetting, deleteSetting       *sql.Stmt
	seqInit, seqReserve             *sql.Stmt
	insertLogged, eventByID         *sql.Stmt
	setLoggedDur                    *sql.Stmt
	all                             []*sql.Stmt
}

func (s *writeStmts) prepare(ctx context.Context, conn *sql.Conn) error {
	var errs []error
	p := func(q string) *sql.Stmt {
		st, err := conn.PrepareContext(ctx, q)
		if err != nil {
			errs = append(errs, fmt.Errorf("prepare %q: %w", q, err))
			return nil
		}
		s.all = append(s.all, st)
		return st
	}
	s.begin = p(`BEGIN IMMEDIATE`)
	s.commit = p(`COMMIT`)
	s.rollback = p(`ROLLBACK`)
	s.savepoint = p(`SAVEPOINT op`)
	s.release = p(`RELEASE op`)
	s.rollbackTo = p(`ROLLBACK TO op`)
	s.insertEvent = p(`INSERT INTO events (bucket, start, dur, data) VALUES (?, ?, ?, ?)`)
	s.upsertEvent = p(`INSERT INTO events (id, bucket, start, dur, data) VALUES (?1, ?2, ?3, ?4, ?5)
		ON CONFLICT (id) DO UPDATE SET start = excluded.start, dur = excluded.dur, data = excluded.data
		WHERE events.bucket = excluded.bucket`)
	s.setDur = p(`UPDATE events SET dur = ? WHERE id = ?`)
	s.bumpMaxDur = p(`UPDATE buckets SET max_dur = ?2 WHERE key = ?1 AND max_dur < ?2`)
	s.eventExists = p(`SELECT EXISTS (SELECT 1 FROM events WHERE bucket = ? AND start = ? AND dur = ? AND data = ?)`)
	s.deleteEvent = p(`DELETE FROM events WHERE id = ? AND bucket = ?`)
	s.findData = p(`SELECT id, json FROM data WHERE hash = ?`)
	s.insertData = p(`INSERT INTO data (hash, json) VALUES (?, ?)`)
	s.createBucket = p(`INSERT INTO buckets (id, name, type, client, hostname, created, data)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	s.deleteBucket = p(`DELETE FROM buckets WHERE key = ?`)
	s.deleteBucketEvents = p(`DELETE FROM events WHERE bucket = ?`)
	s.setSetting = p(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	s.deleteSetting = p(`DELETE FROM settings WHERE key = ?`)
	// The heartbeat log's statements (journal.go).
	s.seqInit = p(`INSERT INTO sqlite_sequence (name, seq)
		SELECT 'events', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events')`)
	s.seqReserve = p(`UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(id), 0) FROM events)) + ?
		WHERE name = 'events' RETURNING seq`)
	s.insertLogged = p(`INSERT INTO events (id, bucket, start, dur, data)
		SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM buckets WHERE key = ?2)
		ON CONFLICT (id) DO NOTHING`)
	s.eventByID = p(`SELECT bucket, start, data FROM events WHERE id = ?`)
	s.setLoggedDur = p(`UPDATE events SET dur = ?1 WHERE id = ?2 AND bucket = ?3 AND start = ?4`)
	return errors.Join(errs...)
}

func (s *writeStmts) close() {
	closeAll(s.all)
	s.all = nil
}

func closeAll(stmts []*sql.Stmt) {
	for _, st := range stmts {
		st.Close()
	}
}
