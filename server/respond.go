package server

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/attnflow/attnflow"
)

// statusByCode maps domain error codes to HTTP status, in one place.
var statusByCode = map[string]int{
	attnflow.EINVALID:  http.StatusBadRequest,
	attnflow.ENOTFOUND: http.StatusNotFound,
	attnflow.ECONFLICT: http.StatusConflict,
	attnflow.ETOOLARGE: http.StatusRequestEntityTooLarge,
	attnflow.EUNAUTH:   http.StatusUnauthorized,
	attnflow.EINTERNAL: http.StatusInternalServerError,
}

// writeError answers with the status for err's code and {"message": ...}.
// Internal errors are logged and their details kept from the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := attnflow.ErrorCode(err)
	status, ok := statusByCode[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status == http.StatusInternalServerError {
		s.logger.Error("request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	writeMessage(w, status, attnflow.ErrorMessage(err))
}

func writeMessage(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decodeJSON reads the whole body as JSON into v, whatever the
// Content-Type, turning size and syntax problems into domain errors.
func decodeJSON(r *http.Request, v any) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	return unmarshalBody(body, v)
}

// readBody reads the whole body, turning size problems into domain errors.
func readBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, attnflow.Errorf(attnflow.ETOOLARGE, "request body is larger than %d bytes: send fewer events per request", tooBig.Limit)
	} else if err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "cannot read request body: %v", err)
	}
	return body, nil
}

// unmarshalBody decodes a body read by readBody into v, turning syntax
// problems into domain errors.
func unmarshalBody(body []byte, v any) error {
	if len(body) == 0 {
		return attnflow.Errorf(attnflow.EINVALID, "request body is empty: send a JSON document")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var de *attnflow.Error
		if errors.As(err, &de) {
			return de
		}
		return attnflow.Errorf(attnflow.EINVALID, "request body is not valid JSON for this endpoint: %v", err)
	}
	return nil
}
