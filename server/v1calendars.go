package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
	"github.com/attnflow/attnflow/plan/ics"
	"github.com/attnflow/attnflow/tasks"
)

// busy expands every stored calendar over the horizon.
func (a *tasksAPI) busy(ctx context.Context, window attnflow.TimeRange, loc *time.Location) ([]plan.Busy, error) {
	cals, err := a.cals.Calendars(ctx)
	if err != nil {
		return nil, err
	}
	var out []plan.Busy
	for _, c := range cals {
		bs, err := ics.ReadBusy(bytes.NewReader(c.Data), window, loc)
		if err != nil {
			return nil, fmt.Errorf("calendar %q: %w", c.Name, err)
		}
		out = append(out, bs...)
	}
	return out, nil
}

func (a *tasksAPI) handleCalendars(w http.ResponseWriter, r *http.Request) {
	cs, err := a.cals.Calendars(r.Context())
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cs)
}

// handleImportCalendar checks the file by reading a year of it, then
// stores it whole; recurrences are expanded per plan.
func (a *tasksAPI) handleImportCalendar(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		a.s.writeError(w, r, attnflow.Errorf(attnflow.EINVALID, "cannot read calendar: %v", err))
		return
	}
	now := a.now()
	bs, err := ics.ReadBusy(bytes.NewReader(data), attnflow.TimeRange{Start: now.AddDate(0, -1, 0), End: now.AddDate(1, 0, 0)}, time.Local)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	c := tasks.Calendar{Name: r.PathValue("name"), Imported: now.UTC(), Events: bytes.Count(data, []byte("BEGIN:VEVENT")), Data: data}
	if err := a.cals.PutCalendar(r.Context(), c); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"name": c.Name, "events": c.Events, "busy_blocks_checked": len(bs)})
}

func (a *tasksAPI) handleDeleteCalendar(w http.ResponseWriter, r *http.Request) {
	if err := a.cals.DeleteCalendar(r.Context(), r.PathValue("name")); err != nil {
		a.s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
