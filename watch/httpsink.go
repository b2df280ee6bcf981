package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
)

// HTTPSink writes to an ActivityWatch-compatible server (attnflow or
// aw-server) over HTTP. While the server cannot be reached, writes go to a
// durable Queue and are replayed in order once it answers again.
type HTTPSink struct {
	base   string
	apiKey string
	client *http.Client
	queue  *Queue
	log    *slog.Logger
	now    func() time.Time

	mu        sync.Mutex // serialises sending, so the server sees writes in order
	buckets   map[string]Op
	nextRetry time.Time
	backoff   time.Duration
	offline   bool
}

var _ Sink = (*HTTPSink)(nil)

// HTTPSinkOptions configures an HTTPSink. Zero fields take defaults.
type HTTPSinkOptions struct {
	Client *http.Client     // default: 10 s timeout
	Logger *slog.Logger     // nil: discard
	Now    func() time.Time // default time.Now
	APIKey string           // sent as "Authorization: Bearer KEY" when set
}

// NewHTTPSink returns a sink for the server at base (e.g.
// "http://localhost:5600") that queues into q while the server is away.
// A client that only reads and writes settings may pass a nil q.
func NewHTTPSink(base string, q *Queue, opt HTTPSinkOptions) *HTTPSink {
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &HTTPSink{
		base: strings.TrimRight(base, "/"), apiKey: opt.APIKey, client: opt.Client, queue: q,
		log: opt.Logger, now: opt.Now, buckets: map[string]Op{},
	}
}

// EnsureBucket implements Sink.
func (s *HTTPSink) EnsureBucket(ctx context.Context, b attnflow.Bucket) error {
	op := Op{Kind: OpBucket, BucketID: b.ID, Type: b.Type, Client: b.Client, Hostname: b.Hostname}
	s.mu.Lock()
	s.buckets[b.ID] = op
	s.mu.Unlock()
	return s.write(ctx, op)
}

// Heartbeat implements Sink.
func (s *HTTPSink) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) error {
	return s.write(ctx, Op{Kind: OpHeartbeat, BucketID: bucketID, Events: []attnflow.Event{hb}, Pulsetime: pulsetime.Seconds()})
}

// Insert implements Sink.
func (s *HTTPSink) Insert(ctx context.Context, bucketID string, events []attnflow.Event) error {
	return s.write(ctx, Op{Kind: OpInsert, BucketID: bucketID, Events: events})
}

// Pending returns how many writes wait in the queue.
func (s *HTTPSink) Pending() int { return s.queue.Len() }

// write sends op directly when nothing is queued, and queues it otherwise
// or when the server cannot take it now.
func (s *HTTPSink) write(ctx context.Context, op Op) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.queue.Len() == 0 && !s.offline {
		err := s.send(ctx, op)
		if !isRetryable(err) {
			return s.dropIfRejected(op, err)
		}
		if ctx.Err() == nil {
			s.wentOffline(err)
		}
	}
	if err := s.queue.Push(op); err != nil {
		return fmt.Errorf("queue %s for %s: %w", op.Kind, op.BucketID, err)
	}
	if ctx.Err() == nil { // shutting down: keep the rest for the next start
		s.flushLocked(ctx)
	}
	return nil
}

// Flush replays queued writes now (e.g. at start-up). It stops at the
// first write the server cannot take and returns how many remain.
func (s *HTTPSink) Flush(ctx context.Context) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextRetry = time.Time{}
	s.flushLocked(ctx)
	return s.queue.Len()
}

func (s *HTTPSink) flushLocked(ctx context.Context) {
	if s.queue.Len() == 0 || s.now().Before(s.nextRetry) {
		return
	}
	n := 0
	for {
		op, seq, ok := s.queue.Peek()
		if !ok {
			break
		}
		err := s.send(ctx, op)
		if isRetryable(err) {
			s.wentOffline(err)
			return
		}
		if err := s.dropIfRejected(op, err); err != nil {
			s.log.Error("server rejected a queued write; dropping it", "bucket", op.BucketID, "kind", op.Kind, "err", err)
		}
		if err := s.queue.Ack(seq); err != nil {
			s.log.Error("acknowledge queued write", "err", err)
			return
		}
		n++
	}
	s.offline, s.backoff, s.nextRetry = false, 0, time.Time{}
	s.log.Info("server reachable again; queue replayed", "writes", n)
}

