package server

import (
	"encoding/json"
	"net/http"

	"github.com/attnflow/attnflow"
)

// maxSettingKey is the longest settings key accepted (as aw-server-rust).
const maxSettingKey = 127

func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) {
	all, err := s.store.Settings(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, all)
}

func settingKey(r *http.Request) (string, error) {
	key := r.PathValue("key")
	if len(key) > maxSettingKey || key == "" {
		return "", attnflow.Errorf(attnflow.EINVALID, "settings key must be 1-%d characters long", maxSettingKey)
	}
	return key, nil
}

func (s *Server) handleSetting(w http.ResponseWriter, r *http.Request) {
	key, err := settingKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.store.Setting(r.Context(), key)
	if attnflow.ErrorCode(err) == attnflow.ENOTFOUND {
		writeJSON(w, http.StatusOK, nil) // unset settings read as null
		return
	} else if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(v)
}

func (s *Server) handleSetSetting(w http.ResponseWriter, r *http.Request) {
	key, err := settingKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var v json.RawMessage
	if err := decodeJSON(r, &v); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.store.SetSetting(r.Context(), key, v); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) handleDeleteSetting(w http.ResponseWriter, r *http.Request) {
	key, err := settingKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.store.DeleteSetting(r.Context(), key); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}
