// Package timeline holds pure operations on sequences of attnflow events:
// flooding gaps, intersecting and uniting periods, merging and chunking by
// data keys, splitting URLs, categorising and tagging with regex rules,
// filtering, sorting and summing. They follow the semantics of
// ActivityWatch's aw-transform (aw-core and aw-server-rust) so that the
// query language in package query can be answered exactly, and the
// attention-flow engine reuses them.
//
// Every function treats its inputs as immutable: it never reorders an input
// slice nor writes to an input event's Data map. The exceptions say so in
// their names and work on a slice the caller owns, never on Data maps:
// ClipInPlace, FloodOwned, SortByTimestampOwned, SortByDurationOwned and
// Interner.Intern. Functions that add keys to
// Data (Categorize, Tag, SplitURL) give the affected events a fresh map.
// Result events may share Data maps with the input, so callers must not
// mutate the maps they get back either.
package timeline
