package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/attnflow/attnflow/model"
)

// modelDir holds the versioned model files inside the data directory.
const modelDir = "models"

// saveModel writes a new model file (never overwriting an older one) and
// returns its path.
func saveModel(dataDir string, t model.Trained, now time.Time) (string, error) {
	dir := filepath.Join(dataDir, modelDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create model directory: %w", err)
	}
	b, err := t.Marshal(now)
	if err != nil {
		return "", fmt.Errorf("encode model: %w", err)
	}
	path := filepath.Join(dir, fmt.Sprintf("model-v%d-%s.json", model.FileVersion, now.UTC().Format("20060102T150405Z")))
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return "", fmt.Errorf("write model: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("write model: %w", err)
	}
	return path, nil
}

// loadModel reads the newest model file. Without one, or when it is
// damaged or of another version, it returns ok false and a message saying
// why; the caller falls back to the day-one model.
func loadModel(dataDir string) (t model.Trained, path, msg string, ok bool) {
	dir := filepath.Join(dataDir, modelDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return t, "", "no trained model yet (attnflow model train): using the day-one model", false
	} else if err != nil {
		return t, "", fmt.Sprintf("cannot read %s (%v): using the day-one model", dir, err), false
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "model-") && strings.HasSuffix(e.Name(), ".json") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return t, "", "no trained model yet (attnflow model train): using the day-one model", false
	}
	slices.Sort(names)
	path = filepath.Join(dir, names[len(names)-1])
	b, err := os.ReadFile(path)
	if err != nil {
		return t, path, fmt.Sprintf("cannot read %s (%v): using the day-one model", path, err), false
	}
	t, _, err = model.ParseFile(b)
	if err != nil {
		return t, path, fmt.Sprintf("%s: %v; using the day-one model meanwhile", path, err), false
	}
	return t, path, "", true
}

// newModelSource returns what the server calls for the person's trained
// model: the newest model file, re-read when "attnflow model train" writes
// a new one (checked at most every 30 s), so training never blocks or
// restarts the server.
func newModelSource(dataDir string, logger interface{ Info(string, ...any) }) func() (model.Trained, bool) {
	var (
		mu      sync.Mutex
		checked time.Time
		current string
		t       model.Trained
		ok      bool
	)
	return func() (model.Trained, bool) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(checked) < 30*time.Second {
			return t, ok
		}
		checked = time.Now()
		nt, path, msg, nok := loadModel(dataDir)
		if path != current || nok != ok {
			current, t, ok = path, nt, nok
			if ok {
				logger.Info("using the trained attention model", "path", path)
			} else {
				logger.Info("attention model", "note", msg)
			}
		}
		return t, ok
	}
}
