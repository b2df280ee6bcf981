package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// importBatches draws n batches of size events of one bucket as an
// importer hands them over: in time order, the payloads drawn from a
// working set of 40 that drifts through a pool of distinct ones, and
// events with equal payloads sharing one Data map.
func importBatches(n, size int, start time.Time) [][]attnflow.Event {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.2, 1, 39)
	var set [40]int
	maps := map[int]attnflow.Data{}
	payload := func(k int) attnflow.Data {
		d, ok := maps[k]
		if !ok {
			d = attnflow.Data{"app": fmt.Sprintf("app%d", k%8), "title": fmt.Sprintf("document %d — 项目", k)}
			maps[k] = d
		}
		return d
	}
	t := start
	out := make([][]attnflow.Event, n)
	for i := range out {
		out[i] = make([]attnflow.Event, size)
		for j := range out[i] {
			if (i*size+j)%300 == 0 {
				for range 10 {
					set[rng.IntN(len(set))] = rng.IntN(50000)
				}
			}
			dur := time.Duration(rng.ExpFloat64() * 20 * float64(time.Second))
			out[i][j] = attnflow.Event{Timestamp: t, Duration: dur, Data: payload(set[zipf.Uint64()])}
			t = t.Add(dur + time.Duration(rng.IntN(3000))*time.Millisecond)
		}
	}
	return out
}

// BenchmarkImportEvents imports batches of 5,000 events into an empty
// bucket (fresh) and the same batches again (again: all duplicates).
// cpu-ns/event is the figure to compare.
func BenchmarkImportEvents(b *testing.B) {
	const size = 5000
	for _, again := range []bool{false, true} {
		name := "fresh"
		if again {
			name = "again"
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			db := benchDB(b, "b")
			batches := importBatches(b.N, size, benchStart)
			if again {
				for _, events := range batches {
					if _, err := db.ImportEvents(ctx, "b", events); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ResetTimer()
			cpu := cpuTime()
			for _, events := range batches {
				n, err := db.ImportEvents(ctx, "b", events)
				if err != nil {
					b.Fatal(err)
				}
				if again && n != 0 {
					b.Fatalf("imported %d events again", n)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*size), "cpu-ns/event")
		})
	}
}
