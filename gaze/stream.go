package gaze

import "math"

// ChunkOptions configure ClassifyStream.
type ChunkOptions struct {
	Chunk   float64 // seconds labelled per pass (default 60)
	Overlap float64 // seconds of context on each side of a chunk (default 2)
}

// ClassifyStream labels an arbitrarily long recording with bounded
// memory: it reads samples from next (false at the end), classifies them
// in chunks with Overlap seconds of context on each side — enough for the
// detector's windows, so labels inside a chunk do not depend on where the
// chunk was cut — and passes each sample's label to emit, in order. Each
// chunk gets its own data-driven thresholds, as REMoDNaV's chunks do.
func ClassifyStream(next func() (Sample, bool), d Detector, g Geometry, o ChunkOptions, emit func(Label) error) error {
	if o.Chunk <= 0 {
		o.Chunk = 60
	}
	if o.Overlap <= 0 {
		o.Overlap = 2
	}
	rate := g.Rate
	if !(rate > 0) {
		rate = 1000
	}
	chunk := max(int(math.Round(o.Chunk*rate)), 1)
	overlap := max(int(math.Round(o.Overlap*rate)), 1)
	buf := make([]Sample, 0, overlap+chunk+overlap)
	ws := &workspace{}
	pre := 0 // samples at the head of buf already emitted (context only)
	done := false
	for !done {
		for len(buf) < pre+chunk+overlap {
			s, ok := next()
			if !ok {
				done = true
				break
			}
			buf = append(buf, s)
		}
		if len(buf) == pre {
			return nil
		}
		var labels []Label
		if a, ok := d.(Adaptive); ok {
			labels = a.classifyIn(ws, buf, g) // reuses one set of buffers for every chunk
		} else {
			labels = d.Classify(buf, g)
		}
		end := min(pre+chunk, len(buf))
		if done {
			end = len(buf)
		}
		for _, l := range labels[pre:end] {
			if err := emit(l); err != nil {
				return err
			}
		}
		if done {
			return nil
		}
		keep := end - overlap // the new context starts overlap samples before end
		buf = append(buf[:0], buf[keep:]...)
		pre = overlap
	}
	return nil
}
