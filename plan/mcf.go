package plan

import "math"

// flowNet is a min-cost flow network solved by successive shortest paths
// (Bellman–Ford with a queue, so negative costs are fine). It is small and
// exact; the planner's bound uses it.
type flowNet struct {
	head []int
	to   []int
	next []int
	cap  []int
	cost []float64
}

func newFlowNet(n int) *flowNet {
	h := make([]int, n)
	for i := range h {
		h[i] = -1
	}
	return &flowNet{head: h}
}

// edge adds u→v with capacity c and unit cost w (and its residual twin).
func (f *flowNet) edge(u, v, c int, w float64) int {
	id := len(f.to)
	f.to = append(f.to, v, u)
	f.cap = append(f.cap, c, 0)
	f.cost = append(f.cost, w, -w)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u], f.head[v] = id, id+1
	return id
}

// flow is the flow on edge id.
func (f *flowNet) flow(id int) int { return f.cap[id^1] }

// minCost pushes flow from s to t while it lowers the cost and returns the
// total cost (negative when the flow earns value).
func (f *flowNet) minCost(s, t int) float64 {
	n := len(f.head)
	dist := make([]float64, n)
	prev := make([]int, n)
	inq := make([]bool, n)
	total := 0.0
	for {
		for i := range dist {
			dist[i], prev[i] = math.Inf(1), -1
		}
		dist[s] = 0
		queue := []int{s}
		inq[s] = true
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			inq[u] = false
			for e := f.head[u]; e >= 0; e = f.next[e] {
				if f.cap[e] > 0 && dist[u]+f.cost[e] < dist[f.to[e]]-1e-12 {
					v := f.to[e]
					dist[v], prev[v] = dist[u]+f.cost[e], e
					if !inq[v] {
						inq[v] = true
						queue = append(queue, v)
					}
				}
			}
		}
		if math.IsInf(dist[t], 1) || dist[t] >= -1e-12 {
			return total
		}
		push := math.MaxInt
		for v := t; v != s; v = f.to[prev[v]^1] {
			push = min(push, f.cap[prev[v]])
		}
		for v := t; v != s; v = f.to[prev[v]^1] {
			f.cap[prev[v]] -= push
			f.cap[prev[v]^1] += push
		}
		total += float64(push) * dist[t]
	}
}
