-- 0002: the planner's tasks and imported calendars.
--
-- A task is stored as its JSON form (tasks.Task) with the columns a
-- listing filters on; seq gives short, stable ids ("7") in creation order.
-- Calendars keep the iCalendar file as imported so that recurring events
-- are expanded over each plan's own horizon.

CREATE TABLE tasks (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    created INTEGER NOT NULL,
    done    INTEGER NOT NULL DEFAULT 0,
    body    TEXT    NOT NULL
);
CREATE INDEX tasks_open ON tasks (done, seq);

CREATE TABLE calendars (
    name     TEXT    PRIMARY KEY,
    imported INTEGER NOT NULL,
    events   INTEGER NOT NULL DEFAULT 0,
    body     BLOB    NOT NULL
);
