package awimport

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixtureStore is a store holding testdata/aw-export.json.
func fixtureStore(t *testing.T) attnflow.Store {
	t.Helper()
	st := newStore(t)
	if _, err := importFile(t, "testdata/aw-export.json", st, Options{}); err != nil {
		t.Fatalf("import fixture: %v", err)
	}
	return st
}

func exportString(t *testing.T, st attnflow.Store, opts ExportOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Export(context.Background(), st, &buf, opts); err != nil {
		t.Fatalf("export: %v", err)
	}
	return buf.String()
}

func TestExportGolden(t *testing.T) {
	st := fixtureStore(t)
	for _, format := range []string{FormatAW, FormatNDJSON, FormatCSV} {
		t.Run(format, func(t *testing.T) {
			got := exportString(t, st, ExportOptions{Format: format, Page: 2})
			golden := filepath.Join("testdata", "export."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("export differs from %s (go test -update rewrites it):\n%s", golden, got)
			}
		})
	}
}

func TestExportRoundTrip(t *testing.T) {
	st := fixtureStore(t)
	path := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(path, []byte(exportString(t, st, ExportOptions{})), 0o600); err != nil {
		t.Fatal(err)
	}
	again := newStore(t)
	sum, err := importFile(t, path, again, Options{})
	if err != nil {
		t.Fatalf("import of the export: %v", err)
	}
	checkSummary(t, Summary{Buckets: withoutDuplicates(sum.Buckets)}, true)
	checkBuckets(t, again, sourceCase{names: true, data: true})
	checkEvents(t, again)
}

// withoutDuplicates makes an export's summary comparable with the
// fixture's, whose duplicates the store dropped before the export.
func withoutDuplicates(lines []BucketSummary) []BucketSummary {
	fx := map[string]int{}
	for _, f := range fixture() {
		fx[f.bucket.ID] = len(f.events)
	}
	out := append([]BucketSummary(nil), lines...)
	for i := range out {
		out[i].Read = fx[out[i].ID]
		out[i].Duplicates = out[i].Read - out[i].Inserted
	}
	return out
}

// denseStore holds a bucket with ties, long events overlapping many
// others and zero-duration events: what paging must not drop or repeat.
func denseStore(t *testing.T) (attnflow.Store, []attnflow.Event) {
	t.Helper()
	ctx := context.Background()
	st := newStore(t)
	if err := st.CreateBucket(ctx, attnflow.Bucket{ID: "b", Type: "t", Client: "c"}); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	var events []attnflow.Event
	for i := 0; i < 200; i++ {
		at := base.Add(time.Duration(i/5) * time.Minute) // five events share each start
		dur := time.Duration(i%3) * time.Second
		if i%50 == 0 {
			dur = 3 * time.Hour // spans the rest
		}
		events = append(events, attnflow.Event{Timestamp: at, Duration: dur, Data: attnflow.Data{"i": float64(i)}})
	}
	stored, err := st.InsertEvents(ctx, "b", events)
	if err != nil {
		t.Fatal(err)
	}
	return st, stored
}

func ndjsonKeys(t *testing.T, out string) []string {
	t.Helper()
	var keys []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var e attnflow.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		keys = append(keys, fmt.Sprintf("%d:%s", e.ID, eventKey(e)))
	}
	return keys
}

func TestExportPagesWithoutLossOrRepeat(t *testing.T) {
	st, stored := denseStore(t)
	base := stored[0].Timestamp
	ranges := []attnflow.TimeRange{
		{},
		{Start: base.Add(10 * time.Minute)},
		{End: base.Add(20 * time.Minute)},
		{Start: base.Add(10*time.Minute + 30*time.Second), End: base.Add(25 * time.Minute)},
		{Start: base.Add(time.Hour), End: base.Add(2 * time.Hour)},
	}
	for _, r := range ranges {
		for _, page := range []int{1, 3, 7, 1000} {
			t.Run(fmt.Sprintf("%v page %d", r, page), func(t *testing.T) {
				want, err := st.Events(context.Background(), "b", attnflow.EventFilter{Range: r, Limit: -1})
				if err != nil {
					t.Fatal(err)
				}
				var wantKeys []string
				for i := len(want) - 1; i >= 0; i-- { // oldest first
					wantKeys = append(wantKeys, fmt.Sprintf("%d:%s", want[i].ID, eventKey(want[i])))
				}
				got := ndjsonKeys(t, exportString(t, st, ExportOptions{Format: FormatNDJSON, Range: r, Page: page}))
				if strings.Join(sortedCopy(got), "\n") != strings.Join(sortedCopy(wantKeys), "\n") {
					t.Fatalf("exported %d events, want %d:\ngot  %v\nwant %v", len(got), len(wantKeys), got, wantKeys)
				}
				for i := 1; i < len(got); i++ {
					if startOf(t, got[i]) < startOf(t, got[i-1]) {
						t.Fatalf("event %d (%s) is older than the one before (%s)", i, got[i], got[i-1])
					}
				}
			})
		}
	}
}

// startOf returns the start in nanoseconds of a key "id:start|dur|data".
func startOf(t *testing.T, key string) int64 {
	t.Helper()
	_, rest, _ := strings.Cut(key, ":")
	ns, _, _ := strings.Cut(rest, "|")
	n, err := strconv.ParseInt(ns, 10, 64)
	if err != nil {
		t.Fatalf("key %q: %v", key, err)
	}
	return n
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func TestExportRefuses(t *testing.T) {
	st := fixtureStore(t)
	tests := []struct {
		name string
		opts ExportOptions
		code string
	}{
		{"unknown format", ExportOptions{Format: "xml"}, attnflow.EINVALID},
		{"unknown bucket", ExportOptions{Buckets: []string{"nope"}}, attnflow.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Export(context.Background(), st, &bytes.Buffer{}, tc.opts)
			if code := attnflow.ErrorCode(err); code != tc.code {
				t.Errorf("error = %v (code %s), want code %s", err, code, tc.code)
			}
		})
	}
}
