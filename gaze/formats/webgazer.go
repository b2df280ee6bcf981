package formats

import (
	"encoding/json"
	"io"
	"math"
	"sort"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// webgazerPoint is one WebGazer prediction: viewport pixels and ms.
type webgazerPoint struct {
	X *float64 `json:"x"`
	Y *float64 `json:"y"`
	T *float64 `json:"t"`
}

// jsPsychTrial is the part of a jsPsych trial record that carries gaze.
type jsPsychTrial struct {
	TrialIndex   *int            `json:"trial_index"`
	TimeElapsed  *float64        `json:"time_elapsed"`
	WebgazerData []webgazerPoint `json:"webgazer_data"`
}

// ReadWebGazer reads webcam gaze from JSON: either an array of WebGazer
// predictions ({"x","y","t"} with t in ms), or jsPsych data (an array of
// trials, or one trial) whose trials carry "webgazer_data". jsPsych times
// are relative to each trial's start; trials are laid end to end on one
// clock by starting each at the previous trial's time_elapsed. Positions
// are viewport pixels; a null x or y is lost gaze.
func ReadWebGazer(r io.Reader) (*Recording, error) {
	var raw json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "webgazer json: %v", err)
	}
	var trials []jsPsychTrial
	if len(raw) > 0 && raw[0] == '{' {
		var one jsPsychTrial
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "webgazer json: %v", err)
		}
		trials = []jsPsychTrial{one}
	} else if err := json.Unmarshal(raw, &trials); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "webgazer json: want an array of {x,y,t} or of jsPsych trials: %v", err)
	}
	rec := &Recording{Format: FormatWebGazer, Coords: Pixels}
	var points []webgazerPoint
	if err := json.Unmarshal(raw, &points); err == nil && len(points) > 0 && points[0].T != nil && points[0].X != nil {
		rec.Samples = webgazerSamples(points, 0)
	} else {
		rec.Samples = jsPsychSamples(trials)
	}
	if len(rec.Samples) == 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "webgazer json: no gaze found (want {x,y,t} points or trials with webgazer_data; was the webgazer extension enabled on the trials?)")
	}
	for i := 1; i < len(rec.Samples); i++ {
		if rec.Samples[i].T < rec.Samples[i-1].T {
			return nil, attnflow.Errorf(attnflow.EINVALID, "webgazer json: sample %d at %.3f s is earlier than the one before", i, rec.Samples[i].T)
		}
	}
	return rec, nil
}

// jsPsychSamples lays the trials' gaze end to end in trial order.
func jsPsychSamples(trials []jsPsychTrial) []gaze.Sample {
	sort.SliceStable(trials, func(i, j int) bool {
		a, b := trials[i].TrialIndex, trials[j].TrialIndex
		return a != nil && b != nil && *a < *b
	})
	var out []gaze.Sample
	var start float64
	for _, tr := range trials {
		out = append(out, webgazerSamples(tr.WebgazerData, start)...)
		if tr.TimeElapsed != nil {
			start = *tr.TimeElapsed
		}
	}
	return out
}

// webgazerSamples converts points with t in ms after offset ms.
func webgazerSamples(points []webgazerPoint, offset float64) []gaze.Sample {
	out := make([]gaze.Sample, 0, len(points))
	for _, p := range points {
		if p.T == nil {
			continue
		}
		s := gaze.Sample{T: (offset + *p.T) / 1000, X: math.NaN(), Y: math.NaN(), Pupil: math.NaN()}
		if p.X != nil && p.Y != nil {
			s.X, s.Y = *p.X, *p.Y
		}
		out = append(out, s)
	}
	return out
}
