package model

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// FileFormat names model files; FileVersion is the version this build
// writes and reads.
const (
	FileFormat  = "attnflow-model"
	FileVersion = 1
)

// file is the JSON form of a saved model.
type file struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	Model   Trained   `json:"model"`
}

// Marshal writes a model file.
func (t Trained) Marshal(created time.Time) ([]byte, error) {
	return json.MarshalIndent(file{Format: FileFormat, Version: FileVersion, Created: created.UTC(), Model: t}, "", " ")
}

// ParseFile reads a model file, saying clearly what is wrong with a
// damaged file or one of another version; callers fall back to DayOne.
func ParseFile(b []byte) (Trained, time.Time, error) {
	var f file
	if err := json.Unmarshal(b, &f); err != nil {
		return Trained{}, time.Time{}, fmt.Errorf("model file is damaged (%v): run \"attnflow model train\" again", err)
	}
	if f.Format != FileFormat {
		return Trained{}, time.Time{}, fmt.Errorf("not an attnflow model file (format %q)", f.Format)
	}
	if f.Version != FileVersion {
		return Trained{}, time.Time{}, fmt.Errorf("model file version %d, this attnflow reads version %d: run \"attnflow model train\" again", f.Version, FileVersion)
	}
	if err := f.Model.check(); err != nil {
		return Trained{}, time.Time{}, fmt.Errorf("model file is damaged (%v): run \"attnflow model train\" again", err)
	}
	return f.Model, f.Created, nil
}

// check rejects models that would give nonsense: rows of probabilities
// that do not sum to one, non-positive spreads, non-finite weights.
func (t Trained) check() error {
	rowOK := func(p Probs) bool {
		sum := 0.0
		for _, v := range p {
			if !(v >= 0) {
				return false
			}
			sum += v
		}
		return math.Abs(sum-1) < 1e-6
	}
	if !rowOK(t.HMM.Init) {
		return fmt.Errorf("initial probabilities do not sum to 1")
	}
	for s := range State(NumStates) {
		if !rowOK(t.HMM.Trans[s]) {
			return fmt.Errorf("transitions from %v do not sum to 1", s)
		}
		for f := range Feature(NumFeatures) {
			if g := t.HMM.Emit[s][f]; !(g.SD > 0) || math.IsNaN(g.Mean) || math.IsInf(g.Mean, 0) {
				return fmt.Errorf("emission of %v for %v is invalid", f, s)
			}
		}
	}
	if c := t.Calibration; c != nil {
		for _, row := range c.W {
			for _, w := range row {
				if math.IsNaN(w) || math.IsInf(w, 0) {
					return fmt.Errorf("calibration weight is not finite")
				}
			}
		}
	}
	return nil
}
