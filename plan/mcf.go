package plan

import (
	"container/heap"
	"math"
)

// flowNet is a min-cost flow network solved by successive shortest paths:
// Bellman–Ford once for potentials (costs may be negative), then Dijkstra
// on reduced costs. It is small and exact; the planner's bound uses it.
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
	pot := f.bellmanFord(s)
	for i := range pot {
		if math.IsInf(pot[i], 1) {
			pot[i] = 0 // unreachable now and later: residual arcs only appear on reached nodes
		}
	}
	dist := make([]float64, n)
	prev := make([]int, n)
	done := make([]bool, n)
	total := 0.0
	for {
		f.dijkstra(s, pot, dist, prev, done)
		if math.IsInf(dist[t], 1) {
			return total
		}
		pathCost := dist[t] + pot[t] - pot[s]
		if pathCost >= -1e-12 {
			return total
		}
		for v := range pot {
			if !math.IsInf(dist[v], 1) {
				pot[v] += dist[v]
			}
		}
		push := math.MaxInt
		for v := t; v != s; v = f.to[prev[v]^1] {
			push = min(push, f.cap[prev[v]])
		}
		for v := t; v != s; v = f.to[prev[v]^1] {
			f.cap[prev[v]] -= push
			f.cap[prev[v]^1] += push
		}
		total += float64(push) * pathCost
	}
}

// bellmanFord returns shortest distances from s over edges with capacity.
func (f *flowNet) bellmanFord(s int) []float64 {
	n := len(f.head)
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[s] = 0
	inq := make([]bool, n)
	queue := []int{s}
	inq[s] = true
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		inq[u] = false
		for e := f.head[u]; e >= 0; e = f.next[e] {
			if v := f.to[e]; f.cap[e] > 0 && dist[u]+f.cost[e] < dist[v]-1e-12 {
				dist[v] = dist[u] + f.cost[e]
				if !inq[v] {
					inq[v] = true
					queue = append(queue, v)
				}
			}
		}
	}
	return dist
}

// dijkstra finds shortest paths on reduced costs cost + pot[u] − pot[v].
func (f *flowNet) dijkstra(s int, pot, dist []float64, prev []int, done []bool) {
	for i := range dist {
		dist[i], prev[i], done[i] = math.Inf(1), -1, false
	}
	dist[s] = 0
	h := &distHeap{{s, 0}}
	for h.Len() > 0 {
		it := heap.Pop(h).(distItem)
		u := it.node
		if done[u] {
			continue
		}
		done[u] = true
		for e := f.head[u]; e >= 0; e = f.next[e] {
			v := f.to[e]
			if f.cap[e] <= 0 || done[v] {
				continue
			}
			rc := f.cost[e] + pot[u] - pot[v]
			if rc < 0 {
				rc = 0 // rounding: reduced costs are ≥ 0 in exact arithmetic
			}
			if nd := dist[u] + rc; nd < dist[v]-1e-12 {
				dist[v], prev[v] = nd, e
				heap.Push(h, distItem{v, nd})
			}
		}
	}
}

type distItem struct {
	node int
	dist float64
}

type distHeap []distItem

func (h distHeap) Len() int           { return len(h) }
func (h distHeap) Less(i, j int) bool { return h[i].dist < h[j].dist }
func (h distHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)        { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
