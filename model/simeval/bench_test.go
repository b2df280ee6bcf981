package simeval

import (
	"runtime"
	"testing"
	"time"

	"github.com/attnflow/attnflow/model"
)

// BenchmarkTrain90Days trains the personal model on 90 simulated days with
// every check-in the schedule would have asked (up to 6 a day), the
// cross-validation that decides whether to keep it included.
func BenchmarkTrain90Days(b *testing.B) {
	d, err := Generate("student", 1, 90)
	if err != nil {
		b.Fatal(err)
	}
	h := model.PriorHMM()
	answers, last := Reports(d, h, 1000, 0.25, 1)
	days := ModelDays(d, answers, last)
	b.Logf("%d days, %d windows, %d check-ins", len(days), len(d.AllWindows()), len(answers))
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	var t model.Trained
	for b.Loop() {
		t = model.Train(days, time.Minute)
	}
	b.StopTimer()
	var after, live runtime.MemStats
	runtime.ReadMemStats(&after)
	runtime.GC()
	runtime.ReadMemStats(&live)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MB-alloc/op")
	// Live heap: the 90 days of windows and check-ins plus the model.
	b.ReportMetric(float64(live.HeapAlloc)/(1<<20), "MB-live")
	b.ReportMetric(float64(after.Sys)/(1<<20), "MB-sys")
	runtime.KeepAlive(days)
	b.Logf("note: %s", t.Note)
}

// BenchmarkEstimateWindow is one window of online inference with reasons
// (the filter step, the Shapley reasons and interruptibility).
func BenchmarkEstimateWindow(b *testing.B) {
	d, err := Generate("developer", 1, 7)
	if err != nil {
		b.Fatal(err)
	}
	ws := d.AllWindows()
	h := model.PriorHMM()
	f := model.NewFilter(h, model.FitBaseline(ws), time.Minute)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		e := f.Step(ws[i%len(ws)])
		h.Interruptible(e)
		i++
	}
}
