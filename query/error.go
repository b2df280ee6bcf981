package query

import "fmt"

// Error kinds, as reported in the "type" field of a failed /api/0/query/
// response. The first three are the names ActivityWatch's reference
// servers use.
const (
	// KindParse is a syntax error or a program that never assigns RETURN.
	KindParse = "QueryParseError"
	// KindInterpret is an error of the program's logic: an undefined
	// variable, an unknown function, a wrong number of arguments, an
	// operator applied to the wrong types, a division by zero.
	KindInterpret = "QueryInterpretException"
	// KindFunction is a function refusing its arguments: a wrong type, an
	// unknown bucket, a regex that does not compile.
	KindFunction = "QueryFunctionException"
	// KindTimeout is a query that ran longer than Options.Timeout.
	KindTimeout = "QueryTimeoutError"
	// KindLimit is a query that materialised more events or data than
	// Options allow.
	KindLimit = "QueryLimitError"
)

// Pos is a position in the query text: 1-based line and column (columns
// count characters, not bytes).
type Pos struct {
	Line, Col int
}

// String formats the position as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Error is a query that cannot be compiled or run because of the query
// itself (as opposed to a failing Source). The HTTP layer answers it with
// 400 {"type": Kind, "message": Message()}.
type Error struct {
	Kind string
	Pos  Pos // zero when the error has no place in the text
	Msg  string
	Err  error // underlying cause, if any
}

// Error implements error.
func (e *Error) Error() string { return e.Kind + ": " + e.Message() }

// Message is the human-readable message with the position, e.g.
// "line 3, column 14: unknown function 'foo'".
func (e *Error) Message() string {
	if e.Pos.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func errorf(kind string, pos Pos, format string, args ...any) *Error {
	return &Error{Kind: kind, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}
