package quickadd

import (
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

func TestParseErrors(t *testing.T) {
	now := corpusNow(t, "UTC")
	tests := []struct {
		name, input, wantMsg string
	}{
		{"empty", "   ", "empty task"},
		{"only fields", "3h by Fri p1", "no title left"},
		{"only chinese fields", "周五前 3小时 紧急", "no title left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.input, now)
			if got := attnflow.ErrorCode(err); got != attnflow.EINVALID {
				t.Fatalf("Parse(%q) code = %q, want %q (err %v)", tt.input, got, attnflow.EINVALID, err)
			}
			if msg := attnflow.ErrorMessage(err); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q does not contain %q", msg, tt.wantMsg)
			}
		})
	}
}

func TestParseAssumptions(t *testing.T) {
	now := corpusNow(t, "UTC") // Wednesday 10:00
	tests := []struct {
		input, wantAssumed string
	}{
		{"call Bob at 3", `"at 3" read as 15:00`},
		{"sync with team Wed", `is today`},
		{"prepare talk next Friday", `(next week), not the coming Fri 27 Nov`},
		{"send memo by 9am", `09:00 has passed today: read as tomorrow`},
		{"ship it by 12/4", `read as month/day`},
		{"review budget Friday", `read as when to do it`},
		{"plan offsite next week", `read as Mon 30 Nov – Fri 4 Dec`},
		{"write essay 2h 1h", `two estimates given`},
		{"fix bug p1 p3", `kept the higher, P1`},
		{"周三 开会", `is today`},
		{"3点 开会", `read as 15:00`},
		{"本周一前 交报告", `has passed this week`},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			r, err := Parse(tt.input, now)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !strings.Contains(strings.Join(r.Assumed, "\n"), tt.wantAssumed) {
				t.Errorf("Assumed = %q, want one containing %q", r.Assumed, tt.wantAssumed)
			}
		})
	}
}

func TestParseLangAndUnderstood(t *testing.T) {
	now := corpusNow(t, "Asia/Shanghai")
	tests := []struct {
		input, wantLang string
		wantUnderstood  int
	}{
		{"write Q3 report 3h by Fri p1 #deep", "en", 4},
		{"周五前写完季度报告 3小时 高优先级 #深度", "zh", 4},
		{"写 Q3 report by Fri 3小时", "mixed", 2},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			r, err := Parse(tt.input, now)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.Lang != tt.wantLang {
				t.Errorf("Lang = %q, want %q", r.Lang, tt.wantLang)
			}
			if len(r.Understood) != tt.wantUnderstood {
				t.Errorf("Understood = %q, want %d lines", r.Understood, tt.wantUnderstood)
			}
		})
	}
}

func TestParseKeepsZone(t *testing.T) {
	loc := time.FixedZone("X", -5*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	r, err := Parse("pay rent by Fri 5pm", now)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 27, 17, 0, 0, 0, loc)
	if !r.Deadline.Equal(want) || r.Deadline.Location() != loc {
		t.Errorf("Deadline = %v, want %v in the zone of now", r.Deadline, want)
	}
}

func TestResultTask(t *testing.T) {
	now := corpusNow(t, "Europe/Berlin")
	r, err := Parse("write Q3 report 3h by Fri p1 #deep #q3", now)
	if err != nil {
		t.Fatal(err)
	}
	task := r.Task("t1")
	if task.ID != "t1" || task.Title != "write Q3 report" || task.Estimate != 3*time.Hour ||
		task.Priority != 1 || task.Kind != "deep" || len(task.Tags) != 1 || task.Tags[0] != "q3" ||
		!task.Deadline.Equal(time.Date(2026, 11, 27, 23, 59, 0, 0, now.Location())) {
		t.Errorf("Task = %+v", task)
	}
}
