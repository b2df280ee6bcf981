package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
)

// Client talks to an attnflow (or ActivityWatch) server over the /api/0
// API. It implements attnflow.Store, so the CLI and the watchers can use a
// running server exactly as they would use the store itself.
type Client struct {
	base   string
	apiKey string
	hc     *http.Client
}

var _ attnflow.Store = (*Client)(nil)

// NewClient returns a client for the server at baseURL (e.g.
// "http://127.0.0.1:5600"). apiKey may be empty; hc nil uses a client with
// a 30 s timeout.
func NewClient(baseURL, apiKey string, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Client{base: strings.TrimRight(baseURL, "/"), apiKey: apiKey, hc: hc}
}

// do sends a request and decodes a JSON answer into out (if not nil).
// Error answers become *attnflow.Error with the code for the status.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, fmt.Errorf("encode request: %w", err)
		}
		rd = bytes.NewReader(b)
	}
	u := c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode >= 400 {
		return resp.StatusCode, errorFromResponse(resp.StatusCode, data)
	}
	if out != nil && resp.StatusCode != http.StatusNotModified && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: decode answer: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

func errorFromResponse(status int, body []byte) error {
	var msg struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &msg)
	if msg.Message == "" {
		msg.Message = strings.TrimSpace(string(body))
	}
	code := attnflow.EINTERNAL
	for c, s := range statusByCode {
		if s == status {
			code = c
		}
	}
	return &attnflow.Error{Code: code, Message: msg.Message}
}

func bucketPath(id string) string { return "/api/0/buckets/" + url.PathEscape(id) }

// CreateBucket implements attnflow.Store.
func (c *Client) CreateBucket(ctx context.Context, b attnflow.Bucket) error {
	body := map[string]any{"client": b.Client, "type": b.Type, "hostname": b.Hostname, "name": b.Name, "data": b.Data}
	status, err := c.do(ctx, http.MethodPost, bucketPath(b.ID), nil, body, nil)
	if err == nil && status == http.StatusNotModified {
		return attnflow.Errorf(attnflow.ECONFLICT, "bucket %q already exists", b.ID)
	}
	return err
}

// Bucket implements attnflow.Store.
func (c *Client) Bucket(ctx context.Context, id string) (attnflow.Bucket, error) {
	var x attnflow.ExportedBucket
	_, err := c.do(ctx, http.MethodGet, bucketPath(id), nil, nil, &x)
	return withMetadata(x), err
}

