package query_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow/query"
	"github.com/attnflow/attnflow/query/querytest"
)

// addSeeds adds every query of testdata/eval and the stock dashboard
// query to the fuzz corpus.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/eval/*.test")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, part := range strings.Split(string(b), "--- query\n")[1:] {
			q, _, _ := strings.Cut(part, "\n--- ")
			f.Add(q)
		}
	}
	f.Add(querytest.FullDesktopQuery(querytest.StockParams([]string{"aw-watcher-web-firefox_host"})))
}

// FuzzCompile checks that compiling any text never panics and fails only
// with a positioned *query.Error.
func FuzzCompile(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		_, err := query.Compile(src)
		if err == nil {
			return
		}
		var qe *query.Error
		if !errors.As(err, &qe) {
			t.Fatalf("compile error is not a *query.Error: %v", err)
		}
		if qe.Kind != query.KindParse && qe.Kind != query.KindInterpret {
			t.Fatalf("compile error of kind %s: %v", qe.Kind, qe)
		}
		if qe.Pos.Line < 0 || qe.Pos.Col < 0 || qe.Msg == "" {
			t.Fatalf("bad error %#v", qe)
		}
	})
}

// FuzzRun checks that running any program that compiles never panics,
// stays within its bounds, fails only with *query.Error, and returns a
// JSON-marshalable result.
func FuzzRun(f *testing.F) {
	addSeeds(f)
	src := loadSource(f)
	period := mustPeriod(f)
	f.Fuzz(func(t *testing.T, text string) {
		p, err := query.Compile(text)
		if err != nil {
			return
		}
		start := time.Now()
		res, err := p.Run(context.Background(), src, period, query.Options{
			Timeout: 2 * time.Second, MaxEvents: 100_000, MaxBytes: 1 << 20,
		})
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("run took %v despite a 2s timeout", d)
		}
		if err != nil {
			var qe *query.Error
			if !errors.As(err, &qe) {
				t.Fatalf("run error is not a *query.Error: %v", err)
			}
			return
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
	})
}
