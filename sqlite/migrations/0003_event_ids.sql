-- 0003: event ids are never reused (AUTOINCREMENT).
--
-- The heartbeat journal (hblog.go) hands out ids before their events reach
-- this table, from blocks it reserves by raising the table's sqlite_sequence
-- row; every other insert, in any process, then takes an id above the block.
-- It also means a deleted event's id never names another event later.
CREATE TABLE events_new (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket INTEGER NOT NULL REFERENCES buckets (key),
    start  INTEGER NOT NULL,
    dur    INTEGER NOT NULL,
    data   INTEGER NOT NULL REFERENCES data (id)
);
INSERT INTO events_new (id, bucket, start, dur, data) SELECT id, bucket, start, dur, data FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_start ON events (bucket, start);
