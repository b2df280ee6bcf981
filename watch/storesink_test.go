package watch

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

// memStore is the part of attnflow.Store that StoreSink uses, over a
// MemorySink; the embedded nil interface panics on anything else.
type memStore struct {
	attnflow.Store
	mem      *MemorySink
	settings map[string]json.RawMessage
}

func (m *memStore) CreateBucket(ctx context.Context, b attnflow.Bucket) error {
	if m.mem.Has(b.ID) {
		return attnflow.Errorf(attnflow.ECONFLICT, "bucket exists")
	}
	return m.mem.EnsureBucket(ctx, b)
}

func (m *memStore) Heartbeat(ctx context.Context, id string, hb attnflow.Event, p time.Duration) (attnflow.Event, error) {
	return hb, m.mem.Heartbeat(ctx, id, hb, p)
}

func (m *memStore) InsertEvents(ctx context.Context, id string, evs []attnflow.Event) ([]attnflow.Event, error) {
	return evs, m.mem.Insert(ctx, id, evs)
}

func (m *memStore) Setting(_ context.Context, key string) (json.RawMessage, error) {
	v, ok := m.settings[key]
	if !ok {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "no setting")
	}
	return v, nil
}

func TestStoreSink(t *testing.T) {
	ctx := context.Background()
	st := &memStore{mem: NewMemorySink(), settings: map[string]json.RawMessage{}}
	s := NewStoreSink(st)
	b := attnflow.Bucket{ID: "aw-watcher-afk_h", Type: AFKBucketType}
	for range 2 {
		if err := s.EnsureBucket(ctx, b); err != nil {
			t.Fatalf("EnsureBucket: %v (an existing bucket is no error)", err)
		}
	}
	hb := attnflow.Event{Timestamp: t0, Data: attnflow.Data{"status": "not-afk"}}
	if err := s.Heartbeat(ctx, b.ID, hb, time.Minute); err != nil {
		t.Fatal(err)
	}
	hb.Timestamp = t0.Add(10 * time.Second)
	if err := s.Heartbeat(ctx, b.ID, hb, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.Insert(ctx, b.ID, []attnflow.Event{hb, hb}); err != nil {
		t.Fatal(err)
	}
	if got := fmtEvents(st.mem.Events(b.ID)); got != "not-afk@0+10 not-afk@10+0 not-afk@10+0" {
		t.Errorf("events = %q", got)
	}
	if _, ok, err := s.PrivacySettings(ctx); ok || err != nil {
		t.Errorf("unset settings: ok, err = %v, %v; want false, nil", ok, err)
	}
	st.settings[PrivacySettingKey] = json.RawMessage(`{"paused_until":"2026-03-02T10:00:00Z","private":true}`)
	ps, ok, err := s.PrivacySettings(ctx)
	if err != nil || !ok || !ps.Private || !ps.PausedUntil.Equal(t0.Add(time.Hour)) {
		t.Errorf("PrivacySettings() = %+v, %v, %v; want private, paused until 10:00", ps, ok, err)
	}
}
