package awimport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/attnflow/attnflow"
)

// ReadSettingsFile reads the Python aw-server's settings file
// (~/.config/activitywatch/aw-server/settings.json): a JSON object of
// setting keys and values, the keys the web UI uses.
func ReadSettingsFile(path string) (map[string]json.RawMessage, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read settings file: %w", err)
	}
	var m map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&m); err != nil || m == nil || dec.More() {
		return nil, attnflow.Errorf(attnflow.EINVALID, "%s is not an aw-server settings.json (a JSON object of settings)", path)
	}
	for k := range m {
		if k == "" || len([]rune(k)) > 127 {
			return nil, attnflow.Errorf(attnflow.EINVALID, "%s: setting key %q must have 1 to 127 characters", path, k)
		}
	}
	return m, nil
}
