package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/attnflow/attnflow"
)

// CreateBucket stores a new bucket; ECONFLICT if the id exists.
func (db *DB) CreateBucket(ctx context.Context, b attnflow.Bucket) error {
	if err := attnflow.ValidateBucketID(b.ID); err != nil {
		return err
	}
	if b.Created.IsZero() {
		b.Created = db.opts.Now()
	}
	created, err := toNanos(b.Created, "bucket creation time")
	if err != nil {
		return err
	}
	data, err := canonical(b.Data)
	if err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "bucket %q data cannot be stored as JSON", b.ID)
	}
	return db.w.do(ctx, &writeOp{fn: func(t *writeTx) error {
		return t.change(t.w.stmts.createBucket, "create bucket",
			attnflow.Errorf(attnflow.ECONFLICT, "bucket %q already exists", b.ID),
			b.ID, b.Name, b.Type, b.Client, b.Hostname, created, data)
	}})
}

// Bucket returns one bucket with First/Last filled.
func (db *DB) Bucket(ctx context.Context, id string) (attnflow.Bucket, error) {
	if err := db.syncPending(ctx); err != nil {
		return attnflow.Bucket{}, err
	}
	b, err := scanBucket(db.stmts.bucket.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return attnflow.Bucket{}, errBucketNotFound(id)
	} else if err != nil {
		return attnflow.Bucket{}, fmt.Errorf("read bucket: %w", err)
	}
	return b, nil
}

// Buckets returns all buckets ordered by id.
func (db *DB) Buckets(ctx context.Context) ([]attnflow.Bucket, error) {
	if err := db.syncPending(ctx); err != nil {
		return nil, err
	}
	rows, err := db.stmts.buckets.QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("list buckets: %w", err)
	}
	defer rows.Close()
	bs := []attnflow.Bucket{}
	for rows.Next() {
		b, err := scanBucket(rows)
		if err != nil {
			return nil, fmt.Errorf("list buckets: %w", err)
		}
		bs = append(bs, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list buckets: %w", err)
	}
	return bs, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanBucket(s scanner) (attnflow.Bucket, error) {
	var (
		b       attnflow.Bucket
		key     int64
		created int64
		data    []byte
		first   sql.NullInt64
		last    sql.NullInt64
	)
	if err := s.Scan(&key, &b.ID, &b.Name, &b.Type, &b.Client, &b.Hostname, &created, &data, &first, &last); err != nil {
		return b, err
	}
	b.Created = fromNanos(created)
	if err := json.Unmarshal(data, &b.Data); err != nil {
		return b, fmt.Errorf("bucket %q data: %w", b.ID, err)
	}
	if b.Data == nil {
		b.Data = attnflow.Data{}
	}
	if first.Valid {
		b.First = fromNanos(first.Int64)
	}
	if last.Valid {
		b.Last = fromNanos(last.Int64)
	}
	return b, nil
}

// DeleteBucket removes a bucket and all its events.
func (db *DB) DeleteBucket(ctx context.Context, id string) error {
	st, err := db.lockBucket(ctx, id)
	if err != nil {
		return err
	}
	defer st.mu.Unlock()
	err = db.w.do(ctx, &writeOp{fn: func(t *writeTx) error {
		if _, err := t.w.stmts.deleteBucketEvents.Exec(st.key); err != nil {
			return fmt.Errorf("delete bucket events: %w", err)
		}
		if _, err := t.w.stmts.deleteBucket.Exec(st.key); err != nil {
			return fmt.Errorf("delete bucket: %w", err)
		}
		return nil
	}})
	if err != nil {
		st.invalidate()
		return err
	}
	db.forget(id, st)
	return nil
}
