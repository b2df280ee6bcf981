package gaze

import (
	"sort"
	"strings"
)

// Stimulus types of the Andersson et al. (2017) recordings.
const (
	Images = "images"
	Dots   = "dots"
	Video  = "video"
)

// Stimuli lists the stimulus types in table order.
func Stimuli() []string { return []string{Images, Dots, Video} }

// ScoredEvents are the event types scored in the evaluation table.
func ScoredEvents() []Label { return []Label{Fixation, Saccade, PSO, Pursuit, Blink} }

// StimulusOf returns the stimulus type encoded in an Andersson et al.
// recording name ("_img_", "_trialN", "_video_"), or "" when unknown.
func StimulusOf(name string) string {
	switch {
	case strings.Contains(name, "_img_"):
		return Images
	case strings.Contains(name, "_trial"):
		return Dots
	case strings.Contains(name, "_video_"):
		return Video
	}
	return ""
}

// Coded is one recording with the labels of both human coders.
type Coded struct {
	Name     string
	Stimulus string
	MN, RA   []Label
}

// Scores holds agreement counts per stimulus type and event type.
type Scores map[string]map[Label]Agreement

// Add accumulates an agreement.
func (s Scores) Add(stim string, ev Label, a Agreement) {
	if s[stim] == nil {
		s[stim] = map[Label]Agreement{}
	}
	s[stim][ev] = s[stim][ev].Add(a)
}

// Kappa returns the kappa of one cell (0 when empty).
func (s Scores) Kappa(stim string, ev Label) float64 { return s[stim][ev].Kappa() }

// ScoreVsCoders scores a labelling of rec the way Andersson et al. do:
// per event type, the labels are compared against coder MN and against
// coder RA, and both comparisons are concatenated.
func ScoreVsCoders(s Scores, rec Coded, pred []Label) {
	for _, ev := range ScoredEvents() {
		s.Add(rec.Stimulus, ev, Agree(pred, rec.MN, ev).Add(Agree(pred, rec.RA, ev)))
	}
}

// ScoreHumans scores coder MN against coder RA (the human–human line).
func ScoreHumans(s Scores, rec Coded) {
	for _, ev := range ScoredEvents() {
		s.Add(rec.Stimulus, ev, Agree(rec.MN, rec.RA, ev))
	}
}

// Objective summarises scores into one number to maximise when choosing
// parameters: the mean kappa over fixation, saccade and PSO in every
// stimulus type plus pursuit on dots and video.
func Objective(s Scores) float64 {
	var sum float64
	var n int
	for _, st := range Stimuli() {
		for _, ev := range []Label{Fixation, Saccade, PSO, Pursuit} {
			if ev == Pursuit && st == Images {
				continue
			}
			if _, ok := s[st]; !ok {
				continue
			}
			sum += s.Kappa(st, ev)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
