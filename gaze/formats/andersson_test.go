package formats

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/attnflow/attnflow/gaze"
)

func TestReadLabelledCSV(t *testing.T) {
	f, err := os.Open("testdata/labelled.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadLabelledCSV(f)
	if err != nil {
		t.Fatalf("ReadLabelledCSV: %v", err)
	}
	if len(got.Samples) != 4 {
		t.Fatalf("got %d samples, want 4", len(got.Samples))
	}
	if s := got.Samples[0]; math.Abs(s.T-2593.712163) > 1e-9 || s.X != 504.3128 || s.Y != 394.7285 {
		t.Errorf("sample 0 = %+v", s)
	}
	if s := got.Samples[2]; s.Valid() || !math.IsNaN(s.T) {
		t.Errorf("sample 2 = %+v, want lost gaze (0,0) and no timestamp", s)
	}
	wantLabels := []gaze.Label{gaze.Fixation, gaze.Fixation, gaze.Blink, gaze.Saccade}
	for i, w := range wantLabels {
		if got.Labels[i] != w {
			t.Errorf("label %d = %s, want %s", i, got.Labels[i], w)
		}
	}
	if got.Raw[1] != [2]string{"1", "2593717164"} {
		t.Errorf("raw 1 = %v", got.Raw[1])
	}
}

func TestReadLabelledCSVErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty input"},
		{"unknown header", "time,gx,gy\n1,2,3\n", `lacks column "sample"`},
		{"bad number", "sample,t_us,x_px,y_px\n0,0,1,2\n1,2,abc,4\n", "line 3: x_px \"abc\""},
		{"bad time", "sample,t_us,x_px,y_px\n0,zz,1,2\n", "line 2: t_us"},
		{"truncated row", "sample,t_us,x_px,y_px\n0,1,2\n", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadLabelledCSV(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadReference(t *testing.T) {
	in := "sample,MN,RA,IVT,LNS\n0,1,1,1,0\n1,2,2,2,3\n"
	ref, err := ReadReference(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ref.Names, ","); got != "MN,RA,IVT,LNS" {
		t.Errorf("names = %s", got)
	}
	if got := ref.Labels["LNS"]; got[0] != gaze.Undefined || got[1] != gaze.PSO {
		t.Errorf("LNS = %v, want [undefined pso]", got)
	}
	if _, err := ReadReference(strings.NewReader("sample,IVT\n0,x\n")); err == nil {
		t.Error("want error for a non-integer code")
	}
}

func FuzzReadLabelledCSV(f *testing.F) {
	f.Add("sample,t_us,pupil_h,pupil_v,x_px,y_px,label\n0,1,2,3,4,5,1\n")
	f.Add("sample,t_us,x_px,y_px\n0,,0,0\n")
	f.Add("sample,t_us,x_px,y_px\n0,1,nan,2\n1,0,1e308,-1e308\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ReadLabelledCSV(strings.NewReader(in))
		if err != nil {
			return
		}
		if len(got.Samples) != len(got.Labels) || len(got.Samples) != len(got.Raw) {
			t.Fatalf("lengths differ: %d samples, %d labels, %d raw", len(got.Samples), len(got.Labels), len(got.Raw))
		}
		g := gaze.Geometry{Rate: 500, ScreenWpx: 1024, ScreenHpx: 768, ScreenWmm: 380, ScreenHmm: 300, DistanceMM: 670}
		if n := len(gaze.Adaptive{P: gaze.DefaultParams()}.Classify(got.Samples, g)); n != len(got.Samples) {
			t.Fatalf("classified %d of %d samples", n, len(got.Samples))
		}
	})
}
