package sqlite

import (
	"context"
	"fmt"

	"github.com/attnflow/attnflow"
)

// ImportEvents inserts the events the bucket does not already hold (same
// timestamp, duration and canonical data) in one transaction and returns
// how many it inserted. Input ids are ignored.
func (db *DB) ImportEvents(ctx context.Context, bucketID string, events []attnflow.Event) (int, error) {
	rows, longest, err := encodeEvents(events)
	if err != nil {
		return 0, err
	}
	st, err := db.lockBucket(ctx, bucketID)
	if err != nil {
		return 0, err
	}
	defer st.mu.Unlock()
	var inserted int
	err = db.writeEvents(ctx, st, longest, false, func(t *writeTx) error {
		inserted = 0
		for _, r := range rows {
			dataID, err := t.internData(r.json)
			if err != nil {
				return err
			}
			var exists bool
			if err := t.w.stmts.eventExists.QueryRow(st.key, r.start, r.dur, dataID).Scan(&exists); err != nil {
				return fmt.Errorf("import: look for duplicate: %w", err)
			}
			if exists {
				continue
			}
			if _, err := t.w.stmts.insertEvent.Exec(st.key, r.start, r.dur, dataID); err != nil {
				return fmt.Errorf("import: insert event: %w", err)
			}
			inserted++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return inserted, nil
}
