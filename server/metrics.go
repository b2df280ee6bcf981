package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus instruments.
type metrics struct {
	gatherer prometheus.Gatherer
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	ingested *prometheus.CounterVec
	// heartbeats is ingested's "heartbeat" child, resolved once: it is
	// on the hottest path.
	heartbeats prometheus.Counter
}

// queuer is implemented by stores that can report their write queues.
type queuer interface {
	QueueDepths() map[string]int
}

// sizer is implemented by stores that can report their size on disk.
type sizer interface {
	Size(ctx context.Context) (int64, error)
}

func newMetrics(reg prometheus.Registerer, store attnflow.Store) (*metrics, error) {
	private := prometheus.NewRegistry()
	m := &metrics{
		gatherer: private,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attnflow_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "attnflow_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attnflow_events_ingested_total", Help: "Events accepted, by path (heartbeat, insert, import).",
		}, []string{"path"}),
	}
	cs := []prometheus.Collector{m.requests, m.latency, m.ingested,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})}
	if sz, ok := store.(sizer); ok {
		cs = append(cs, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "attnflow_store_size_bytes", Help: "Size of the event store on disk.",
		}, func() float64 {
			n, _ := sz.Size(context.Background())
			return float64(n)
		}))
	}
	if q, ok := store.(queuer); ok {
		for name := range q.QueueDepths() {
			cs = append(cs, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "attnflow_store_queue_depth", Help: "Writes waiting in the store, by queue (writes: queued for the writer; heartbeats: logged, not yet applied).",
				ConstLabels: prometheus.Labels{"queue": name},
			}, func() float64 { return float64(q.QueueDepths()[name]) }))
		}
	}
	m.heartbeats = m.ingested.WithLabelValues("heartbeat")
	for _, c := range cs {
		if err := private.Register(c); err != nil {
			return nil, err
		}
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{m.requests, m.latency, m.ingested} {
			_ = reg.Register(c) // best effort: a shared registry may hold them already
		}
	}
	return m, nil
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{})
}

// observe records one request; the route is the matched mux pattern, so
// bucket ids never become label values.
func (m *metrics) observe(r *http.Request, status int, d time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}
