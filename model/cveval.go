package model

import (
	"time"

	"github.com/attnflow/attnflow"
)

// CVResult is a leave-one-day-out cross-validation on the person's own
// check-ins: every check-in predicted by models that never saw its day,
// scored against what the person reported, next to the baselines.
type CVResult struct {
	CheckIns int     `json:"checkins"`
	Days     int     `json:"days"`
	Lambda   float64 `json:"lambda"`
	// Unsupervised is the day-one model; Calibrated the personal model
	// trained on the other days.
	Unsupervised Scores `json:"unsupervised"`
	Calibrated   Scores `json:"calibrated"`
	// Majority always says the most frequent report of the other days;
	// PersonMean the person's mean rating on the other days (with their
	// report frequencies as probabilities); Rule the PRODUCT.md
	// definition (the most frequent rule state of the span).
	Majority   Scores `json:"majority"`
	PersonMean Scores `json:"person_mean"`
	Rule       Scores `json:"rule"`
}

// CrossValidate runs leave-one-day-out cross-validation over days with
// check-ins. It needs check-ins on at least two days.
func CrossValidate(days []Day, h HMM, b Baseline, size time.Duration, lambda float64) (CVResult, error) {
	lds := prepareAll(days, h, b, size)
	if len(lds) < 2 {
		return CVResult{}, attnflow.Errorf(attnflow.EINVALID, "check-ins on %d day(s): leave-one-day-out needs at least 2 days — answer a few more check-ins (attnflow checkin)", len(lds))
	}
	return crossValidate(lds, lambda, len(lds)), nil
}

// prepareAll prepares the days that have check-ins.
func prepareAll(days []Day, h HMM, b Baseline, size time.Duration) []labelledDay {
	var lds []labelledDay
	for _, d := range days {
		if ld := prepare(d, h, b, size); len(ld.spans) > 0 {
			lds = append(lds, ld)
		}
	}
	return lds
}

// crossValidate holds out the days of one fold at a time (day k is in
// fold k mod folds; folds = len(lds) is leave-one-day-out).
func crossValidate(lds []labelledDay, lambda float64, folds int) CVResult {
	r := CVResult{Days: len(lds), Lambda: lambda}
	var truth []State
	preds := &cvPredictions{}
	for fold := range folds {
		var train []Example
		var counts [NumStates]float64
		ratings, n := 0.0, 0.0
		for j, o := range lds {
			if j%folds == fold {
				continue
			}
			train = append(train, o.examples(len(train))...)
			for _, s := range o.reports {
				counts[s]++
				ratings += reportRating(s)
				n++
			}
		}
		cal := TrainCalibration(train, lambda, int(n))
		freq := frequencies(counts, n)
		for k := fold; k < len(lds); k += folds {
			preds.predictDay(lds[k], cal, freq, ratings/n, &truth)
		}
	}
	r.CheckIns = len(truth)
	r.Unsupervised, r.Calibrated = preds.unsup.score(truth), preds.cal.score(truth)
	r.Majority, r.PersonMean, r.Rule = preds.major.score(truth), preds.mean.score(truth), preds.rule.score(truth)
	return r
}

// cvPredictions collects every model's and baseline's predictions.
type cvPredictions struct{ unsup, cal, major, mean, rule predictions }

// predictDay predicts a held-out day's check-ins.
func (preds *cvPredictions) predictDay(ld labelledDay, cal *Calibration, freq Probs, meanRating float64, truth *[]State) {
	for c, idx := range ld.spans {
		*truth = append(*truth, ld.reports[c])
		var u, q []Probs
		var rule [NumStates]float64
		for _, i := range idx {
			u = append(u, ld.fwd[i])
			q = append(q, cal.Apply(ld.fwd[i], ld.obs[i].Vector))
			rule[ld.rule[i]]++
		}
		preds.unsup.add(spanProbs(u))
		preds.cal.add(spanProbs(q))
		preds.major.add(oneHot(freq.Argmax()))
		preds.mean.addAs(ratingState(meanRating), freq)
		rule[Away] = 0
		preds.rule.add(oneHot(argmax(rule)))
	}
}

type predictions struct {
	states []State
	probs  []Probs
}

func (p *predictions) add(q Probs) { p.addAs(q.Argmax(), q) }
func (p *predictions) addAs(s State, q Probs) {
	p.states, p.probs = append(p.states, s), append(p.probs, q)
}
func (p *predictions) score(truth []State) Scores {
	return Evaluate(truth, p.states, p.probs)
}

func frequencies(counts [NumStates]float64, n float64) Probs {
	var p Probs
	for s := range counts {
		if n > 0 {
			p[s] = counts[s] / n
		}
	}
	return p
}

func oneHot(s State) Probs {
	var p Probs
	p[s] = 1
	return p
}

func argmax(x [NumStates]float64) State { return Probs(x).Argmax() }
