package model

import (
	"fmt"
	"time"

	"github.com/attnflow/attnflow/flow"
)

// DefaultLambda is the calibration's pull toward the day-one model,
// chosen on the tuning set (developer persona, seeds 1–3): the weakest
// that did not lower macro-F1 there.
const DefaultLambda = 1.0

// MinCheckIns is the fewest check-ins the personal model is trained on.
const MinCheckIns = 10

// Trained is a person's model: the day-one model, their rhythm baseline
// and, when their check-ins showed it helps, the personal calibration.
type Trained struct {
	HMM         HMM          `json:"hmm"`
	Baseline    Baseline     `json:"baseline"`
	Calibration *Calibration `json:"calibration,omitempty"`
	CV          *CVResult    `json:"cv,omitempty"`
	// Note says in words what training decided and why.
	Note string `json:"note"`
}

// DayOne returns the untrained model with the given baseline.
func DayOne(b Baseline) Trained {
	return Trained{HMM: PriorHMM(), Baseline: b, Note: "day-one model (no check-ins used)"}
}

// Train builds the person's model from their days. The calibration is
// kept only when leave-one-day-out cross-validation on the check-ins says
// it beats the day-one model (macro-F1); otherwise the day-one model is
// kept and Note says why.
func Train(days []Day, size time.Duration) Trained {
	var all []flow.Window
	n := 0
	for _, d := range days {
		all = append(all, d.Windows...)
		n += len(d.CheckIns)
	}
	t := DayOne(FitBaseline(all))
	if n < MinCheckIns {
		t.Note = fmt.Sprintf("day-one model: %d check-ins, at least %d needed to personalise", n, MinCheckIns)
		return t
	}
	lds := prepareAll(days, t.HMM, t.Baseline, size)
	if len(lds) < 2 {
		t.Note = fmt.Sprintf("day-one model: check-ins on %d day(s), at least 2 needed to test the personal model", len(lds))
		return t
	}
	folds := min(len(lds), MaxFolds)
	cv := crossValidate(lds, DefaultLambda, folds)
	t.CV = &cv
	how := fmt.Sprintf("%d-fold by day", folds)
	if folds == len(lds) {
		how = "leave-one-day-out"
	}
	if cv.Calibrated.MacroF1 < cv.Unsupervised.MacroF1+MinGain {
		t.Note = fmt.Sprintf("day-one model: on your %d check-ins the personal model did not beat it by %.2f (macro-F1 %.3f vs %.3f, %s)",
			cv.CheckIns, MinGain, cv.Calibrated.MacroF1, cv.Unsupervised.MacroF1, how)
		return t
	}
	var ex []Example
	for _, ld := range lds {
		ex = append(ex, ld.examples(len(ex))...)
	}
	t.Calibration = TrainCalibration(ex, DefaultLambda, cv.CheckIns)
	t.Note = fmt.Sprintf("personal model from %d check-ins: macro-F1 %.3f vs %.3f for the day-one model (%s)",
		cv.CheckIns, cv.Calibrated.MacroF1, cv.Unsupervised.MacroF1, how)
	return t
}

// MaxFolds bounds the cross-validation inside Train (days are grouped
// into folds); MinGain is the macro-F1 gain the personal model must show
// to be kept.
const (
	MaxFolds = 5
	MinGain  = 0.01
)
