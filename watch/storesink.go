package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/attnflow/attnflow"
)

// StoreSink writes straight into an attnflow.Store, for "attnflow up"
// where the watchers run in the server's process. It also reads the
// privacy settings from the store.
type StoreSink struct {
	Store attnflow.Store
}

var (
	_ Sink           = StoreSink{}
	_ SettingsSource = StoreSink{}
)

// EnsureBucket implements Sink; a bucket that exists is left as it is.
func (s StoreSink) EnsureBucket(ctx context.Context, b attnflow.Bucket) error {
	err := s.Store.CreateBucket(ctx, b)
	if attnflow.ErrorCode(err) == attnflow.ECONFLICT {
		return nil
	}
	return err
}

// Heartbeat implements Sink.
func (s StoreSink) Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) error {
	_, err := s.Store.Heartbeat(ctx, bucketID, hb, pulsetime)
	return err
}

// Insert implements Sink.
func (s StoreSink) Insert(ctx context.Context, bucketID string, events []attnflow.Event) error {
	_, err := s.Store.InsertEvents(ctx, bucketID, events)
	return err
}

// PrivacySettings implements SettingsSource.
func (s StoreSink) PrivacySettings(ctx context.Context) (PrivacySettings, bool, error) {
	raw, err := s.Store.Setting(ctx, PrivacySettingKey)
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
