package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
)

// StoreSink writes straight into an attnflow.Store: what "attnflow up"
// uses, with the server and the watchers in one process.
type StoreSink struct {
	store attnflow.Store
}

var _ Sink = (*StoreSink)(nil)

// NewStoreSink returns a sink over store.
func NewStoreSink(store attnflow.Store) *StoreSink { return &StoreSink{store: store} }

// EnsureBucket implements Sink.
func (s *StoreSink) EnsureBucket(ctx context.Context, b attnflow.Bucket) error {
	if err := s.store.CreateBucket(ctx, b); err != nil && attnflow.ErrorCode(err) != attnflow.ECONFLICT {
		return err
	}
	return nil
}

// Heartbeat implements Sink.
func (s *StoreSink) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) error {
	_, err := s.store.Heartbeat(ctx, bucketID, hb, pulsetime)
	return err
}

// Insert implements Sink.
func (s *StoreSink) Insert(ctx context.Context, bucketID string, events []attnflow.Event) error {
	_, err := s.store.InsertEvents(ctx, bucketID, events)
	return err
}

var _ SettingsSource = (*StoreSink)(nil)

// PrivacySettings implements SettingsSource: the run-time privacy settings
// (pause, private mode) from the store's PrivacySettingKey setting.
func (s *StoreSink) PrivacySettings(ctx context.Context) (PrivacySettings, bool, error) {
	raw, err := s.store.Setting(ctx, PrivacySettingKey)
	if attnflow.ErrorCode(err) == attnflow.ENOTFOUND {
		return PrivacySettings{}, false, nil
	} else if err != nil {
		return PrivacySettings{}, false, fmt.Errorf("read privacy settings: %w", err)
	}
	var ps *PrivacySettings
	if err := json.Unmarshal(raw, &ps); err != nil {
		return PrivacySettings{}, false, fmt.Errorf("read privacy settings: %w", err)
	}
	if ps == nil {
		return PrivacySettings{}, false, nil
	}
	return *ps, true, nil
}
