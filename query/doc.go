// Package query implements ActivityWatch's query language ("query2"), the
// language of POST /api/0/query/, as the union of what aw-core and
// aw-server-rust accept, evaluated over package timeline.
//
// A program is a sequence of statements: name = expr; return expr; a bare
// expression; and if/elif/else blocks. Expressions are literals (strings
// in double or single quotes, where only a backslash before the quote is
// an escape; integers, kept as integers; floats; true/false/True/False;
// lists; objects with string keys), variables, function calls, and the
// operators + - * / % and ==, which share one precedence level and
// associate to the left, as in aw-server-rust. + also concatenates
// strings and lists. # starts a comment. TIMEINTERVAL, STARTTIME, ENDTIME
// and NAME are predefined; the result is the value of RETURN.
//
// Compile parses a program once; Program.Run evaluates it over one period
// against a Source (attnflow.Store is one), within a time bound and a
// bound on materialised events, and returns a JSON-ready value. Errors in
// the query are *Error values carrying the ActivityWatch error kind and
// the line and column, for a 400 response; a failing Source's errors are
// returned wrapped, for a 500.
//
// Usage from an HTTP handler:
//
//	p, err := query.Compile(strings.Join(body.Query, "\n")) // cache p by text
//	for _, tp := range body.Timeperiods {
//		period, err := attnflow.ParseTimeRange(tp)
//		res, err := p.Run(ctx, store, period, query.Options{Logger: log})
//		...
//	}
package query
