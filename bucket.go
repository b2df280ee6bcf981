package attnflow

import (
	"encoding/json"
	"regexp"
	"time"
)

// Bucket is a named stream of events from one source on one host, e.g.
// "aw-watcher-window_laptop" of type "currentwindow".
type Bucket struct {
	ID       string
	Name     string
	Type     string
	Client   string
	Hostname string
	Created  time.Time
	Data     Data

	// First is the earliest event start and Last the latest event end
	// (of any event, not only the newest); zero when the bucket is empty.
	// Filled by the store on reads.
	First time.Time
	Last  time.Time
}

// bucketIDPattern allows the ids the ActivityWatch clients use.
var bucketIDPattern = regexp.MustCompile(`^[^\x00-\x1f/\\]{1,255}$`)

// ValidateBucketID returns an EINVALID error for ids that are empty, too
// long or contain control characters or slashes.
func ValidateBucketID(id string) error {
	if !bucketIDPattern.MatchString(id) {
		return Errorf(EINVALID, "bucket id %q is invalid: use 1-255 characters without '/' or control characters", truncate(id, 60))
	}
	return nil
}

// MarshalJSON encodes the bucket in the ActivityWatch form, with both
// last_updated and metadata.start/end (null when empty).
func (b Bucket) MarshalJSON() ([]byte, error) {
	type meta struct {
		Start *string `json:"start"`
		End   *string `json:"end"`
	}
	opt := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := FormatTime(t)
		return &s
	}
	data := b.Data
	if data == nil {
		data = Data{}
	}
	lastUpdated := opt(b.Last)
	if lastUpdated == nil {
		lastUpdated = opt(b.Created)
	}
	return json.Marshal(struct {
		ID          string  `json:"id"`
		Name        *string `json:"name"`
		Type        string  `json:"type"`
		Client      string  `json:"client"`
		Hostname    string  `json:"hostname"`
		Created     string  `json:"created"`
		Data        Data    `json:"data"`
		LastUpdated *string `json:"last_updated"`
		Metadata    meta    `json:"metadata"`
	}{
		ID: b.ID, Name: optString(b.Name), Type: b.Type, Client: b.Client,
		Hostname: b.Hostname, Created: FormatTime(b.Created), Data: data,
		LastUpdated: lastUpdated, Metadata: meta{Start: opt(b.First), End: opt(b.Last)},
	})
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
