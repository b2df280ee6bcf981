package flow

import (
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// span is a half-open interval of time.
type span struct{ start, end time.Time }

// spansOf turns events into sorted, merged spans.
func spansOf(events []attnflow.Event) []span {
	out := make([]span, 0, len(events))
	for _, e := range events {
		if e.Duration > 0 {
			out = append(out, span{e.Timestamp, e.End()})
		}
	}
	return mergeSpans(out)
}

// mergeSpans sorts spans and joins the ones that overlap or touch.
func mergeSpans(sp []span) []span {
	sort.Slice(sp, func(i, j int) bool { return sp[i].start.Before(sp[j].start) })
	out := sp[:0]
	for _, s := range sp {
		if n := len(out); n > 0 && !s.start.After(out[n-1].end) {
			if s.end.After(out[n-1].end) {
				out[n-1].end = s.end
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// unionSpans unites two span lists.
func unionSpans(a, b []span) []span {
	return mergeSpans(append(append(make([]span, 0, len(a)+len(b)), a...), b...))
}

// overlay splits the segments accepted by want at the boundaries of the
// top events and applies merge to the parts a top event covers, so a
// browser window takes its tab's title and URL, an editor window its
// project. Top events are flooded and sorted; where they overlap, the
// later one wins. Segments not accepted pass through unchanged.
func overlay(segs []Segment, top []attnflow.Event, want func(*Segment) bool, merge func(*Segment, attnflow.Data)) []Segment {
	if len(top) == 0 {
		return segs
	}
	ends := make([]time.Time, len(top)) // running max of ends, for search
	var m time.Time
	for i, t := range top {
		if t.End().After(m) {
			m = t.End()
		}
		ends[i] = m
	}
	out := make([]Segment, 0, len(segs)+len(top))
	for _, s := range segs {
		if !want(&s) {
			out = append(out, s)
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return ends[i].After(s.Start) })
		cur := s.Start
		for ; i < len(top) && top[i].Timestamp.Before(s.End); i++ {
			t := top[i]
			if !t.End().After(cur) {
				continue
			}
			if t.Timestamp.After(cur) {
				p := s
				p.Start, p.End = cur, t.Timestamp
				out = append(out, p)
				cur = t.Timestamp
			}
			p := s
			p.Start, p.End = cur, minTime(s.End, t.End())
			merge(&p, t.Data)
			out = append(out, p)
			cur = p.End
		}
		if cur.Before(s.End) {
			p := s
			p.Start = cur
			out = append(out, p)
		}
	}
	return out
}
