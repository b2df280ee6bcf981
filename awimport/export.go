package awimport

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/attnflow/attnflow"
)

// Export formats.
const (
	// FormatAW is the ActivityWatch export document, {"buckets": {id:
	// bucket with "events"}}, as GET /api/0/export writes it and POST
	// /api/0/import and both ActivityWatch servers accept it.
	FormatAW = "aw"
	// FormatNDJSON is one JSON object per line and event: {"bucket",
	// "id", "timestamp", "duration", "data"}.
	FormatNDJSON = "ndjson"
	// FormatCSV is one row per event with the columns of CSVHeader: the
	// keys most watchers use as their own columns, then all of the data as
	// JSON so that nothing is lost.
	FormatCSV = "csv"
)

// CSVHeader is the first row of a CSV export. Timestamps are RFC 3339 in
// UTC, durations in seconds.
var CSVHeader = []string{"bucket", "id", "timestamp", "duration", "app", "title", "url", "status", "data"}

// ExportOptions selects what Export writes.
type ExportOptions struct {
	Format  string             // FormatAW (default), FormatNDJSON or FormatCSV
	Buckets []string           // bucket ids; none means all
	Range   attnflow.TimeRange // events overlapping it; zero bounds are open
	// Page is how many events are read from the store at once (default
	// 10000).
	Page int
	// Progress, if not nil, is told how many events are written.
	Progress Progress
}

// ExportSummary counts what an export wrote.
type ExportSummary struct {
	Buckets int
	Events  int
}

// eventWriter writes one export format.
type eventWriter interface {
	begin() error
	bucket(b attnflow.Bucket, first bool) error
	event(bucketID string, e attnflow.Event, first bool) error
	endBucket() error
	end() error
}

// Export writes the selected buckets' events from st to w, reading the
// store a page at a time. Events come oldest first within each bucket,
// buckets in id order.
func Export(ctx context.Context, st attnflow.Store, w io.Writer, opts ExportOptions) (ExportSummary, error) {
	if opts.Page <= 0 {
		opts.Page = 10000
	}
	if opts.Progress == nil {
		opts.Progress = nopProgress{}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	ew, err := newEventWriter(opts.Format, bw)
	if err != nil {
		return ExportSummary{}, err
	}
	buckets, err := selectBuckets(ctx, st, opts.Buckets)
	if err != nil {
		return ExportSummary{}, err
	}
	total := 0
	for _, b := range buckets {
		n, err := st.CountEvents(ctx, b.ID, opts.Range)
		if err != nil {
			return ExportSummary{}, fmt.Errorf("count events of %q: %w", b.ID, err)
		}
		total += n
	}
	opts.Progress.Start("exporting", total)
	defer opts.Progress.Finish()
	sum := ExportSummary{Buckets: len(buckets)}
	if err := ew.begin(); err != nil {
		return sum, err
	}
	for i, b := range buckets {
		if err := ew.bucket(b, i == 0); err != nil {
			return sum, err
		}
		first := true
		err := walkEvents(ctx, st, b, opts.Range, opts.Page, func(events []attnflow.Event) error {
			for _, e := range events {
				if err := ew.event(b.ID, e, first); err != nil {
					return err
				}
				first = false
			}
			sum.Events += len(events)
			opts.Progress.Add(len(events))
			return nil
		})
		if err != nil {
			return sum, err
		}
		if err := ew.endBucket(); err != nil {
			return sum, err
		}
	}
	if err := ew.end(); err != nil {
		return sum, err
	}
	return sum, bw.Flush()
}

// selectBuckets returns the named buckets (all when none), by id.
func selectBuckets(ctx context.Context, st attnflow.Store, ids []string) ([]attnflow.Bucket, error) {
	if len(ids) == 0 {
		bs, err := st.Buckets(ctx)
		if err != nil {
			return nil, fmt.Errorf("list buckets: %w", err)
		}
		return bs, nil
	}
	seen := map[string]bool{}
	var out []attnflow.Bucket
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		b, err := st.Bucket(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func newEventWriter(format string, w *bufio.Writer) (eventWriter, error) {
	switch format {
	case "", FormatAW:
		return &awWriter{w: w}, nil
	case FormatNDJSON:
		return &ndjsonWriter{w: w}, nil
	case FormatCSV:
		return &csvWriter{w: csv.NewWriter(w)}, nil
	}
	return nil, attnflow.Errorf(attnflow.EINVALID, "export format %q is unknown: use aw, ndjson or csv", format)
}

// awWriter streams the ActivityWatch export document.
type awWriter struct{ w *bufio.Writer }

func (a *awWriter) begin() error {
	_, err := a.w.WriteString(`{"buckets":{`)
	return err
}

func (a *awWriter) bucket(b attnflow.Bucket, first bool) error {
	if !first {
		a.w.WriteByte(',')
	}
	key, err := json.Marshal(b.ID)
	if err != nil {
		return err
	}
	obj, err := b.MarshalJSON()
	if err != nil {
		return fmt.Errorf("encode bucket %q: %w", b.ID, err)
	}
	a.w.Write(key)
	a.w.WriteByte(':')
	a.w.Write(obj[:len(obj)-1])
	_, err = a.w.WriteString(`,"events":[`)
	return err
}

func (a *awWriter) event(_ string, e attnflow.Event, first bool) error {
	if !first {
		a.w.WriteByte(',')
	}
	b, err := e.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = a.w.Write(b)
	return err
}

func (a *awWriter) endBucket() error {
	_, err := a.w.WriteString("]}")
	return err
}

func (a *awWriter) end() error {
	_, err := a.w.WriteString("}}\n")
	return err
}

// ndjsonWriter writes an event per line with its bucket id.
type ndjsonWriter struct{ w *bufio.Writer }

func (n *ndjsonWriter) begin() error                       { return nil }
func (n *ndjsonWriter) bucket(attnflow.Bucket, bool) error { return nil }
func (n *ndjsonWriter) endBucket() error                   { return nil }
func (n *ndjsonWriter) end() error                         { return nil }
func (n *ndjsonWriter) event(id string, e attnflow.Event, _ bool) error {
	key, err := json.Marshal(id)
	if err != nil {
		return err
	}
	b, err := e.MarshalJSON()
	if err != nil {
		return err
	}
	n.w.WriteString(`{"bucket":`)
	n.w.Write(key)
	n.w.WriteByte(',')
	n.w.Write(b[1:])
	return n.w.WriteByte('\n')
}

// csvWriter writes CSVHeader and a row per event.
type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) begin() error                       { return c.w.Write(CSVHeader) }
func (c *csvWriter) bucket(attnflow.Bucket, bool) error { return nil }
func (c *csvWriter) endBucket() error                   { return nil }
func (c *csvWriter) end() error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvWriter) event(id string, e attnflow.Event, _ bool) error {
	return c.w.Write([]string{
		id, strconv.FormatInt(e.ID, 10), attnflow.FormatTime(e.Timestamp), attnflow.FormatSeconds(e.Duration),
		dataString(e.Data, "app"), dataString(e.Data, "title"), dataString(e.Data, "url"), dataString(e.Data, "status"),
		string(e.Data.Canonical()),
	})
}

// dataString returns a data key's value as text: strings as they are,
// other values as JSON, absent keys as "".
func dataString(d attnflow.Data, key string) string {
	v, ok := d[key]
	if !ok || v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}
