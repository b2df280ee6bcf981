package main

import (
	"math"
	"strconv"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/formats"
	"github.com/spf13/cobra"
)

// gazeGeometryFlags are the flags describing the recording set-up.
type gazeGeometryFlags struct {
	rate       float64
	screenPx   string
	screenMM   string
	distanceMM float64
}

// register adds the geometry flags to cmd.
func (gf *gazeGeometryFlags) register(cmd *cobra.Command) {
	cmd.Flags().Float64Var(&gf.rate, "rate", 0, "sampling rate in Hz (time base when the file has no timestamps)")
	cmd.Flags().StringVar(&gf.screenPx, "screen-px", "", "screen size in pixels, WIDTHxHEIGHT")
	cmd.Flags().StringVar(&gf.screenMM, "screen-mm", "", "screen size in millimetres, WIDTHxHEIGHT")
	cmd.Flags().Float64Var(&gf.distanceMM, "distance-mm", 0, "eye-to-screen distance in millimetres")
}

// geometry merges the flags over what the file says (flags win) and
// checks that everything is known, naming the flag that is missing.
func (gf gazeGeometryFlags) geometry(file gaze.Geometry) (gaze.Geometry, error) {
	g := file
	if gf.rate > 0 {
		g.Rate = gf.rate
	}
	if gf.distanceMM > 0 {
		g.DistanceMM = gf.distanceMM
	}
	if gf.screenPx != "" {
		w, h, err := parseWxH(gf.screenPx, "--screen-px")
		if err != nil {
			return g, err
		}
		g.ScreenWpx, g.ScreenHpx = w, h
	}
	if gf.screenMM != "" {
		w, h, err := parseWxH(gf.screenMM, "--screen-mm")
		if err != nil {
			return g, err
		}
		g.ScreenWmm, g.ScreenHmm = w, h
	}
	for _, c := range []struct {
		ok   bool
		flag string
	}{{g.Rate > 0, "--rate"}, {g.ScreenWpx > 0 && g.ScreenHpx > 0, "--screen-px"}, {g.ScreenWmm > 0 && g.ScreenHmm > 0, "--screen-mm"}, {g.DistanceMM > 0, "--distance-mm"}} {
		if !c.ok {
			return g, attnflow.Errorf(attnflow.EINVALID, "the gaze file does not give the recording geometry: pass %s", c.flag)
		}
	}
	return g, g.Validate()
}

// parseWxH parses "1024x768".
func parseWxH(s, flag string) (float64, float64, error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if !ok || err1 != nil || err2 != nil || !(w > 0 && h > 0) {
		return 0, 0, attnflow.Errorf(attnflow.EINVALID, "%s %q: want WIDTHxHEIGHT, e.g. 1024x768", flag, s)
	}
	return w, h, nil
}

// gazeColumnFlags name the columns of a plain CSV.
type gazeColumnFlags struct {
	format                 string
	timeCol, xCol, yCol    string
	pupilCol, delimiter    string
	timeUnit               float64
	normalized, zeroIsLost bool
	minConfidence          float64
}

// register adds the column flags to cmd.
func (cf *gazeColumnFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&cf.format, "format", "", "force a format instead of detecting it (tobii-tsv, pupil-core-gaze, neon-gaze, eyelink-asc, webgazer-json, csv, ...)")
	cmd.Flags().StringVar(&cf.timeCol, "time-col", "", "plain CSV: timestamp column")
	cmd.Flags().Float64Var(&cf.timeUnit, "time-unit", 0, "plain CSV: seconds per timestamp unit (default: inferred ms or µs)")
	cmd.Flags().StringVar(&cf.xCol, "x-col", "", "plain CSV: gaze x column")
	cmd.Flags().StringVar(&cf.yCol, "y-col", "", "plain CSV: gaze y column")
	cmd.Flags().StringVar(&cf.pupilCol, "pupil-col", "", "plain CSV: pupil size column")
	cmd.Flags().StringVar(&cf.delimiter, "delimiter", ",", "plain CSV: field delimiter (\\t for tab)")
	cmd.Flags().BoolVar(&cf.normalized, "normalized", false, "plain CSV: x and y are 0..1 of the screen")
	cmd.Flags().BoolVar(&cf.zeroIsLost, "zero-is-lost", false, "plain CSV: x = y = 0 means lost gaze")
	cmd.Flags().Float64Var(&cf.minConfidence, "min-confidence", 0, "Pupil Core: drop data below this confidence (default 0.6)")
}

// options converts the flags to formats.Options.
func (cf gazeColumnFlags) options() formats.Options {
	d := ','
	if cf.delimiter == "\\t" || cf.delimiter == "tab" {
		d = '\t'
	} else if r := []rune(cf.delimiter); len(r) == 1 {
		d = r[0]
	}
	return formats.Options{
		Format:        formats.Format(cf.format),
		MinConfidence: cf.minConfidence,
		Columns: formats.Columns{Time: cf.timeCol, TimeUnit: cf.timeUnit, X: cf.xCol, Y: cf.yCol, Pupil: cf.pupilCol,
			Delimiter: d, Normalized: cf.normalized, ZeroIsLost: cf.zeroIsLost},
	}
}

// formatSeconds prints a timestamp, empty when unknown.
func formatSeconds(t float64) string {
	if math.IsNaN(t) {
		return ""
	}
	return strconv.FormatFloat(t, 'f', 6, 64)
}
