package gaze

import (
	"encoding/json"
	"math"
	"time"
)

// MarshalJSON encodes the features with snake_case names and unknown
// values (NaN) as null, which JSON has no number for.
func (f WindowFeatures) MarshalJSON() ([]byte, error) {
	orNull := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	return json.Marshal(struct {
		Start           time.Time `json:"start"`
		End             time.Time `json:"end"`
		Samples         int       `json:"samples"`
		OnScreen        float64   `json:"on_screen"`
		Away            bool      `json:"away"`
		OnFocus         *float64  `json:"on_focus"`
		FixationShare   float64   `json:"fixation_share"`
		FixationMeanSec float64   `json:"fixation_mean_sec"`
		PupilLoad       *float64  `json:"pupil_load"`
	}{f.Start, f.End, f.Samples, f.OnScreen, f.Away, orNull(f.OnFocus), f.FixationShare, f.FixationMean, orNull(f.PupilLoad)})
}
