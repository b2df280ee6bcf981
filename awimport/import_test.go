package awimport

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnflow/attnflow"
)

// sourceCase builds one source file holding fixture() and says what of it
// the format keeps.
type sourceCase struct {
	name     string
	build    func(t *testing.T, path string)
	format   string
	names    bool // bucket names survive
	data     bool // bucket data survives
	settings bool // the source holds fixtureSettings
}

func sourceCases() []sourceCase {
	return []sourceCase{
		{name: "export json", format: "ActivityWatch export (JSON)", names: true, data: true,
			build: func(t *testing.T, path string) { copyFile(t, "testdata/aw-export.json", path) }},
		{name: "aw-server peewee without bucket data", format: "aw-server (Python) database", names: true,
			build: func(t *testing.T, path string) { buildPeewee(t, path, fixture(), false) }},
		{name: "aw-server peewee with bucket data", format: "aw-server (Python) database with bucket data", names: true, data: true,
			build: func(t *testing.T, path string) { buildPeewee(t, path, fixture(), true) }},
		{name: "aw-server-rust v1", format: "aw-server-rust database (schema v1)",
			build: func(t *testing.T, path string) { buildRust(t, path, fixture(), 1) }},
		{name: "aw-server-rust v3", format: "aw-server-rust database (schema v3)", data: true,
			build: func(t *testing.T, path string) { buildRust(t, path, fixture(), 3) }},
		{name: "aw-server-rust v6", format: "aw-server-rust database (schema v6)", data: true, settings: true,
			build: func(t *testing.T, path string) { buildRust(t, path, fixture(), 6) }},
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func importFile(t *testing.T, path string, st attnflow.Store, opts Options) (Summary, error) {
	t.Helper()
	ctx := context.Background()
	src, err := Open(ctx, path)
	if err != nil {
		return Summary{}, err
	}
	defer src.Close()
	return Import(ctx, src, st, opts)
}

func TestImportExactlyAndTwice(t *testing.T) {
	for _, tc := range sourceCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "source")
			tc.build(t, path)
			st := newStore(t)
			sum, err := importFile(t, path, st, Options{Batch: 2})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if sum.Format != tc.format {
				t.Errorf("format = %q, want %q", sum.Format, tc.format)
			}
			checkSummary(t, sum, true)
			checkBuckets(t, st, tc)
			checkEvents(t, st)
			checkSettings(t, st, tc.settings)

			again, err := importFile(t, path, st, Options{})
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			checkSummary(t, again, false)
			checkEvents(t, st)
			if tc.settings && len(again.Settings.Kept) != len(wantSettings) {
				t.Errorf("second import kept settings %v, want all %d", again.Settings.Kept, len(wantSettings))
			}
		})
	}
}

// checkSummary compares an import's lines with fixture(); first says
// whether the store was empty before.
func checkSummary(t *testing.T, sum Summary, first bool) {
	t.Helper()
	fx := fixture()
	if len(sum.Buckets) != len(fx) {
		t.Fatalf("summary has %d buckets, want %d", len(sum.Buckets), len(fx))
	}
	byID := map[string]BucketSummary{}
	for _, l := range sum.Buckets {
		byID[l.ID] = l
	}
	for _, f := range fx {
		got := byID[f.bucket.ID]
		want := BucketSummary{ID: f.bucket.ID, Created: first, Read: len(f.events)}
		if first {
			want.Inserted = len(distinctKeys(f.events))
		}
		want.Duplicates = want.Read - want.Inserted
		if got != want {
			t.Errorf("summary line = %+v, want %+v", got, want)
		}
	}
}

func checkBuckets(t *testing.T, st attnflow.Store, tc sourceCase) {
	t.Helper()
	for _, f := range fixture() {
		want := f.bucket
		got, err := st.Bucket(context.Background(), want.ID)
		if err != nil {
			t.Errorf("bucket %s: %v", want.ID, err)
			continue
		}
		if !tc.names {
			want.Name = ""
		}
		if !tc.data {
			want.Data = attnflow.Data{}
		}
		if got.ID != want.ID || got.Name != want.Name || got.Type != want.Type || got.Client != want.Client ||
			got.Hostname != want.Hostname || !got.Created.Equal(want.Created) || !got.Data.Equal(want.Data) {
			t.Errorf("bucket =\n %+v, want\n %+v", got, want)
		}
	}
}

