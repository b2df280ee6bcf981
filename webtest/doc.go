// Package webtest drives attnflow's dashboard in a real headless Chromium
// (Debian's chromium package) against a real attnflow server filled with a
// simulated persona. It has no non-test code besides this comment.
//
// Run: go test ./webtest/ -v (screenshots go to $ATTNFLOW_SCREENSHOTS or
// $TMPDIR/attnflow-web-screens). With ATTNFLOW_WEB_BENCH=1 it also measures
// the dashboard over a year of data (see BENCHMARKS.md).
package webtest
