package attnflow

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Export is the ActivityWatch export document: every bucket with its events.
// It is what GET /api/0/export returns and POST /api/0/import accepts.
type Export struct {
	Buckets map[string]ExportedBucket `json:"buckets"`
}

// ExportedBucket is a bucket together with its events.
type ExportedBucket struct {
	Bucket
	Events []Event
}

// MarshalJSON writes the bucket's fields with an "events" list beside them.
func (x ExportedBucket) MarshalJSON() ([]byte, error) {
	b, err := x.Bucket.MarshalJSON()
	if err != nil {
		return nil, err
	}
	events := x.Events
	if events == nil {
		events = []Event{}
	}
	ev, err := json.Marshal(events)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(ev)+12)
	out = append(out, b[:len(b)-1]...)
	out = append(out, `,"events":`...)
	out = append(out, ev...)
	return append(out, '}'), nil
}

// UnmarshalJSON reads a bucket in either reference server's export form.
func (x *ExportedBucket) UnmarshalJSON(data []byte) error {
	var w struct {
		ID       string          `json:"id"`
		Name     *string         `json:"name"`
		Type     string          `json:"type"`
		Client   string          `json:"client"`
		Hostname string          `json:"hostname"`
		Created  string          `json:"created"`
		Data     Data            `json:"data"`
		Events   json.RawMessage `json:"events"`
		Metadata struct {
			Start *string `json:"start"`
			End   *string `json:"end"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return Errorf(EINVALID, "bucket in export is not a JSON object with id, type, client, hostname: %v", err)
	}
	b := Bucket{ID: w.ID, Type: w.Type, Client: w.Client, Hostname: w.Hostname, Data: w.Data}
	if w.Name != nil {
		b.Name = *w.Name
	}
	if w.Created != "" {
		t, err := ParseTime(w.Created)
		if err != nil {
			return fmt.Errorf("bucket %q created: %w", w.ID, err)
		}
		b.Created = t
	}
	for _, m := range []struct {
		src *string
		dst *time.Time
	}{{w.Metadata.Start, &b.First}, {w.Metadata.End, &b.Last}} {
		if m.src != nil {
			if t, err := ParseTime(*m.src); err == nil {
				*m.dst = t
			}
		}
	}
	var events []Event
	if len(w.Events) > 0 && string(w.Events) != "null" {
		if err := json.Unmarshal(w.Events, &events); err != nil {
			if ErrorCode(err) == EINVALID {
				return Errorf(EINVALID, "bucket %q: %s", w.ID, ErrorMessage(err))
			}
			return Errorf(EINVALID, "bucket %q: events is not a list of events: %v", w.ID, err)
		}
	}
	*x = ExportedBucket{Bucket: b, Events: events}
	return nil
}

// ImportSummary says what an import did, per bucket.
type ImportSummary struct {
	Buckets []ImportedBucket `json:"buckets"`
}

// ImportedBucket is one bucket's line in an ImportSummary.
type ImportedBucket struct {
	ID       string `json:"id"`
	Created  bool   `json:"created"`
	Events   int    `json:"events"`   // events in the import
	Inserted int    `json:"inserted"` // new events stored (the rest were duplicates)
}

// Import merges an export document into a store: missing buckets are
// created, events already present (same timestamp, duration and data) are
// skipped, so importing the same document twice changes nothing. The
// document is validated whole before anything is written.
func Import(ctx context.Context, s Store, doc Export) (ImportSummary, error) {
	ids := make([]string, 0, len(doc.Buckets))
	for key, b := range doc.Buckets {
		if b.ID == "" {
			b.ID = key
			doc.Buckets[key] = b
		}
		if err := ValidateBucketID(b.ID); err != nil {
			return ImportSummary{}, err
		}
		if b.Type == "" || b.Client == "" {
			return ImportSummary{}, Errorf(EINVALID, "bucket %q in import lacks type or client", b.ID)
		}
		ids = append(ids, key)
	}
	sort.Strings(ids)
	var sum ImportSummary
	for _, key := range ids {
		b := doc.Buckets[key]
		line, err := importBucket(ctx, s, b)
		if err != nil {
			return sum, fmt.Errorf("import bucket %q: %w", b.ID, err)
		}
		sum.Buckets = append(sum.Buckets, line)
	}
	return sum, nil
}

func importBucket(ctx context.Context, s Store, b ExportedBucket) (ImportedBucket, error) {
	line := ImportedBucket{ID: b.ID, Events: len(b.Events)}
	err := s.CreateBucket(ctx, b.Bucket)
	switch ErrorCode(err) {
	case "":
		line.Created = true
	case ECONFLICT:
	default:
		return line, err
	}
	n, err := s.ImportEvents(ctx, b.ID, b.Events)
	line.Inserted = n
	return line, err
}