func checkEvents(t *testing.T, st attnflow.Store) {
	t.Helper()
	for _, f := range fixture() {
		got, err := st.Events(context.Background(), f.bucket.ID, attnflow.EventFilter{Limit: -1})
		if err != nil {
			t.Fatalf("events of %s: %v", f.bucket.ID, err)
		}
		want := distinctKeys(f.events)
		if len(got) != len(want) {
			t.Errorf("bucket %s holds %d events, want %d", f.bucket.ID, len(got), len(want))
		}
		if g := distinctKeys(got); strings.Join(g, "\n") != strings.Join(want, "\n") {
			t.Errorf("bucket %s events:\n%s\nwant:\n%s", f.bucket.ID, strings.Join(g, "\n"), strings.Join(want, "\n"))
		}
	}
}

func checkSettings(t *testing.T, st attnflow.Store, want bool) {
	t.Helper()
	got, err := st.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !want {
		if len(got) != 0 {
			t.Errorf("settings = %v, want none", got)
		}
		return
	}
	if len(got) != len(wantSettings) {
		t.Errorf("store has %d settings, want %d: %v", len(got), len(wantSettings), keysOf(got))
	}
	for k, v := range wantSettings {
		if !jsonEqual(got[k], []byte(v)) {
			t.Errorf("setting %s = %s, want %s", k, got[k], v)
		}
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func jsonEqual(a, b []byte) bool {
	var x, y bytes.Buffer
	if json.Compact(&x, a) != nil || json.Compact(&y, b) != nil {
		return false
	}
	return x.String() == y.String()
}

func TestImportKeepsOrOverwritesSettings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sqlite.db")
	buildRust(t, path, fixture(), 4)
	st := newStore(t)
	mine := json.RawMessage(`"06:00"`)
	if err := st.SetSetting(ctx, "startOfDay", mine); err != nil {
		t.Fatal(err)
	}
	sum, err := importFile(t, path, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(sum.Settings.Kept, ","); got != "startOfDay" {
		t.Errorf("kept = %q, want startOfDay", got)
	}
	if got, _ := st.Setting(ctx, "startOfDay"); string(got) != string(mine) {
		t.Errorf("startOfDay = %s after import, want mine %s", got, mine)
	}
	if _, err := importFile(t, path, st, Options{OverwriteSettings: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Setting(ctx, "startOfDay"); !jsonEqual(got, []byte(wantSettings["startOfDay"])) {
		t.Errorf("startOfDay = %s after overwrite, want %s", got, wantSettings["startOfDay"])
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sqlite.db")
	buildRust(t, path, fixture(), 6)
	st := newStore(t)
	sum, err := importFile(t, path, st, Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if tot := sum.Totals(); tot.Read != 10 || tot.Inserted != 0 {
		t.Errorf("dry run totals = %+v, want 10 read, 0 inserted", tot)
	}
	assertEmpty(t, st)
}

// assertEmpty fails unless the store has no bucket and no setting.
func assertEmpty(t *testing.T, st attnflow.Store) {
	t.Helper()
	ctx := context.Background()
	if bs, err := st.Buckets(ctx); err != nil || len(bs) != 0 {
		t.Errorf("store has buckets %v (err %v), want none", bs, err)
	}
	if s, err := st.Settings(ctx); err != nil || len(s) != 0 {
		t.Errorf("store has settings %v (err %v), want none", s, err)
	}
}

func TestImportPythonSettingsFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "settings.json")
	os.WriteFile(file, []byte(`{"classes": [{"name": ["Work"], "rule": {"type": "regex", "regex": "vim"}}], "startOfDay": "04:00"}`), 0o600)
	settings, err := ReadSettingsFile(file)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "peewee.db")
	buildPeewee(t, db, fixture(), true)
	st := newStore(t)
	sum, err := importFile(t, db, st, Options{Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(sum.Settings.Imported, ","); got != "classes,startOfDay" {
		t.Errorf("imported settings %q, want classes,startOfDay", got)
	}
	if got, _ := st.Setting(ctx, "startOfDay"); string(got) != `"04:00"` {
		t.Errorf("startOfDay = %s", got)
	}
	os.WriteFile(file, []byte(`["not", "settings"]`), 0o600)
	if _, err := ReadSettingsFile(file); attnflow.ErrorCode(err) != attnflow.EINVALID {
		t.Errorf("a list as settings.json: err %v, want EINVALID", err)
	}
}
