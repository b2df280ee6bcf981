package ics

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/plan"
	"github.com/google/go-cmp/cmp"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func readFixture(t *testing.T, name string, w attnflow.TimeRange, loc *time.Location) ([]plan.Busy, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadBusy(f, w, loc)
}

func TestReadBusyRecurring(t *testing.T) {
	loc := berlin(t)
	w := attnflow.TimeRange{
		Start: time.Date(2026, 10, 19, 0, 0, 0, 0, loc),
		End:   time.Date(2026, 11, 3, 0, 0, 0, 0, loc),
	}
	got, err := readFixture(t, "recurring.ics", w, loc)
	if err != nil {
		t.Fatalf("ReadBusy: %v", err)
	}
	var lines []string
	for _, b := range got {
		lines = append(lines, b.Start.In(loc).Format("01-02 15:04 MST")+"–"+b.End.In(loc).Format("01-02 15:04")+" "+b.Title)
	}
	// Worked out by hand: Berlin leaves summer time on 25 Oct, New York on
	// 1 Nov, so the New York sync moves from 16:00 to 15:00 Berlin time
	// while the stand-up stays at 09:30; 27 and 29 Oct are EXDATEs, 28 Oct
	// is moved, 30 Oct is cancelled; the birthday is transparent.
	want := []string{
		"10-19 09:30 CEST–10-19 09:45 Daily stand-up",
		"10-20 09:30 CEST–10-20 09:45 Daily stand-up",
		"10-20 16:00 CEST–10-20 17:00 Sync with New York",
		"10-21 09:30 CEST–10-21 09:45 Daily stand-up",
		"10-22 09:30 CEST–10-22 09:45 Daily stand-up",
		"10-23 09:30 CEST–10-23 09:45 Daily stand-up",
		"10-26 09:30 CET–10-26 09:45 Daily stand-up",
		"10-26 16:00 CET–10-26 17:00 Floating dentist",
		"10-27 15:00 CET–10-27 16:00 Sync with New York",
		"10-28 13:00 CET–10-28 14:00 Design review (UTC)",
		"10-28 14:00 CET–10-28 14:15 Daily stand-up (moved)",
		"10-30 00:00 CET–10-31 00:00 Day off",
		"11-02 08:00 CET–11-02 08:30 Monthly all-hands",
		"11-02 09:30 CET–11-02 09:45 Daily stand-up",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("busy blocks (-want +got):\n%s", diff)
	}
}

func TestReadBusyErrors(t *testing.T) {
	loc := berlin(t)
	w := attnflow.TimeRange{Start: time.Date(2026, 10, 1, 0, 0, 0, 0, loc), End: time.Date(2026, 11, 1, 0, 0, 0, 0, loc)}
	tests := []struct {
		file, wantMsg string
		window        attnflow.TimeRange
	}{
		{"garbage.ics", "not an iCalendar file", w},
		{"malformed-tz.ics", `unknown time zone "W. Europe Standard Time"`, w},
		{"end-before-start.ics", `event "Backwards": DTEND`, w},
		{"recurring.ics", "needs a start and an end", attnflow.TimeRange{Start: w.Start}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := readFixture(t, tt.file, tt.window, loc)
			if attnflow.ErrorCode(err) != attnflow.EINVALID {
				t.Fatalf("code = %q, want %q (err %v)", attnflow.ErrorCode(err), attnflow.EINVALID, err)
			}
			if msg := attnflow.ErrorMessage(err); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q does not contain %q", msg, tt.wantMsg)
			}
		})
	}
}

func TestWritePlanRoundTrip(t *testing.T) {
	loc := berlin(t)
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, loc)
	blocks := []plan.Block{
		{TaskID: "t1", Title: "Write Q3 report", Kind: plan.KindDeep, Start: day.Add(9 * time.Hour), End: day.Add(11 * time.Hour),
			Reason: "deep work in your peak hours (capacity 0.82 ± 0.06); due Fri"},
		{TaskID: "t2", Title: "写周报, with; commas and a title long enough to need folding at seventy-five octets", Kind: plan.KindAdmin, Start: day.Add(16 * time.Hour), End: day.Add(16*time.Hour + 30*time.Minute)},
	}
	var buf bytes.Buffer
	if err := WritePlan(&buf, blocks, day); err != nil {
		t.Fatalf("WritePlan: %v", err)
	}
	for _, line := range strings.Split(buf.String(), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets, want at most 75: %q", len(line), line)
		}
	}
	w := attnflow.TimeRange{Start: day, End: day.AddDate(0, 0, 1)}
	got, err := ReadBusy(&buf, w, time.UTC)
	if err != nil {
		t.Fatalf("ReadBusy of our own output: %v\n%s", err, buf.String())
	}
	var want []plan.Busy
	for _, b := range blocks {
		want = append(want, plan.Busy{Start: b.Start, End: b.End, Title: b.Title})
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
