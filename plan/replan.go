package plan

import "time"

// Replan plans the rest of the horizon again from p.Now after the day
// drifted (a meeting ran over, a task finished early, a new task came in).
// It keeps prev's pinned blocks where they are, keeps the blocks already
// done (ended by p.Now) in the plan as history, counts the work in them and
// in the block under way as done unless p.Done already says how much was
// done (measured), and places the remaining work anew. Tasks left out of
// p.Tasks (finished, dropped) lose their unpinned blocks.
func Replan(prev *Plan, p Problem) (*Plan, error) {
	measured := map[string]bool{}
	done := map[string]time.Duration{}
	for id, d := range p.Done {
		done[id], measured[id] = d, true
	}
	var history []Block
	pinned := append([]Block(nil), p.Pinned...)
	for _, b := range prev.Blocks {
		switch {
		case b.Pinned:
			if !hasBlock(pinned, b) {
				pinned = append(pinned, b)
			}
		case !b.End.After(p.Now):
			history = append(history, b)
			if !measured[b.TaskID] {
				done[b.TaskID] += b.End.Sub(b.Start)
			}
		case b.Start.Before(p.Now):
			part := b
			part.End = p.Now
			history = append(history, part)
			if !measured[b.TaskID] {
				done[b.TaskID] += p.Now.Sub(b.Start)
			}
		}
	}
	p.Pinned, p.Done = pinned, done
	out, err := Solve(p)
	if err != nil {
		return nil, err
	}
	out.Blocks = append(history, out.Blocks...)
	return out, nil
}

func hasBlock(bs []Block, b Block) bool {
	for _, x := range bs {
		if x.TaskID == b.TaskID && x.Start.Equal(b.Start) && x.End.Equal(b.End) {
			return true
		}
	}
	return false
}
