package server

import (
	"math"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
)

// FuzzReadGazeNDJSON: any upload is either a clean EINVALID/ETOOLARGE
// error or samples in time order with finite or NaN positions — never a
// panic.
func FuzzReadGazeNDJSON(f *testing.F) {
	f.Add(`{"t": 1732838400.5, "x": 1, "y": 2, "pupil": 3}` + "\n" + `{"t_ms": 1732838400600, "x": null, "y": null}`)
	f.Add(`{"t": 1e308, "x": 1e308, "y": -1}`)
	f.Add("\n\n{\"t\": -1}\n")
	f.Add(`{"t": 1, "x": 1, "y": 2}` + "\n" + `{"t": 0.5, "x": 1, "y": 2}`)
	f.Fuzz(func(t *testing.T, body string) {
		got, err := readGazeNDJSON(strings.NewReader(body))
		if err != nil {
			if c := attnflow.ErrorCode(err); c != attnflow.EINVALID && c != attnflow.ETOOLARGE {
				t.Fatalf("error %v has code %q, want EINVALID or ETOOLARGE", err, c)
			}
			return
		}
		for i, ts := range got {
			if i > 0 && ts.at.Before(got[i-1].at) {
				t.Fatalf("sample %d goes back in time", i)
			}
			if math.IsInf(ts.s.X, 0) || math.IsInf(ts.s.Y, 0) || math.IsNaN(ts.s.X) != math.IsNaN(ts.s.Y) {
				t.Fatalf("sample %d has position %v, %v", i, ts.s.X, ts.s.Y)
			}
		}
	})
}
