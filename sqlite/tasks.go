package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/tasks"
)

var (
	_ tasks.Store         = (*DB)(nil)
	_ tasks.CalendarStore = (*DB)(nil)
)

// taskSeq reads a task id; ids are the decimal row numbers.
func taskSeq(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0, attnflow.Errorf(attnflow.ENOTFOUND, "no task %q: task ids are numbers, see \"attnflow tasks list\"", id)
	}
	return n, nil
}

// CreateTask stores a new task and returns it with its ID and Created set.
func (db *DB) CreateTask(ctx context.Context, t tasks.Task) (tasks.Task, error) {
	t = tasks.Normalize(t)
	t.ID = ""
	if err := tasks.Validate(t); err != nil {
		return tasks.Task{}, err
	}
	if t.Created.IsZero() {
		t.Created = time.Now().UTC()
	}
	err := db.w.do(ctx, &writeOp{fn: func(w *writeTx) error {
		res, err := w.conn.ExecContext(ctx, `INSERT INTO tasks (created, done, body) VALUES (?, ?, '{}')`, t.Created.UnixNano(), t.Done)
		if err != nil {
			return fmt.Errorf("create task: %w", err)
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("create task: %w", err)
		}
		t.ID = strconv.FormatInt(seq, 10)
		body, err := json.Marshal(t)
		if err != nil {
			return fmt.Errorf("encode task: %w", err)
		}
		if _, err := w.conn.ExecContext(ctx, `UPDATE tasks SET body = ? WHERE seq = ?`, string(body), seq); err != nil {
			return fmt.Errorf("create task: %w", err)
		}
		return nil
	}})
	if err != nil {
		return tasks.Task{}, err
	}
	return t, nil
}

// Task returns one task; ENOTFOUND when there is none with that id.
func (db *DB) Task(ctx context.Context, id string) (tasks.Task, error) {
	seq, err := taskSeq(id)
	if err != nil {
		return tasks.Task{}, err
	}
	var body string
	err = db.rdb.QueryRowContext(ctx, `SELECT body FROM tasks WHERE seq = ?`, seq).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return tasks.Task{}, attnflow.Errorf(attnflow.ENOTFOUND, "no task %s", id)
	} else if err != nil {
		return tasks.Task{}, fmt.Errorf("read task: %w", err)
	}
	return decodeTask(body)
}

func decodeTask(body string) (tasks.Task, error) {
	var t tasks.Task
	if err := json.Unmarshal([]byte(body), &t); err != nil {
		return tasks.Task{}, fmt.Errorf("decode task: %w", err)
	}
	return t, nil
}

// Tasks lists tasks in creation order, the open ones only unless f.Done.
func (db *DB) Tasks(ctx context.Context, f tasks.Filter) ([]tasks.Task, error) {
	q := `SELECT body FROM tasks WHERE done = 0 ORDER BY seq`
	if f.Done {
		q = `SELECT body FROM tasks ORDER BY seq`
	}
	rows, err := db.rdb.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	defer rows.Close()
	out := []tasks.Task{}
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("list tasks: %w", err)
		}
		t, err := decodeTask(body)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	return out, nil
}

// UpdateTask replaces a stored task; ENOTFOUND when its id is unknown.
func (db *DB) UpdateTask(ctx context.Context, t tasks.Task) (tasks.Task, error) {
	seq, err := taskSeq(t.ID)
	if err != nil {
		return tasks.Task{}, err
	}
	t = tasks.Normalize(t)
	if err := tasks.Validate(t); err != nil {
		return tasks.Task{}, err
	}
	body, err := json.Marshal(t)
	if err != nil {
		return tasks.Task{}, fmt.Errorf("encode task: %w", err)
	}
	err = db.w.do(ctx, &writeOp{fn: func(w *writeTx) error {
		res, err := w.conn.ExecContext(ctx, `UPDATE tasks SET done = ?, body = ? WHERE seq = ?`, t.Done, string(body), seq)
		return affected(res, err, "update task", attnflow.Errorf(attnflow.ENOTFOUND, "no task %s", t.ID))
	}})
	if err != nil {
		return tasks.Task{}, err
	}
	return t, nil
}

// DeleteTask removes a task; ENOTFOUND when its id is unknown.
func (db *DB) DeleteTask(ctx context.Context, id string) error {
	seq, err := taskSeq(id)
	if err != nil {
		return err
	}
	return db.w.do(ctx, &writeOp{fn: func(w *writeTx) error {
		res, err := w.conn.ExecContext(ctx, `DELETE FROM tasks WHERE seq = ?`, seq)
		return affected(res, err, "delete task", attnflow.Errorf(attnflow.ENOTFOUND, "no task %s", id))
	}})
}

// affected turns an exec result into none when it changed no row.
func affected(res sql.Result, err error, what string, none error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		return none
	}
	return nil
}

// PutCalendar stores or replaces a calendar by name.
func (db *DB) PutCalendar(ctx context.Context, c tasks.Calendar) error {
	if c.Name == "" {
		return attnflow.Errorf(attnflow.EINVALID, "calendar needs a name")
	}
	if c.Imported.IsZero() {
		c.Imported = time.Now()
	}
	return db.w.do(ctx, &writeOp{fn: func(w *writeTx) error {
		_, err := w.conn.ExecContext(ctx, `INSERT INTO calendars (name, imported, events, body) VALUES (?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET imported = excluded.imported, events = excluded.events, body = excluded.body`,
			c.Name, c.Imported.UnixNano(), c.Events, c.Data)
		if err != nil {
			return fmt.Errorf("store calendar: %w", err)
		}
		return nil
	}})
}

// Calendars returns every stored calendar, by name.
func (db *DB) Calendars(ctx context.Context) ([]tasks.Calendar, error) {
	rows, err := db.rdb.QueryContext(ctx, `SELECT name, imported, events, body FROM calendars ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list calendars: %w", err)
	}
	defer rows.Close()
	out := []tasks.Calendar{}
	for rows.Next() {
		var c tasks.Calendar
		var ns int64
		if err := rows.Scan(&c.Name, &ns, &c.Events, &c.Data); err != nil {
			return nil, fmt.Errorf("list calendars: %w", err)
		}
		c.Imported = time.Unix(0, ns).UTC()
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list calendars: %w", err)
	}
	return out, nil
}

// DeleteCalendar removes a calendar; ENOTFOUND when there is none.
func (db *DB) DeleteCalendar(ctx context.Context, name string) error {
	return db.w.do(ctx, &writeOp{fn: func(w *writeTx) error {
		res, err := w.conn.ExecContext(ctx, `DELETE FROM calendars WHERE name = ?`, name)
		return affected(res, err, "delete calendar", attnflow.Errorf(attnflow.ENOTFOUND, "no calendar %q", name))
	}})
}
