package watch

import (
	"context"
	"time"

	"github.com/attnflow/attnflow"
)

// Sink is where watchers write: an in-process store or a server over HTTP.
// Implementations must be safe for concurrent use by several watchers.
type Sink interface {
	// EnsureBucket creates the bucket unless it already exists.
	EnsureBucket(ctx context.Context, b attnflow.Bucket) error
	// Heartbeat merges hb into the bucket's last event by the ActivityWatch
	// heartbeat rule (attnflow.MergeHeartbeat) or stores it as new.
	Heartbeat(ctx context.Context, bucketID string, hb attnflow.Event, pulsetime time.Duration) error
	// Insert stores events as new events, never merging them (input bins
	// with equal counts must stay separate).
	Insert(ctx context.Context, bucketID string, events []attnflow.Event) error
}

// Bucket types and id prefixes of the built-in watchers, as ActivityWatch
// names them so its queries and dashboards find them.
const (
	WindowBucketPrefix = "aw-watcher-window_"
	AFKBucketPrefix    = "aw-watcher-afk_"
	InputBucketPrefix  = "aw-watcher-input_"

	WindowBucketType = "currentwindow"
	AFKBucketType    = "afkstatus"
	InputBucketType  = "os.hid.input"
)

// Buckets returns the three buckets of the built-in watchers on host.
func Buckets(host, client string) (window, afk, input attnflow.Bucket) {
	mk := func(prefix, typ string) attnflow.Bucket {
		return attnflow.Bucket{ID: prefix + host, Name: prefix + host, Type: typ, Client: client, Hostname: host}
	}
	return mk(WindowBucketPrefix, WindowBucketType), mk(AFKBucketPrefix, AFKBucketType), mk(InputBucketPrefix, InputBucketType)
}
