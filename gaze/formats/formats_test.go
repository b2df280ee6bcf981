package formats

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/gaze"
)

// readFixture reads testdata/name with format detection.
func readFixture(t *testing.T, name string, opts Options) *Recording {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := Read(f, opts)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return rec
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file       string
		opts       Options
		format     Format
		coords     Coords
		n, lost    int
		first      gaze.Sample // NaN fields are not compared
		dt         float64     // T[1]-T[0] in seconds
		screenW    float64
		rate       float64
		events     int
		messages   int
		firstPupil float64
	}{
		{file: "tobii_prolab.tsv", format: FormatTobii, coords: Pixels, n: 5, lost: 1,
			first: gaze.Sample{X: 960, Y: 540}, dt: 0.008334, rate: 119.99, screenW: 1920, firstPupil: 3.11},
		{file: "pupil_core_gaze_positions.csv", format: FormatPupilGaze, coords: Normalized, n: 4, lost: 1,
			first: gaze.Sample{X: 0.5012, Y: 1 - 0.4988}, dt: 0.004, rate: 250},
		{file: "pupil_core_pupil_positions.csv", format: FormatPupilPupil, coords: NoGaze, n: 3, lost: 3,
			first: gaze.Sample{X: math.NaN(), Y: math.NaN()}, dt: 0.004, rate: 250, firstPupil: 3.41},
		{file: "neon_gaze.csv", format: FormatNeonGaze, coords: Pixels, n: 4, lost: 2,
			first: gaze.Sample{X: 812.4, Y: 601.9}, dt: 0.005, rate: 200},
		{file: "neon_3d_eye_states.csv", format: FormatNeonEye, coords: NoGaze, n: 2, lost: 2,
			first: gaze.Sample{X: math.NaN(), Y: math.NaN()}, dt: 0.005, rate: 200, firstPupil: 3.52},
		{file: "eyelink.asc", format: FormatEyeLinkASC, coords: Pixels, n: 8, lost: 2,
			first: gaze.Sample{X: 640.2, Y: 511.8}, dt: 0.002, screenW: 1280, rate: 500, events: 3, messages: 5, firstPupil: 1043},
		{file: "webgazer_points.json", format: FormatWebGazer, coords: Pixels, n: 4, lost: 1,
			first: gaze.Sample{X: 512.3, Y: 400.1}, dt: 0.0334, rate: 29.94},
		{file: "jspsych_webgazer.json", format: FormatWebGazer, coords: Pixels, n: 5, lost: 0,
			first: gaze.Sample{X: 640, Y: 360}, dt: 0.033, rate: 30.3},
		{file: "plain_semicolon.csv", format: FormatGenericCSV, coords: Pixels, n: 4, lost: 1,
			opts:  Options{Columns: Columns{Time: "time_ms", X: "gx", Y: "gy", Pupil: "pupil", Delimiter: ';', ZeroIsLost: true}},
			first: gaze.Sample{X: 512.5, Y: 384}, dt: 0.004, rate: 250, firstPupil: 3.1},
		{file: "labelled.csv", format: FormatAndersson, coords: Pixels, n: 4, lost: 1,
			first: gaze.Sample{X: 504.3128, Y: 394.7285}, dt: 0.005001, rate: 199.96},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rec := readFixture(t, tt.file, tt.opts)
			if rec.Format != tt.format || rec.Coords != tt.coords {
				t.Errorf("format, coords = %s, %s; want %s, %s", rec.Format, rec.Coords, tt.format, tt.coords)
			}
			if len(rec.Samples) != tt.n {
				t.Fatalf("got %d samples, want %d", len(rec.Samples), tt.n)
			}
			lost := 0
			for _, s := range rec.Samples {
				if !s.Valid() {
					lost++
				}
			}
			if lost != tt.lost {
				t.Errorf("lost samples = %d, want %d", lost, tt.lost)
			}
			s0 := rec.Samples[0]
			if (!math.IsNaN(tt.first.X) && !near(s0.X, tt.first.X)) || (!math.IsNaN(tt.first.Y) && !near(s0.Y, tt.first.Y)) {
				t.Errorf("first sample at (%v, %v), want (%v, %v)", s0.X, s0.Y, tt.first.X, tt.first.Y)
			}
			if d := rec.Samples[1].T - s0.T; math.Abs(d-tt.dt) > 1e-6 {
				t.Errorf("T[1]-T[0] = %v s, want %v", d, tt.dt)
			}
			if tt.firstPupil != 0 && !near(s0.Pupil, tt.firstPupil) {
				t.Errorf("first pupil = %v, want %v", s0.Pupil, tt.firstPupil)
			}
			if rec.Geometry.ScreenWpx != tt.screenW || rec.Geometry.Rate != tt.rate {
				t.Errorf("geometry = %+v, want screen width %v, rate %v", rec.Geometry, tt.screenW, tt.rate)
			}
			if len(rec.Events) != tt.events || len(rec.Messages) != tt.messages {
				t.Errorf("events, messages = %d, %d; want %d, %d", len(rec.Events), len(rec.Messages), tt.events, tt.messages)
			}
		})
	}
}

