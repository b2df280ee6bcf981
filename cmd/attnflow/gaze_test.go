package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestGazeClassifyCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	var b strings.Builder
	b.WriteString("sample,t_us,pupil_h,pupil_v,x_px,y_px,label\n")
	for i := range 300 {
		x := 300.0
		if i >= 150 {
			x = 600
		}
		if i >= 145 && i < 150 {
			x = 300 + float64(i-144)*50
		}
		b.WriteString(strings.Join([]string{itoa(i), "", "20", "20", ftoa(x), "384", "1"}, ",") + "\n")
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"default", []string{"gaze", "classify", in, "--rate", "500", "--screen-px", "1024x768", "--screen-mm", "380x300", "--distance-mm", "670"}, ""},
		{"ivt", []string{"gaze", "classify", in, "--rate", "500", "--screen-px", "1024x768", "--screen-mm", "380x300", "--distance-mm", "670", "--method", "ivt"}, ""},
		{"bad screen", []string{"gaze", "classify", in, "--rate", "500", "--screen-px", "1024", "--screen-mm", "380x300", "--distance-mm", "670"}, "WIDTHxHEIGHT"},
		{"missing flag", []string{"gaze", "classify", in, "--screen-px", "1024x768", "--screen-mm", "380x300", "--distance-mm", "670"}, "rate"},
		{"bad method", []string{"gaze", "classify", in, "--rate", "500", "--screen-px", "1024x768", "--screen-mm", "380x300", "--distance-mm", "670", "--method", "x"}, "unknown gaze method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := newRootCmd()
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&out)
			root.SetArgs(tt.args)
			err := root.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if lines[0] != "sample,t_us,label" || len(lines) != 301 {
				t.Fatalf("got header %q and %d lines, want sample,t_us,label and 301", lines[0], len(lines))
			}
			if lines[1] != "0,,fixation" || !strings.HasSuffix(lines[148], ",saccade") {
				t.Errorf("row 0 = %q, row 147 = %q; want fixation then saccade", lines[1], lines[148])
			}
		})
	}
}

func itoa(i int) string { return ftoa(float64(i)) }

func ftoa(f float64) string { return strings.TrimRight(strings.TrimRight(strconvF(f), "0"), ".") }

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }
