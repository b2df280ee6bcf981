package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/attnflow/attnflow"
)

// maxSettingKey is the longest key accepted, as the ActivityWatch servers.
const maxSettingKey = 127

func validateSettingKey(key string) error {
	if key == "" || utf8.RuneCountInString(key) > maxSettingKey {
		return attnflow.Errorf(attnflow.EINVALID, "setting key must have 1 to %d characters", maxSettingKey)
	}
	return nil
}

// Settings returns every setting (key → raw JSON value).
func (db *DB) Settings(ctx context.Context) (map[string]json.RawMessage, error) {
	rows, err := db.stmts.settings.QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	out := map[string]json.RawMessage{}
	for rows.Next() {
		var key string
		var value []byte
		if err := rows.Scan(&key, &value); err != nil {
			return nil, fmt.Errorf("read settings: %w", err)
		}
		out[key] = json.RawMessage(value)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return out, nil
}

// Setting returns one setting's raw JSON value, ENOTFOUND when unset.
func (db *DB) Setting(ctx context.Context, key string) (json.RawMessage, error) {
	var value []byte
	err := db.stmts.setting.QueryRowContext(ctx, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "setting %q is not set", key)
	} else if err != nil {
		return nil, fmt.Errorf("read setting: %w", err)
	}
	return json.RawMessage(value), nil
}

// SetSetting stores a setting's raw JSON value; EINVALID unless it is
// valid JSON.
func (db *DB) SetSetting(ctx context.Context, key string, value json.RawMessage) error {
	if err := validateSettingKey(key); err != nil {
		return err
	}
	if !json.Valid(value) {
		return attnflow.Errorf(attnflow.EINVALID, "setting %q value is not valid JSON", key)
	}
	return db.w.do(ctx, &writeOp{fn: func(t *writeTx) error {
		if _, err := t.w.stmts.setSetting.Exec(key, string(value)); err != nil {
			return fmt.Errorf("store setting: %w", err)
		}
		return nil
	}})
}

// DeleteSetting removes a setting; deleting an unset one is no error.
func (db *DB) DeleteSetting(ctx context.Context, key string) error {
	return db.w.do(ctx, &writeOp{fn: func(t *writeTx) error {
		if _, err := t.w.stmts.deleteSetting.Exec(key); err != nil {
			return fmt.Errorf("delete setting: %w", err)
		}
		return nil
	}})
}
