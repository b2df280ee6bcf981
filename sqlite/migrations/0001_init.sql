-- 0001: buckets, interned event data, events, settings.
--
-- Times are integer nanoseconds since the Unix epoch (UTC) and durations
-- integer nanoseconds. Event payloads repeat constantly (a window watcher
-- reports the same app and title for minutes), so each distinct canonical
-- JSON payload is stored once in "data" and events refer to it by id.

CREATE TABLE buckets (
    key      INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT    NOT NULL UNIQUE,
    name     TEXT    NOT NULL DEFAULT '',
    type     TEXT    NOT NULL DEFAULT '',
    client   TEXT    NOT NULL DEFAULT '',
    hostname TEXT    NOT NULL DEFAULT '',
    created  INTEGER NOT NULL,
    data     TEXT    NOT NULL DEFAULT '{}',
    -- An upper bound of the longest event duration ever stored in the
    -- bucket; range queries scan start >= range.start - max_dur only.
    max_dur  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE data (
    id   INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL, -- FNV-1a 64 of json, looked up then compared
    json BLOB    NOT NULL  -- canonical JSON (attnflow.Data.Canonical)
);
CREATE INDEX data_by_hash ON data (hash);

-- Event ids are rowids: a deleted newest event's id may be reused.
CREATE TABLE events (
    id     INTEGER PRIMARY KEY,
    bucket INTEGER NOT NULL REFERENCES buckets (key),
    start  INTEGER NOT NULL,
    dur    INTEGER NOT NULL,
    data   INTEGER NOT NULL REFERENCES data (id)
);
-- Scanned backwards for newest first (events with equal starts are put in
-- id order by a small sort). Ascending, so that new events append to the
-- right edge and fill pages. dur is left out so that a merging heartbeat,
-- which only changes dur, writes one page, not two.
CREATE INDEX events_by_start ON events (bucket, start);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
