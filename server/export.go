package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/attnflow/attnflow"
)

// exportBuckets reads the given buckets with all their events.
func (s *Server) exportBuckets(ctx context.Context, buckets []attnflow.Bucket) (attnflow.Export, error) {
	doc := attnflow.Export{Buckets: make(map[string]attnflow.ExportedBucket, len(buckets))}
	for _, b := range buckets {
		// Only encoded: the events may share their data maps with the store.
		events, err := querySource(s.store).Events(ctx, b.ID, attnflow.EventFilter{Limit: -1})
		if err != nil {
			return doc, err
		}
		doc.Buckets[b.ID] = attnflow.ExportedBucket{Bucket: b, Events: events}
	}
	return doc, nil
}

func (s *Server) writeExport(w http.ResponseWriter, r *http.Request, buckets []attnflow.Bucket, filename string) {
	doc, err := s.exportBuckets(r.Context(), buckets)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", "attachment; filename="+filename)
	writeJSON(w, http.StatusOK, doc)
}

func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	buckets, err := s.store.Buckets(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeExport(w, r, buckets, "aw-buckets-export.json")
}

func (s *Server) handleExportBucket(w http.ResponseWriter, r *http.Request) {
	b, err := s.store.Bucket(r.Context(), r.PathValue("bucket"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeExport(w, r, []attnflow.Bucket{b}, "aw-bucket-export_"+b.ID+".json")
}

// importBody returns the JSON document of an import: the body itself, or
// the "buckets.json" field of a multipart form upload.
func importBody(r *http.Request) (io.Reader, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if !strings.HasPrefix(mt, "multipart/") {
		return r.Body, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "bad multipart upload: %v", err)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, attnflow.Errorf(attnflow.EINVALID, `multipart upload has no "buckets.json" field`)
		} else if err != nil {
			return nil, attnflow.Errorf(attnflow.EINVALID, "bad multipart upload: %v", err)
		}
		if part.FormName() == "buckets.json" {
			return part, nil
		}
	}
}

func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) {
	body, err := importBody(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var doc attnflow.Export
	dec := json.NewDecoder(body)
	if err := dec.Decode(&doc); err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			err = attnflow.Errorf(attnflow.ETOOLARGE, "import is larger than %d bytes", tooBig.Limit)
		case attnflow.ErrorCode(err) != attnflow.EINVALID:
			err = attnflow.Errorf(attnflow.EINVALID, `import is not an ActivityWatch export ({"buckets": {...}}): %v`, err)
		}
		s.writeError(w, r, err)
		return
	}
	if doc.Buckets == nil {
		writeMessage(w, http.StatusBadRequest, `import has no "buckets" object: is this an ActivityWatch export?`)
		return
	}
	sum, err := attnflow.Import(r.Context(), s.store, doc)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n := 0
	for _, b := range sum.Buckets {
		n += b.Inserted
	}
	s.metrics.ingested.WithLabelValues("import").Add(float64(n))
	writeJSON(w, http.StatusOK, sum)
}
