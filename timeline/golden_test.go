package timeline_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// base is the zero of fixture times: events are written [t, d, data] with
// t and d in seconds from base.
var base = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// fixEvent is an event in fixture form: [t, d, data].
type fixEvent struct {
	T, D float64
	Data attnflow.Data
}

func (f *fixEvent) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != 3 {
		return fmt.Errorf("fixture event %s is not [t, d, data]", b)
	}
	if err := json.Unmarshal(raw[0], &f.T); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[1], &f.D); err != nil {
		return err
	}
	return json.Unmarshal(raw[2], &f.Data)
}

func (f fixEvent) MarshalJSON() ([]byte, error) {
	data := f.Data
	if data == nil {
		data = attnflow.Data{}
	}
	return json.Marshal([]any{f.T, f.D, map[string]any(data)})
}

func toEvents(t *testing.T, fs []fixEvent) []attnflow.Event {
	t.Helper()
	out := make([]attnflow.Event, len(fs))
	for i, f := range fs {
		out[i] = attnflow.Event{
			Timestamp: base.Add(time.Duration(f.T * 1e9)),
			Duration:  time.Duration(f.D * 1e9),
			Data:      f.Data,
		}
	}
	return out
}

func fromEvents(es []attnflow.Event) []fixEvent {
	out := make([]fixEvent, len(es))
	for i, e := range es {
		out[i] = fixEvent{T: e.Timestamp.Sub(base).Seconds(), D: e.Duration.Seconds(), Data: e.Data}
	}
	return out
}

// fixCase is one golden case of an operation.
type fixCase struct {
	Name    string          `json:"name"`
	In      []fixEvent      `json:"in"`
	In2     []fixEvent      `json:"in2"`
	Args    map[string]any  `json:"args"`
	Want    json.RawMessage `json:"want"`
	WantErr string          `json:"want_err"`
}

// ops runs the operation named by a fixture file on a case.
var ops = map[string]func(t *testing.T, c fixCase) (any, error){
	"flood": func(t *testing.T, c fixCase) (any, error) {
		pulse := 5.0
		if p, ok := c.Args["pulsetime"].(float64); ok {
			pulse = p
		}
		variant := timeline.FloodMidpoint
		if c.Args["variant"] == "longer" {
			variant = timeline.FloodLonger
		}
		return fromEvents(timeline.Flood(toEvents(t, c.In), time.Duration(pulse*1e9), variant)), nil
	},
	"filter_period_intersect": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.FilterPeriodIntersect(toEvents(t, c.In), toEvents(t, c.In2))), nil
	},
	"period_union": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.PeriodUnion(toEvents(t, c.In), toEvents(t, c.In2))), nil
	},
	"union_no_overlap": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.UnionNoOverlap(toEvents(t, c.In), toEvents(t, c.In2))), nil
	},
	"merge_events_by_keys": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.MergeByKeys(toEvents(t, c.In), strs(c.Args["keys"]))), nil
	},
	"chunk_events_by_key": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.ChunkByKey(toEvents(t, c.In), c.Args["key"].(string))), nil
	},
	"split_url_events": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.SplitURL(toEvents(t, c.In))), nil
	},
	"categorize": func(t *testing.T, c fixCase) (any, error) {
		rules, err := timeline.ParseCategoryRules(c.Args["rules"])
		if err != nil {
			return nil, err
		}
		return fromEvents(timeline.Categorize(toEvents(t, c.In), timeline.NewCategorizer(rules))), nil
	},
	"tag": func(t *testing.T, c fixCase) (any, error) {
		rules, err := timeline.ParseTagRules(c.Args["rules"])
		if err != nil {
			return nil, err
		}
		return fromEvents(timeline.Tag(toEvents(t, c.In), timeline.NewTagger(rules))), nil
	},
	"filter_keyvals": func(t *testing.T, c fixCase) (any, error) {
		vals, _ := c.Args["vals"].([]any)
		if c.Args["exclude"] == true {
			return fromEvents(timeline.ExcludeKeyvals(toEvents(t, c.In), c.Args["key"].(string), vals)), nil
		}
		return fromEvents(timeline.FilterKeyvals(toEvents(t, c.In), c.Args["key"].(string), vals)), nil
	},
	"filter_keyvals_regex": func(t *testing.T, c fixCase) (any, error) {
		m, err := timeline.CompilePattern(c.Args["regex"].(string), false)
		if err != nil {
			return nil, err
		}
		return fromEvents(timeline.FilterKeyvalsRegex(toEvents(t, c.In), c.Args["key"].(string), m)), nil
	},
	"sort": func(t *testing.T, c fixCase) (any, error) {
		if c.Args["by"] == "duration" {
			return fromEvents(timeline.SortByDuration(toEvents(t, c.In))), nil
		}
		return fromEvents(timeline.SortByTimestamp(toEvents(t, c.In))), nil
	},
	"limit": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.Limit(toEvents(t, c.In), int(c.Args["n"].(float64)))), nil
	},
	"sum_durations": func(t *testing.T, c fixCase) (any, error) {
		return timeline.SumDurations(toEvents(t, c.In)).Seconds(), nil
	},
	"concat": func(t *testing.T, c fixCase) (any, error) {
		return fromEvents(timeline.Concat(toEvents(t, c.In), toEvents(t, c.In2))), nil
	},
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, len(list))
	for i, s := range list {
		out[i], _ = s.(string)
	}
	return out
}

// TestGolden runs every case of testdata/<op>.json through <op> and checks
// the result (or the error) against the case's want.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata: %v", err)
	}
	seen := map[string]bool{}
	for _, file := range files {
		op := strings.TrimSuffix(filepath.Base(file), ".json")
		run, ok := ops[op]
		if !ok {
			t.Errorf("%s: no operation %q", file, op)
			continue
		}
		seen[op] = true
		var cases []fixCase
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &cases); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, c := range cases {
			t.Run(op+"/"+c.Name, func(t *testing.T) {
				got, err := run(t, c)
				checkResult(t, got, err, c)
			})
		}
	}
	for op := range ops {
		if !seen[op] {
			t.Errorf("operation %q has no fixture file", op)
		}
	}
}

func checkResult(t *testing.T, got any, err error, c fixCase) {
	t.Helper()
	if c.WantErr != "" {
		if err == nil || !strings.Contains(err.Error(), c.WantErr) {
			t.Fatalf("error = %v, want one containing %q", err, c.WantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	gotJSON, _ := json.Marshal(got)
	var want any
	if err := json.Unmarshal(c.Want, &want); err != nil {
		t.Fatalf("bad want: %v", err)
	}
	var gotAny any
	_ = json.Unmarshal(gotJSON, &gotAny)
	wantJSON, _ := json.Marshal(want)
	gotNorm, _ := json.Marshal(gotAny)
	if string(gotNorm) != string(wantJSON) {
		t.Errorf("\n got: %s\nwant: %s", gotNorm, wantJSON)
	}
}