func TestEyeLinkEvents(t *testing.T) {
	rec := readFixture(t, "eyelink.asc", Options{})
	want := []TrackerEvent{
		{Kind: gaze.Fixation, Eye: "L", Start: 2154.558, End: 2154.562},
		{Kind: gaze.Saccade, Eye: "L", Start: 2154.564, End: 2154.566},
		{Kind: gaze.Blink, Eye: "L", Start: 2154.568, End: 2154.570},
	}
	for i, w := range want {
		g := rec.Events[i]
		if g.Kind != w.Kind || g.Eye != w.Eye || !near(g.Start, w.Start) || !near(g.End, w.End) {
			t.Errorf("event %d = %+v, want %+v", i, g, w)
		}
	}
	if m := rec.Messages[4]; m.Text != "TRIALID 1" || !near(m.T, 2154.565) {
		t.Errorf("message 4 = %+v, want TRIALID 1 at 2154.565", m)
	}
}

func TestToPixels(t *testing.T) {
	rec := readFixture(t, "pupil_core_gaze_positions.csv", Options{})
	if err := rec.ToPixels(0, 0); err == nil || !strings.Contains(err.Error(), "--screen-px") {
		t.Errorf("ToPixels without size: err = %v, want a hint to pass --screen-px", err)
	}
	if err := rec.ToPixels(1280, 720); err != nil {
		t.Fatal(err)
	}
	if s := rec.Samples[3]; !near(s.X, 320) || !near(s.Y, 180) {
		t.Errorf("sample 3 = (%v, %v) px, want (320, 180)", s.X, s.Y)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		opts     Options
		want     string
	}{
		{"empty", "", Options{}, "empty"},
		{"unknown tracker", "ts,foo,bar\n1,2,3\n", Options{}, "not from a known tracker"},
		{"tobii without gaze", "Recording timestamp [ms]\tSensor\n1\tEye Tracker\n", Options{}, `lacks column "gaze point x"`},
		{"tobii bad number", "Recording timestamp [ms]\tSensor\tGaze point X\tGaze point Y\n1\tEye Tracker\t1x2\t3\n", Options{}, "line 2"},
		{"tobii backwards", "Recording timestamp [ms]\tGaze point X\tGaze point Y\n10\t1\t2\n5\t1\t2\n", Options{}, "line 3: timestamp"},
		{"csv truncated quote", "t,x,y\n1,\"2,3\n", Options{Columns: Columns{Time: "t", X: "x", Y: "y"}}, "line"},
		{"csv missing column", "t,x,y\n1,2,3\n", Options{Columns: Columns{Time: "t", X: "gx", Y: "y"}}, `lacks column "gx"`},
		{"asc bad sample", "** CONVERTED FROM x\nSAMPLES\tGAZE\tLEFT\tRATE\t500\n100\tabc\n", Options{}, "line 3"},
		{"webgazer no gaze", `[{"trial_index":0,"rt":5}]`, Options{}, "no gaze found"},
		{"webgazer broken", `[{"x":1,`, Options{}, "webgazer json"},
		{"neon bad time", "section id,recording id,timestamp [ns],gaze x [px],gaze y [px]\na,b,1.5e9x,1,2\n", Options{}, "line 2"},
		{"header only", "section id,recording id,timestamp [ns],gaze x [px],gaze y [px]\n", Options{}, "no gaze samples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestAllInvalidClassifiesUndefinedOrBlink(t *testing.T) {
	in := "Recording timestamp [ms]\tGaze point X\tGaze point Y\tValidity left\tValidity right\n0\t\t\tInvalid\tInvalid\n2\t\t\tInvalid\tInvalid\n4\t\t\tInvalid\tInvalid\n"
	rec, err := Read(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := gaze.Geometry{Rate: 500, ScreenWpx: 1920, ScreenHpx: 1080, ScreenWmm: 530, ScreenHmm: 300, DistanceMM: 650}
	for i, l := range (gaze.Adaptive{P: gaze.DefaultParams()}).Classify(rec.Samples, g) {
		if l != gaze.Blink && l != gaze.Undefined {
			t.Errorf("sample %d labelled %s, want blink or undefined", i, l)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"tobii_prolab.tsv", "eyelink.asc", "webgazer_points.json", "jspsych_webgazer.json", "neon_gaze.csv", "pupil_core_gaze_positions.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		rec, err := Read(strings.NewReader(in), Options{})
		if err != nil {
			return
		}
		if len(rec.Samples) == 0 {
			t.Fatal("Read returned no samples without an error")
		}
	})
}
