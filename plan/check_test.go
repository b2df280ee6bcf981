package plan

import (
	"strings"
	"testing"
	"time"
)

// TestCheckCatchesEachViolation breaks each rule on purpose in a hand-made
// plan and expects Check to name it.
func TestCheckCatchesEachViolation(t *testing.T) {
	deep := Task{ID: "d", Title: "deep", Estimate: 4 * time.Hour, Kind: KindDeep, Deadline: at(t, 0, 16, 0)}
	deep2 := Task{ID: "d2", Title: "deep2", Estimate: 2 * time.Hour, Kind: KindDeep}
	late := Task{ID: "l", Title: "later", Estimate: time.Hour, Earliest: at(t, 0, 14, 0)}
	child := Task{ID: "c", Title: "child", Estimate: time.Hour, After: []string{"l"}}
	blk := func(id string, h1, m1, h2, m2 int) Block {
		return Block{TaskID: id, Title: id, Start: at(t, 0, h1, m1), End: at(t, 0, h2, m2)}
	}
	tests := []struct {
		name    string
		blocks  []Block
		busy    []Busy
		wantErr string
	}{
		{"ok", []Block{blk("d", 9, 0, 10, 30), blk("l", 14, 0, 15, 0), blk("c", 15, 15, 16, 15)}, nil, ""},
		{"outside working hours", []Block{blk("l", 17, 0, 18, 0)}, nil, "not free working time"},
		{"in lunch", []Block{blk("d", 12, 0, 12, 30)}, nil, "not free working time"},
		{"over a meeting", []Block{blk("d", 9, 0, 10, 0)}, []Busy{{Start: at(t, 0, 9, 30), End: at(t, 0, 10, 0)}}, "not free working time"},
		{"overlap", []Block{blk("d", 9, 0, 10, 0), blk("l", 9, 30, 10, 0)}, nil, "overlaps"},
		{"too long", []Block{blk("d", 9, 0, 11, 0)}, nil, "longer than the 1h30m maximum chunk"},
		{"too short", []Block{blk("d", 9, 0, 9, 15)}, nil, "shorter than the 30m minimum chunk"},
		{"past deadline", []Block{blk("d", 16, 0, 17, 0)}, nil, "past its deadline"},
		{"before earliest", []Block{blk("l", 13, 0, 14, 0)}, nil, "before its earliest start"},
		{"more than needed", []Block{blk("l", 14, 0, 15, 0), blk("l", 15, 15, 16, 15)}, nil, "only 4 needed"},
		{"dependency order", []Block{blk("c", 9, 0, 10, 0), blk("l", 14, 0, 15, 0)}, nil, `before "later" ends`},
		{"dependency unfinished", []Block{blk("c", 15, 0, 16, 0), blk("l", 14, 0, 14, 30)}, nil, "is not fully planned"},
		{"deep cap", []Block{blk("d", 9, 0, 10, 30), blk("d", 10, 45, 11, 45), blk("d2", 13, 0, 14, 30), blk("d", 14, 45, 15, 45)}, nil, "over the daily cap"},
		{"no break", []Block{blk("d", 9, 0, 10, 30), blk("d2", 10, 30, 11, 0)}, nil, "without a 15m break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dayProblem(t, deep, deep2, late, child)
			p.Busy = tt.busy
			p.Policy = Policy{DailyDeepCap: 4 * time.Hour}
			err := Check(p, &Plan{Blocks: tt.blocks})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Check = %v, want no violation", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Check = %v, want a violation containing %q", err, tt.wantErr)
			}
		})
	}
}
