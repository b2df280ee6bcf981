package gaze

import (
	"math"
	"testing"
)

func TestRunningMedian(t *testing.T) {
	nan := math.NaN()
	xs := []float64{5, 1, nan, 4, 2, 9, 3}
	got := runningMedian(xs, 1)
	want := []float64{3, 3, 2.5, 3, 4, 3, 6}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && got[i] != want[i]) {
			t.Errorf("runningMedian[%d] = %v, want %v (all %v)", i, got[i], want[i], got)
		}
	}
}

func TestRobustBelow(t *testing.T) {
	tests := []struct {
		xs          []float64
		cut         float64
		wantM, wMAD float64
	}{
		{[]float64{1, 2, 3, 4, 100}, 50, 2.5, 1},     // below 50: 1,2,3,4 → deviations .5,.5,1.5,1.5
		{[]float64{1, 2, 3, 4, 100}, 1000, 3, 1},     // deviations 2,1,0,1,97 → 1
		{[]float64{0, 0, 0, 10, 10}, 1000, 0, 0},     // deviations 0,0,0,10,10 → 0
		{[]float64{1, 3, 6, 10, 15, 21}, 1000, 8, 6}, // deviations sorted 2,2,5,7,7,13 → 6
	}
	for _, tt := range tests {
		m, s := robustBelow(tt.xs, tt.cut)
		if m != tt.wantM || math.Abs(s-1.4826*tt.wMAD) > 1e-9 {
			t.Errorf("robustBelow(%v, %v) = %v, %v; want %v, %v", tt.xs, tt.cut, m, s, tt.wantM, 1.4826*tt.wMAD)
		}
	}
}
