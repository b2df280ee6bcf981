package bench

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/gaze"
)

var update = flag.Bool("update", false, "rewrite testdata/labels.golden")

// TestLabelsGolden pins the default detector's labels on the development
// recordings (a SHA-256 of each recording's label sequence), so a speed-up
// of the detector cannot change a single label unnoticed. Regenerate with
// -update only when a change of labels is intended (and re-run the
// evaluation for BENCHMARKS.md).
func TestLabelsGolden(t *testing.T) {
	recs, err := Load(os.DirFS(dataDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := gaze.NewDetector(gaze.DefaultMethod)
	var sb strings.Builder
	for _, r := range recs {
		labs := d.Classify(r.Samples, Geometry())
		b := make([]byte, len(labs))
		for i, l := range labs {
			b[i] = byte(l)
		}
		fmt.Fprintf(&sb, "%s %x\n", r.Name, sha256.Sum256(b))
	}
	golden := filepath.Join("testdata", "labels.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := sb.String(); got != string(want) {
		t.Errorf("labels changed:\ngot\n%s\nwant\n%s", got, want)
	}
}
