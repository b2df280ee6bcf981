package server

import (
	"net/http"
	"time"

	"github.com/attnflow/attnflow"
)

func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"hostname":  s.cfg.Hostname,
		"version":   "attnflow v" + attnflow.Version,
		"testing":   s.cfg.Testing,
		"device_id": s.cfg.DeviceID,
	})
}

func (s *Server) handleBuckets(w http.ResponseWriter, r *http.Request) {
	buckets, err := s.store.Buckets(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make(map[string]attnflow.Bucket, len(buckets))
	for _, b := range buckets {
		out[b.ID] = b
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleBucket(w http.ResponseWriter, r *http.Request) {
	b, err := s.store.Bucket(r.Context(), r.PathValue("bucket"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// createBucketRequest is the body of POST /api/0/buckets/ID.
type createBucketRequest struct {
	Name     string        `json:"name"`
	Client   *string       `json:"client"`
	Type     *string       `json:"type"`
	Hostname *string       `json:"hostname"`
	Data     attnflow.Data `json:"data"`
}

func (req createBucketRequest) validate() error {
	switch {
	case req.Client == nil:
		return attnflow.Errorf(attnflow.EINVALID, `bucket needs "client" (the watcher's name)`)
	case req.Type == nil:
		return attnflow.Errorf(attnflow.EINVALID, `bucket needs "type", e.g. "currentwindow" or "afkstatus"`)
	case req.Hostname == nil:
		return attnflow.Errorf(attnflow.EINVALID, `bucket needs "hostname" (or "!local" for this machine)`)
	}
	return nil
}

func (s *Server) handleCreateBucket(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("bucket")
	if err := attnflow.ValidateBucketID(id); err != nil {
		s.writeError(w, r, err)
		return
	}
	var req createBucketRequest
	if err := decodeJSON(r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := req.validate(); err != nil {
		s.writeError(w, r, err)
		return
	}
	b := attnflow.Bucket{
		ID: id, Name: req.Name, Type: *req.Type, Client: *req.Client,
		Hostname: s.localHostname(*req.Hostname), Created: time.Now().UTC(), Data: req.Data,
	}
	err := s.store.CreateBucket(r.Context(), b)
	if attnflow.ErrorCode(err) == attnflow.ECONFLICT {
		w.WriteHeader(http.StatusNotModified) // aw-client-js relies on 304
		return
	} else if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) handleDeleteBucket(w http.ResponseWriter, r *http.Request) {
	force := r.URL.Query().Get("force")
	if !s.cfg.Testing && force != "1" && force != "true" {
		writeMessage(w, http.StatusBadRequest, "deleting a bucket removes all its events: add ?force=1 to confirm")
		return
	}
	if err := s.store.DeleteBucket(r.Context(), r.PathValue("bucket")); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}