// Buckets implements attnflow.Store.
func (c *Client) Buckets(ctx context.Context) ([]attnflow.Bucket, error) {
	var m map[string]attnflow.ExportedBucket
	if _, err := c.do(ctx, http.MethodGet, "/api/0/buckets/", nil, nil, &m); err != nil {
		return nil, err
	}
	out := make([]attnflow.Bucket, 0, len(m))
	for _, x := range m {
		out = append(out, withMetadata(x))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// withMetadata returns the bucket; metadata is not round-tripped by the
// export decoder, so First/Last stay zero on the client side.
func withMetadata(x attnflow.ExportedBucket) attnflow.Bucket { return x.Bucket }

// DeleteBucket implements attnflow.Store.
func (c *Client) DeleteBucket(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, bucketPath(id), url.Values{"force": {"1"}}, nil, nil)
	return err
}

// InsertEvents implements attnflow.Store.
func (c *Client) InsertEvents(ctx context.Context, bucketID string, events []attnflow.Event) ([]attnflow.Event, error) {
	if events == nil {
		events = []attnflow.Event{}
	}
	var out []attnflow.Event
	_, err := c.do(ctx, http.MethodPost, bucketPath(bucketID)+"/events", nil, events, &out)
	return out, err
}

func rangeValues(r attnflow.TimeRange) url.Values {
	q := url.Values{}
	if !r.Start.IsZero() {
		q.Set("start", attnflow.FormatTime(r.Start))
	}
	if !r.End.IsZero() {
		q.Set("end", attnflow.FormatTime(r.End))
	}
	return q
}

// Events implements attnflow.Store. Note that the server clips events to
// the range, as ActivityWatch does.
func (c *Client) Events(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error) {
	q := rangeValues(f.Range)
	q.Set("limit", strconv.Itoa(f.Limit))
	var out []attnflow.Event
	_, err := c.do(ctx, http.MethodGet, bucketPath(bucketID)+"/events", q, nil, &out)
	return out, err
}

// Event implements attnflow.Store.
func (c *Client) Event(ctx context.Context, bucketID string, id int64) (attnflow.Event, error) {
	var e attnflow.Event
	_, err := c.do(ctx, http.MethodGet, bucketPath(bucketID)+"/events/"+strconv.FormatInt(id, 10), nil, nil, &e)
	return e, err
}

// CountEvents implements attnflow.Store.
func (c *Client) CountEvents(ctx context.Context, bucketID string, r attnflow.TimeRange) (int, error) {
	var n int
	_, err := c.do(ctx, http.MethodGet, bucketPath(bucketID)+"/events/count", rangeValues(r), nil, &n)
	return n, err
}

// DeleteEvent implements attnflow.Store.
func (c *Client) DeleteEvent(ctx context.Context, bucketID string, id int64) error {
	_, err := c.do(ctx, http.MethodDelete, bucketPath(bucketID)+"/events/"+strconv.FormatInt(id, 10), nil, nil, nil)
	return err
}

// ImportEvents implements attnflow.Store through POST /api/0/import.
func (c *Client) ImportEvents(ctx context.Context, bucketID string, events []attnflow.Event) (int, error) {
	b, err := c.Bucket(ctx, bucketID)
	if err != nil {
		return 0, err
	}
	doc := attnflow.Export{Buckets: map[string]attnflow.ExportedBucket{bucketID: {Bucket: b, Events: events}}}
	var sum attnflow.ImportSummary
	if _, err := c.do(ctx, http.MethodPost, "/api/0/import", nil, doc, &sum); err != nil {
		return 0, err
	}
	n := 0
	for _, l := range sum.Buckets {
		n += l.Inserted
	}
	return n, nil
}

// Heartbeat implements attnflow.Store.
func (c *Client) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) (attnflow.Event, error) {
	q := url.Values{"pulsetime": {strconv.FormatFloat(pulsetime.Seconds(), 'f', -1, 64)}}
	var e attnflow.Event
	_, err := c.do(ctx, http.MethodPost, bucketPath(bucketID)+"/heartbeat", q, hb, &e)
	return e, err
}

// Settings implements attnflow.Store.
func (c *Client) Settings(ctx context.Context) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	_, err := c.do(ctx, http.MethodGet, "/api/0/settings", nil, nil, &m)
	return m, err
}

// Setting implements attnflow.Store; an unset setting (null) is ENOTFOUND.
func (c *Client) Setting(ctx context.Context, key string) (json.RawMessage, error) {
	var v json.RawMessage
	if _, err := c.do(ctx, http.MethodGet, "/api/0/settings/"+url.PathEscape(key), nil, nil, &v); err != nil {
		return nil, err
	}
	if len(v) == 0 || string(v) == "null" {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "setting %q is not set", key)
	}
	return v, nil
}

// SetSetting implements attnflow.Store.
func (c *Client) SetSetting(ctx context.Context, key string, value json.RawMessage) error {
	_, err := c.do(ctx, http.MethodPost, "/api/0/settings/"+url.PathEscape(key), nil, value, nil)
	return err
}

// DeleteSetting implements attnflow.Store.
func (c *Client) DeleteSetting(ctx context.Context, key string) error {
	_, err := c.do(ctx, http.MethodDelete, "/api/0/settings/"+url.PathEscape(key), nil, nil, nil)
	return err
}

// Info is the answer of GET /api/0/info.
type Info struct {
	Hostname string `json:"hostname"`
	Version  string `json:"version"`
	Testing  bool   `json:"testing"`
	DeviceID string `json:"device_id"`
}

// Info asks the server who it is.
func (c *Client) Info(ctx context.Context) (Info, error) {
	var i Info
	_, err := c.do(ctx, http.MethodGet, "/api/0/info", nil, nil, &i)
	return i, err
}

// Close implements attnflow.Store; it releases idle connections.
func (c *Client) Close() error {
	c.hc.CloseIdleConnections()
	return nil
}
