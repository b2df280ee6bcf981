package awimport

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/attnflow/attnflow"
)

// exportSource is an ActivityWatch export JSON file: {"buckets": {id:
// bucket}} as GET /api/0/export and GET /api/0/buckets/{id}/export write
// it, {"buckets": [bucket, ...]}, or a bare bucket object with its events.
// The file is streamed, never held in memory whole.
type exportSource struct {
	path    string
	buckets []attnflow.Bucket // by id
	ids     []string          // bucket id by position in the file
}

// jsonVisitor receives what walkExport finds, in file order.
type jsonVisitor struct {
	// event is called for each element of a bucket's "events" list; idx
	// counts buckets from 0 in file order.
	event func(idx int, raw json.RawMessage) error
	// bucket is called once a bucket object is complete, with its key in
	// the "buckets" object ("" otherwise) and its fields but "events".
	bucket func(idx int, key string, fields map[string]json.RawMessage) error
}

func openExport(ctx context.Context, path string) (*exportSource, error) {
	src := &exportSource{path: path}
	seen := map[string]bool{}
	err := src.walk(ctx, jsonVisitor{
		event: func(int, json.RawMessage) error { return nil },
		bucket: func(idx int, key string, fields map[string]json.RawMessage) error {
			b, err := bucketFromFields(key, fields)
			if err != nil {
				return err
			}
			if seen[b.ID] {
				return attnflow.Errorf(attnflow.EINVALID, "bucket %q appears twice", b.ID)
			}
			seen[b.ID] = true
			src.ids = append(src.ids, b.ID)
			src.buckets = append(src.buckets, b)
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(src.buckets, func(i, j int) bool { return src.buckets[i].ID < src.buckets[j].ID })
	return src, nil
}

// bucketFromFields decodes a bucket from its fields; key is its key in
// the "buckets" object, used when it has no "id".
func bucketFromFields(key string, fields map[string]json.RawMessage) (attnflow.Bucket, error) {
	raw, err := json.Marshal(fields)
	if err != nil {
		return attnflow.Bucket{}, fmt.Errorf("re-encode bucket: %w", err)
	}
	var x attnflow.ExportedBucket
	if err := json.Unmarshal(raw, &x); err != nil {
		return attnflow.Bucket{}, attnflow.Errorf(attnflow.EINVALID, "%s", attnflow.ErrorMessage(err))
	}
	b := x.Bucket
	if b.ID == "" {
		b.ID = key
	}
	b.First, b.Last = time.Time{}, time.Time{}
	if err := checkBucket(b); err != nil {
		return b, err
	}
	return b, nil
}

func (s *exportSource) Format() string { return "ActivityWatch export (JSON)" }

func (s *exportSource) Buckets() []attnflow.Bucket { return s.buckets }

func (s *exportSource) Settings(context.Context) (map[string]json.RawMessage, error) {
	return map[string]json.RawMessage{}, nil
}

func (s *exportSource) Close() error { return nil }

// Scan implements Source. Buckets come in file order.
func (s *exportSource) Scan(ctx context.Context, _ bool, fn func(string, attnflow.Event, error) error) error {
	return s.walk(ctx, jsonVisitor{
		event: func(idx int, raw json.RawMessage) error {
			if idx >= len(s.ids) {
				return fmt.Errorf("%s changed since it was opened", s.path)
			}
			var e attnflow.Event
			if err := json.Unmarshal(raw, &e); err != nil {
				return fn(s.ids[idx], attnflow.Event{}, eventError(err))
			}
			e.ID = 0
			if err := checkEvent(e); err != nil {
				return fn(s.ids[idx], attnflow.Event{}, err)
			}
			return fn(s.ids[idx], e, nil)
		},
		bucket: func(int, string, map[string]json.RawMessage) error { return nil },
	})
}

// eventError keeps a domain error's message and wraps any other.
func eventError(err error) error {
	if attnflow.ErrorCode(err) == attnflow.EINVALID {
		return err
	}
	return attnflow.Errorf(attnflow.EINVALID, "event is not a JSON object with timestamp, duration and data: %v", err)
}

// walk streams the file through v.
func (s *exportSource) walk(ctx context.Context, v jsonVisitor) error {
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("open import file: %w", err)
	}
	defer f.Close()
	w := &jsonWalker{ctx: ctx, v: v, dec: json.NewDecoder(bufio.NewReaderSize(skipBOM(f), 1<<16))}
	if err := w.document(); err != nil {
		return w.explain(s.path, err)
	}
	return nil
}

// skipBOM drops a UTF-8 byte order mark, which some editors write.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	return br
}

// jsonWalker is one pass over an export document.
type jsonWalker struct {
	ctx  context.Context
	v    jsonVisitor
	dec  *json.Decoder
	next int // index of the next bucket
}

// errSyntax marks a document that is not complete, valid JSON.
var errSyntax = errors.New("not complete JSON")

// explain turns a walk error into the message a person reads.
func (w *jsonWalker) explain(path string, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return attnflow.Errorf(attnflow.EINVALID, "%s ends in the middle of the JSON document (at byte %d): the file is truncated", path, w.dec.InputOffset())
	case errors.As(err, &se):
		return attnflow.Errorf(attnflow.EINVALID, "%s is not valid JSON at byte %d: %v", path, se.Offset, se)
	case errors.Is(err, errSyntax):
		return attnflow.Errorf(attnflow.EINVALID, "%s near byte %d: %v", path, w.dec.InputOffset(), err)
	case attnflow.ErrorCode(err) == attnflow.EINVALID:
		return attnflow.Errorf(attnflow.EINVALID, "%s: %s", path, attnflow.ErrorMessage(err))
	}
	return err
}

