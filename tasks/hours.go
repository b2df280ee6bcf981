package tasks

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/attnflow/attnflow/plan"
)

// WorkingHoursSetting is the settings key the dashboard stores working
// hours under: {"days": [1,2,3,4,5], "start": "09:00", "end": "17:30"},
// days as time.Weekday numbers (0 = Sunday).
const WorkingHoursSetting = "attnflow.workingHours"

// WorkHours reads the working-hours setting; nil or empty gives office
// hours (Mon–Fri 09:00–17:00). The note says which were used.
func WorkHours(raw json.RawMessage) (plan.WorkHours, string, error) {
	if len(raw) == 0 {
		return plan.OfficeHours(), "working hours Mon–Fri 09:00–17:00 (the default; set them in the dashboard's settings)", nil
	}
	var s struct {
		Days  []int  `json:"days"`
		Start string `json:"start"`
		End   string `json:"end"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return plan.WorkHours{}, "", fmt.Errorf("setting %s: %w", WorkingHoursSetting, err)
	}
	if s.Days == nil {
		s.Days = []int{1, 2, 3, 4, 5}
	}
	start, err1 := clockOf(s.Start, 9*time.Hour)
	end, err2 := clockOf(s.End, 17*time.Hour)
	if err1 != nil || err2 != nil || end <= start {
		return plan.WorkHours{}, "", fmt.Errorf("setting %s: start %q and end %q must be HH:MM with end after start", WorkingHoursSetting, s.Start, s.End)
	}
	var w plan.WorkHours
	for _, d := range s.Days {
		if d >= 0 && d <= 6 {
			w[d] = plan.Window{Start: start, End: end}
		}
	}
	return w, fmt.Sprintf("working hours %s–%s on your %d working days (from your settings)", fmtClock(start), fmtClock(end), len(s.Days)), nil
}

func clockOf(s string, def time.Duration) (time.Duration, error) {
	if s == "" {
		return def, nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

func fmtClock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}
