package attnflow

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The HTTP server maps them to status
// codes in one place; the CLI maps them to exit messages.
const (
	ECONFLICT = "conflict"  // the thing already exists (e.g. a bucket)
	EINTERNAL = "internal"  // a bug or a failing dependency
	EINVALID  = "invalid"   // the caller sent something malformed
	ENOTFOUND = "not_found" // the thing does not exist
	ETOOLARGE = "too_large" // the input exceeds a limit
	EUNAUTH   = "unauthorized"
)

// Error is a domain error: a code for machines and a message for people.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("attnflow error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message for other errors (whose text may hold internal details).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
