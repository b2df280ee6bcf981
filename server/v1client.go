package server

import (
	"context"
	"net/http"
	"net/url"

	"github.com/attnflow/attnflow/flow"
)

// FlowReport asks a running server for the day or week report of date
// (GET /api/v1/flow/report). q may add tz, day_start, window and host.
func (c *Client) FlowReport(ctx context.Context, period, date string, q url.Values) (flow.Report, error) {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	v.Set("period", period)
	if date != "" {
		v.Set("date", date)
	}
	var rep flow.Report
	_, err := c.do(ctx, http.MethodGet, "/api/v1/flow/report", v, nil, &rep)
	return rep, err
}
