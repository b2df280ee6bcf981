package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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
	v, err := settingValue(r)
	if err != nil {
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

// settingValue reads a setting's value: any JSON document, or — because
// aw-client-js (axios) posts a string value bare, without quotes — a body
// that is not JSON at all, taken as a string.
func settingValue(r *http.Request) (json.RawMessage, error) {
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, attnflow.Errorf(attnflow.ETOOLARGE, "setting is larger than %d bytes", tooBig.Limit)
	} else if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "cannot read request body: %v", err)
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, attnflow.Errorf(attnflow.EINVALID, "setting value is empty: send a JSON value")
	}
	if json.Valid(trimmed) {
		return json.RawMessage(trimmed), nil
	}
	if c := trimmed[0]; c == '{' || c == '[' || c == '"' {
		return nil, attnflow.Errorf(attnflow.EINVALID, "setting value is malformed JSON: %s", truncate(string(trimmed), 60))
	}
	quoted, _ := json.Marshal(string(body))
	return quoted, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
