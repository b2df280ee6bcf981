// Package model turns the attention flow's feature windows into attention
// states (deep focus, focus, shallow work, distracted, away), an attention
// score 0–100 and the reasons behind both.
//
// The day-one model is a hidden Markov model whose five hidden states get
// their meaning from interpretable priors on the window features (share of
// the window in focus apps, category score, switches, typing rate against
// the person's own median, minutes of focus work without a break-in, share
// of the window active). Filter gives the current state online, one window
// at a time; Viterbi and Smooth give the past. Every estimate carries its
// reasons, each the change in the score when that feature is set to the
// person's typical value.
//
// The package is pure: it takes windows and returns values, does no I/O
// and keeps no global state.
package model
