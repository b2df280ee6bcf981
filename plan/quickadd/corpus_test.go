package quickadd

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the corpora name zones; do not depend on the host's tzdata

	"github.com/google/go-cmp/cmp"
)

// corpusNow is the "now" both corpora are written against: Wed 25 Nov 2026 10:00.
func corpusNow(t *testing.T, zone string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatalf("load %s: %v", zone, err)
	}
	return time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
}

// want is one corpus line's expected fields, in the corpus's text form.
type want struct {
	Title, Estimate, Earliest, Deadline, Priority, Kind, Tags, RRule string
}

type corpusCase struct {
	line  int
	input string
	want  want
}

func readCorpus(t *testing.T, name string) []corpusCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	var out []corpusCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 9 {
			t.Fatalf("%s:%d: %d columns, want 9", name, n, len(c))
		}
		out = append(out, corpusCase{n, c[0], want{c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]}})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	return out
}

// got renders a Result in the corpus's text form.
func got(r Result, now time.Time) want {
	w := want{Title: r.Title, Kind: r.Kind, Tags: strings.Join(r.Tags, ","), RRule: r.RRule}
	if r.Estimate != 0 {
		w.Estimate = shortDuration(r.Estimate)
	}
	w.Earliest, w.Deadline = corpusTime(r.Earliest, now), corpusTime(r.Deadline, now)
	if r.Priority != 0 {
		w.Priority = strconv.Itoa(r.Priority)
	}
	return w
}

func corpusTime(t, now time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Year() == now.Year():
		return t.Format("01-02 15:04")
	default:
		return t.Format("2006-01-02 15:04")
	}
}

func runCorpus(t *testing.T, name, zone string, minAccuracy float64) {
	t.Helper()
	now := corpusNow(t, zone)
	cases := readCorpus(t, name)
	if len(cases) < 150 {
		t.Errorf("%s has %d phrasings, want at least 150", name, len(cases))
	}
	right := 0
	for _, c := range cases {
		r, err := Parse(c.input, now)
		g := got(r, now)
		if err == nil && g == c.want {
			right++
			continue
		}
		t.Logf("%s:%d %q (err %v)\n%s", name, c.line, c.input, err, cmp.Diff(c.want, g))
	}
	acc := float64(right) / float64(len(cases))
	fmt.Printf("quick-add corpus %s: %d/%d understood correctly (%.1f%%)\n", name, right, len(cases), 100*acc)
	if acc < minAccuracy {
		t.Errorf("%s accuracy %.3f, want >= %.2f", name, acc, minAccuracy)
	}
}

func TestCorpusEnglish(t *testing.T) { runCorpus(t, "en.tsv", "Europe/Berlin", 0.95) }

func TestCorpusChinese(t *testing.T) { runCorpus(t, "zh.tsv", "Asia/Shanghai", 0.95) }