// wentOffline schedules the next retry with exponential backoff (1 s to 30 s).
func (s *HTTPSink) wentOffline(err error) {
	if !s.offline {
		s.log.Warn("server unreachable; queueing writes on disk", "server", s.base, "err", err)
	}
	s.offline = true
	s.backoff = min(max(2*s.backoff, time.Second), 30*time.Second)
	s.nextRetry = s.now().Add(s.backoff)
}

// dropIfRejected logs and reports a write the server refused for good.
func (s *HTTPSink) dropIfRejected(op Op, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s to %s rejected: %w", op.Kind, op.BucketID, err)
}

// send performs one operation. A 404 on an event write means the server
// lost the bucket (a new database): it is created again and the write retried.
func (s *HTTPSink) send(ctx context.Context, op Op) error {
	err := s.sendOnce(ctx, op)
	var se *statusError
	if op.Kind != OpBucket && errors.As(err, &se) && se.code == http.StatusNotFound {
		if b, ok := s.buckets[op.BucketID]; ok {
			if err := s.sendOnce(ctx, b); err != nil {
				return err
			}
			return s.sendOnce(ctx, op)
		}
	}
	return err
}

func (s *HTTPSink) sendOnce(ctx context.Context, op Op) error {
	path := "/api/0/buckets/" + url.PathEscape(op.BucketID)
	var body any
	switch op.Kind {
	case OpBucket:
		body = map[string]string{"client": op.Client, "type": op.Type, "hostname": op.Hostname}
	case OpHeartbeat:
		if len(op.Events) != 1 {
			return &statusError{code: http.StatusBadRequest, msg: "queued heartbeat without one event"}
		}
		path += "/heartbeat?pulsetime=" + strconv.FormatFloat(op.Pulsetime, 'f', -1, 64)
		body = op.Events[0]
	case OpInsert:
		path += "/events"
		body = op.Events
	default:
		return &statusError{code: http.StatusBadRequest, msg: "unknown queued operation " + op.Kind}
	}
	return s.post(ctx, path, body)
}

func (s *HTTPSink) post(ctx context.Context, path string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return &statusError{code: http.StatusBadRequest, msg: err.Error()}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+path, bytes.NewReader(b))
	if err != nil {
		return &statusError{code: http.StatusBadRequest, msg: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.do(req)
	if err != nil {
		return fmt.Errorf("post %s: %w", path, err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode < 300 || resp.StatusCode == http.StatusNotModified {
		return nil
	}
	return &statusError{code: resp.StatusCode, msg: strings.TrimSpace(string(msg))}
}

// do sends req with the API key, if any.
func (s *HTTPSink) do(req *http.Request) (*http.Response, error) {
	if s.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+s.apiKey)
	}
	return s.client.Do(req)
}

// statusError is an HTTP answer other than success.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return fmt.Sprintf("server answered %d: %s", e.code, e.msg) }

// isRetryable reports whether err means "try again later": no answer at
// all, a server error, or too many requests. A 4xx answer is final.
func isRetryable(err error) bool {
	if err == nil {
		return false
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.code >= 500 || se.code == http.StatusTooManyRequests || se.code == http.StatusRequestTimeout
	}
	return true
}

// PrivacySettings implements SettingsSource: it reads PrivacySettingKey
// from the server's settings (null or 404 when unset).
func (s *HTTPSink) PrivacySettings(ctx context.Context) (PrivacySettings, bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/api/0/settings/"+PrivacySettingKey, nil)
	if err != nil {
		return PrivacySettings{}, false, fmt.Errorf("read privacy settings: %w", err)
	}
	resp, err := s.do(req)
	if err != nil {
		return PrivacySettings{}, false, fmt.Errorf("read privacy settings: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return PrivacySettings{}, false, nil
	}
	if resp.StatusCode != http.StatusOK {
		return PrivacySettings{}, false, fmt.Errorf("read privacy settings: server answered %d", resp.StatusCode)
	}
	var ps *PrivacySettings
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&ps); err != nil {
		return PrivacySettings{}, false, fmt.Errorf("read privacy settings: %w", err)
	}
	if ps == nil {
		return PrivacySettings{}, false, nil
	}
	return *ps, true, nil
}

var _ SettingsSource = (*HTTPSink)(nil)

// SetPrivacySettings writes PrivacySettingKey on the server (e.g. for
// "attnflow pause"). It is not queued: it fails when the server is away.
func (s *HTTPSink) SetPrivacySettings(ctx context.Context, ps PrivacySettings) error {
	if err := s.post(ctx, "/api/0/settings/"+PrivacySettingKey, ps); err != nil {
		return fmt.Errorf("write privacy settings: %w", err)
	}
	return nil
}
