package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/attnflow/attnflow/tasks"
)

var _ tasks.Store = (*Client)(nil)

func taskPath(id string) string { return "/api/v1/tasks/" + url.PathEscape(id) }

// CreateTask implements tasks.Store over the native API.
func (c *Client) CreateTask(ctx context.Context, t tasks.Task) (tasks.Task, error) {
	var out tasks.Task
	_, err := c.do(ctx, http.MethodPost, "/api/v1/tasks", nil, t, &out)
	return out, err
}

// Task implements tasks.Store over the native API.
func (c *Client) Task(ctx context.Context, id string) (tasks.Task, error) {
	var out tasks.Task
	_, err := c.do(ctx, http.MethodGet, taskPath(id), nil, nil, &out)
	return out, err
}

// Tasks implements tasks.Store over the native API.
func (c *Client) Tasks(ctx context.Context, f tasks.Filter) ([]tasks.Task, error) {
	var q url.Values
	if f.Done {
		q = url.Values{"all": {"1"}}
	}
	var out []tasks.Task
	_, err := c.do(ctx, http.MethodGet, "/api/v1/tasks", q, nil, &out)
	return out, err
}

// UpdateTask implements tasks.Store over the native API.
func (c *Client) UpdateTask(ctx context.Context, t tasks.Task) (tasks.Task, error) {
	var out tasks.Task
	_, err := c.do(ctx, http.MethodPut, taskPath(t.ID), nil, t, &out)
	return out, err
}

// DeleteTask implements tasks.Store over the native API.
func (c *Client) DeleteTask(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, taskPath(id), nil, nil, nil)
	return err
}

// DoneTask marks a task done.
func (c *Client) DoneTask(ctx context.Context, id string) (tasks.Task, error) {
	var out tasks.Task
	_, err := c.do(ctx, http.MethodPost, taskPath(id)+"/done", nil, nil, &out)
	return out, err
}

// ParseQuickAdd asks what a quick-add line means, without saving it.
// save stores the task too.
func (c *Client) ParseQuickAdd(ctx context.Context, text, tz string, save bool) (QuickAdd, error) {
	path := "/api/v1/tasks/parse"
	if save {
		path = "/api/v1/tasks/quick"
	}
	var out QuickAdd
	_, err := c.do(ctx, http.MethodPost, path, nil, QuickAdd{Text: text, TZ: tz}, &out)
	return out, err
}

// Plan fetches a plan; q holds days, tz and host.
func (c *Client) Plan(ctx context.Context, q url.Values) (PlanResult, error) {
	var out PlanResult
	_, err := c.do(ctx, http.MethodGet, "/api/v1/plan", q, nil, &out)
	return out, err
}

// PlanICS fetches a plan as an iCalendar file.
func (c *Client) PlanICS(ctx context.Context, q url.Values) ([]byte, error) {
	return c.raw(ctx, http.MethodGet, "/api/v1/plan.ics?"+q.Encode(), nil)
}

// PlanLP fetches the planning problem as a MIP in CPLEX LP format.
func (c *Client) PlanLP(ctx context.Context, q url.Values) ([]byte, error) {
	return c.raw(ctx, http.MethodGet, "/api/v1/plan.lp?"+q.Encode(), nil)
}

// ImportCalendar stores an iCalendar file as busy time under name.
func (c *Client) ImportCalendar(ctx context.Context, name string, data []byte) error {
	_, err := c.raw(ctx, http.MethodPost, "/api/v1/calendars/"+url.PathEscape(name), data)
	return err
}

// raw sends a request with a raw body and returns the raw answer.
func (c *Client) raw(ctx context.Context, method, path string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode >= 400 {
		return nil, errorFromResponse(resp.StatusCode, data)
	}
	return data, nil
}

// Calendars lists the imported calendars (without their data).
func (c *Client) Calendars(ctx context.Context) ([]tasks.Calendar, error) {
	var out []tasks.Calendar
	_, err := c.do(ctx, http.MethodGet, "/api/v1/calendars", nil, nil, &out)
	return out, err
}

// DeleteCalendar forgets an imported calendar.
func (c *Client) DeleteCalendar(ctx context.Context, name string) error {
	_, err := c.do(ctx, http.MethodDelete, "/api/v1/calendars/"+url.PathEscape(name), nil, nil, nil)
	return err
}
