// Package model turns the attention flow's feature windows into attention
// states (deep focus, focus, shallow work, distracted, away), an attention
// score 0–100, fatigue and interruptibility, each with the reasons behind
// it.
//
// The day-one model is a hidden Markov model whose five hidden states get
// their meaning from interpretable priors on the window features (share of
// the window in focus apps, category score, switches, typing rate against
// the person's own median, minutes of focus work without a break-in, share
// of the window active). Filter gives the current state online, one window
// at a time; Viterbi and Smooth give the past. Every estimate carries its
// reasons: each feature's exact Shapley share of the score's distance from
// a neutral window, with the history (what the model expected before the
// window) as one more part.
//
// With check-ins, Train fits a Calibration — a multinomial logistic
// regression from the day-one probabilities and the features, pulled
// toward the weights that reproduce the day-one model — and keeps it only
// when cross-validation by day on the person's own check-ins shows it
// helps. CrossValidate reports it next to the baselines (majority class,
// the person's own mean, RuleState). Fatigue follows time on task and the
// drift of the person's rhythm from their first active hour of the day.
//
// The package is pure: it takes windows and returns values, does no I/O
// and keeps no global state. Saving and loading model files (Marshal,
// ParseFile) works on bytes.
package model