func (w *jsonWalker) delim(want json.Delim) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("%w: expected %q, found %v", errSyntax, want, tok)
	}
	return nil
}

func (w *jsonWalker) key() (string, error) {
	tok, err := w.dec.Token()
	if err != nil {
		return "", err
	}
	k, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("%w: expected an object key, found %v", errSyntax, tok)
	}
	return k, nil
}

// document reads the top-level object: either {"buckets": ...} or a
// bare bucket.
func (w *jsonWalker) document() error {
	if err := w.delim('{'); err != nil {
		return err
	}
	fields := map[string]json.RawMessage{}
	sawBuckets, sawEvents := false, false
	for w.dec.More() {
		k, err := w.key()
		if err != nil {
			return err
		}
		switch k {
		case "buckets":
			sawBuckets = true
			if err := w.buckets(); err != nil {
				return err
			}
		case "events":
			sawEvents = true
			if err := w.events(w.next); err != nil {
				return err
			}
		default:
			var raw json.RawMessage
			if err := w.dec.Decode(&raw); err != nil {
				return err
			}
			fields[k] = raw
		}
	}
	if err := w.delim('}'); err != nil {
		return err
	}
	if _, err := w.dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: more data follows the JSON document", errSyntax)
	}
	switch {
	case sawBuckets && sawEvents:
		return attnflow.Errorf(attnflow.EINVALID, `the document has both "buckets" and "events" at its top level`)
	case sawBuckets:
		return nil
	case sawEvents || (fields["id"] != nil && fields["type"] != nil):
		return w.bucketDone("", fields)
	}
	return attnflow.Errorf(attnflow.EINVALID, `the JSON has no "buckets" object: is it an ActivityWatch export?`)
}

// buckets reads the "buckets" value: an object of buckets by id, or a list.
func (w *jsonWalker) buckets() error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		for w.dec.More() {
			k, err := w.key()
			if err != nil {
				return err
			}
			if err := w.bucket(k); err != nil {
				return err
			}
		}
		return w.delim('}')
	case json.Delim('['):
		for w.dec.More() {
			if err := w.bucket(""); err != nil {
				return err
			}
		}
		return w.delim(']')
	}
	return attnflow.Errorf(attnflow.EINVALID, `"buckets" is %v, not an object of buckets`, tok)
}

// bucket reads one bucket object.
func (w *jsonWalker) bucket(key string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return attnflow.Errorf(attnflow.EINVALID, "bucket %q is %v, not an object", key, tok)
	}
	fields := map[string]json.RawMessage{}
	for w.dec.More() {
		k, err := w.key()
		if err != nil {
			return err
		}
		if k == "events" {
			if err := w.events(w.next); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := w.dec.Decode(&raw); err != nil {
			return err
		}
		fields[k] = raw
	}
	if err := w.delim('}'); err != nil {
		return err
	}
	return w.bucketDone(key, fields)
}

func (w *jsonWalker) bucketDone(key string, fields map[string]json.RawMessage) error {
	idx := w.next
	w.next++
	if err := w.v.bucket(idx, key, fields); err != nil {
		if key != "" {
			return fmt.Errorf("bucket %q: %w", key, err)
		}
		return err
	}
	return nil
}

// events reads a bucket's "events" list (null counts as empty).
func (w *jsonWalker) events(idx int) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return attnflow.Errorf(attnflow.EINVALID, `"events" is %v, not a list of events`, tok)
	}
	for n := 0; w.dec.More(); n++ {
		if n%4096 == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		var raw json.RawMessage
		if err := w.dec.Decode(&raw); err != nil {
			return err
		}
		if err := w.v.event(idx, raw); err != nil {
			return err
		}
	}
	return w.delim(']')
}
