package model

import (
	"strings"
	"testing"
	"time"
)

func TestFileRoundTrip(t *testing.T) {
	tr := DayOne(testBaseline)
	tr.Calibration = TrainCalibration(nil, 1, 0)
	b, err := tr.Marshal(t0)
	if err != nil {
		t.Fatal(err)
	}
	got, created, err := ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !created.Equal(t0) || got.Baseline != tr.Baseline || got.HMM != tr.HMM || got.Calibration == nil {
		t.Errorf("round trip changed the model: %+v", got)
	}
}

func TestFileBad(t *testing.T) {
	good, _ := DayOne(testBaseline).Marshal(t0)
	tests := []struct {
		name, file, want string
	}{
		{"truncated", string(good[:len(good)/2]), "damaged"},
		{"not ours", `{"format":"something","version":1}`, "not an attnflow model"},
		{"older", strings.Replace(string(good), `"version": 1`, `"version": 0`, 1), "version 0"},
		{"newer", strings.Replace(string(good), `"version": 1`, `"version": 7`, 1), "version 7"},
		{"zero spread", strings.Replace(string(good), `"sd": 0.12`, `"sd": 0`, 1), "damaged"},
	}
	for _, tt := range tests {
		_, _, err := ParseFile([]byte(tt.file))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestTrainWithFewCheckIns(t *testing.T) {
	ws := seq(repeat("focus", 30)...)
	day := Day{Windows: ws, CheckIns: []CheckIn{{Covers: spanOf(ws[0].Start, 15), State: Focus}}}
	tr := Train([]Day{day}, time.Minute)
	if tr.Calibration != nil || !strings.Contains(tr.Note, "1 check-ins") {
		t.Errorf("trained %+v with one check-in; want the day-one model and a note", tr.Note)
	}
	// Estimates of the trained model equal the day-one model's.
	a, b := tr.Estimates(ws, time.Minute), Estimates(PriorHMM(), tr.Baseline, ws, time.Minute)
	if a[29].Score != b[29].Score {
		t.Errorf("score %v, day-one %v", a[29].Score, b[29].Score)
	}
}

func TestCrossValidateNeedsTwoDays(t *testing.T) {
	ws := seq(repeat("focus", 30)...)
	_, err := CrossValidate([]Day{{Windows: ws, CheckIns: []CheckIn{{Covers: spanOf(ws[0].Start, 15), State: Focus}}}}, PriorHMM(), testBaseline, time.Minute, 1)
	if err == nil || !strings.Contains(err.Error(), "at least 2 days") {
		t.Errorf("error %v, want one asking for check-ins on 2 days", err)
	}
}
