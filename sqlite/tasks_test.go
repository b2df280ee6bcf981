package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/tasks"
)

func openTasksDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(t.Context(), filepath.Join(t.TempDir(), "t.db"), nil, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestTasksCRUD(t *testing.T) {
	db := openTasksDB(t)
	ctx := t.Context()
	due := time.Date(2026, 3, 6, 17, 0, 0, 0, time.UTC)
	in := tasks.Task{Title: "write report", EstimateMin: 180, Deadline: due, Priority: 1, Kind: "deep",
		Tags: []string{"#q3"}, Rules: []tasks.Rule{{Field: "title", Pattern: "(?i)report"}}}
	a, err := db.CreateTask(ctx, in)
	if err != nil {
		t.Fatalf("CreateTask: %v", err)
	}
	b, err := db.CreateTask(ctx, tasks.Task{Title: "email", EstimateMin: 30, After: []string{a.ID}})
	if err != nil {
		t.Fatalf("CreateTask: %v", err)
	}
	if a.ID != "1" || b.ID != "2" || b.Priority != 3 || b.Kind != "shallow" || a.Tags[0] != "q3" {
		t.Fatalf("created %+v and %+v: want ids 1, 2, defaults P3 shallow, tag q3", a, b)
	}
	got, err := db.Task(ctx, a.ID)
	if err != nil || !got.Deadline.Equal(due) || len(got.Rules) != 1 {
		t.Fatalf("Task(1) = %+v, %v; want the stored task", got, err)
	}
	got.Done = true
	if _, err := db.UpdateTask(ctx, got); err != nil {
		t.Fatalf("UpdateTask: %v", err)
	}
	open, _ := db.Tasks(ctx, tasks.Filter{})
	all, _ := db.Tasks(ctx, tasks.Filter{Done: true})
	if len(open) != 1 || open[0].ID != "2" || len(all) != 2 {
		t.Fatalf("open %d (want 1, id 2), all %d (want 2)", len(open), len(all))
	}
	if err := db.DeleteTask(ctx, "2"); err != nil {
		t.Fatalf("DeleteTask: %v", err)
	}
	for _, id := range []string{"2", "x", "99"} {
		if _, err := db.Task(ctx, id); attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
			t.Errorf("Task(%q): got %v, want ENOTFOUND", id, err)
		}
	}
	if err := db.DeleteTask(ctx, "2"); attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
		t.Errorf("DeleteTask twice: got %v, want ENOTFOUND", err)
	}
	if _, err := db.UpdateTask(ctx, tasks.Task{ID: "42", Title: "x", EstimateMin: 5}); attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
		t.Errorf("UpdateTask(42): got %v, want ENOTFOUND", err)
	}
}

func TestTasksInvalid(t *testing.T) {
	db := openTasksDB(t)
	for name, tk := range map[string]tasks.Task{
		"no title":    {EstimateMin: 10},
		"no estimate": {Title: "x"},
		"priority 9":  {Title: "x", EstimateMin: 10, Priority: 9},
		"bad regex":   {Title: "x", EstimateMin: 10, Rules: []tasks.Rule{{Field: "app", Pattern: "("}}},
		"bad field":   {Title: "x", EstimateMin: 10, Rules: []tasks.Rule{{Field: "colour", Pattern: "x"}}},
		"chunks":      {Title: "x", EstimateMin: 10, MinChunkMin: 60, MaxChunkMin: 30},
	} {
		if _, err := db.CreateTask(t.Context(), tk); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestCalendars(t *testing.T) {
	db := openTasksDB(t)
	ctx := t.Context()
	for _, c := range []tasks.Calendar{{Name: "work", Data: []byte("A"), Events: 1}, {Name: "work", Data: []byte("B"), Events: 2}, {Name: "home", Data: []byte("C")}} {
		if err := db.PutCalendar(ctx, c); err != nil {
			t.Fatalf("PutCalendar: %v", err)
		}
	}
	cs, err := db.Calendars(ctx)
	if err != nil || len(cs) != 2 || cs[1].Name != "work" || string(cs[1].Data) != "B" || cs[1].Events != 2 {
		t.Fatalf("Calendars = %+v, %v; want home and the replaced work", cs, err)
	}
	if err := db.DeleteCalendar(ctx, "nope"); attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
		t.Errorf("DeleteCalendar(nope): got %v, want ENOTFOUND", err)
	}
}
