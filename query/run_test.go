package query_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/query"
	"github.com/attnflow/attnflow/query/querytest"
)

func mustCompile(t *testing.T, src string) *query.Program {
	t.Helper()
	p, err := query.Compile(src)
	if err != nil {
		t.Fatalf("compile %q: %v", src, err)
	}
	return p
}

func mustPeriod(t testing.TB) attnflow.TimeRange {
	t.Helper()
	tr, err := attnflow.ParseTimeRange(defaultPeriod)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func dayRange(t *testing.T) attnflow.TimeRange {
	t.Helper()
	tr, err := attnflow.ParseTimeRange(defaultPeriod)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func wantKind(t *testing.T, err error, kind string) *query.Error {
	t.Helper()
	var qe *query.Error
	if !errors.As(err, &qe) || qe.Kind != kind {
		t.Fatalf("error = %v, want kind %s", err, kind)
	}
	return qe
}

func TestMaxEventsLimit(t *testing.T) {
	p := mustCompile(t, `e = query_bucket("aw-watcher-window_host"); RETURN = concat(e, e, e);`)
	_, err := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{MaxEvents: 10})
	qe := wantKind(t, err, query.KindLimit)
	if qe.Pos.Line != 1 {
		t.Errorf("limit error has no position: %v", qe)
	}
}

func TestMaxBytesLimit(t *testing.T) {
	p := mustCompile(t, `s = "0123456789"; s = s + s; s = s + s; s = s + s; s = s + s; RETURN = s;`)
	_, err := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{MaxBytes: 100})
	wantKind(t, err, query.KindLimit)
}

func TestTimeout(t *testing.T) {
	p := mustCompile(t, `RETURN = 1;`)
	_, err := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{Timeout: time.Nanosecond})
	qe := wantKind(t, err, query.KindTimeout)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout error %v does not wrap DeadlineExceeded", qe)
	}
}

// slowSource blocks in Events until its context ends.
type slowSource struct{ query.Source }

func (s slowSource) Events(ctx context.Context, id string, f attnflow.EventFilter) ([]attnflow.Event, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestTimeoutWhileSourceBlocks(t *testing.T) {
	p := mustCompile(t, `RETURN = query_bucket("aw-watcher-window_host");`)
	start := time.Now()
	_, err := p.Run(context.Background(), slowSource{loadSource(t)}, dayRange(t), query.Options{Timeout: 50 * time.Millisecond})
	wantKind(t, err, query.KindTimeout)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("run took %v after a 50ms timeout", d)
	}
}

func TestCallerCancellationIsNotAQueryError(t *testing.T) {
	p := mustCompile(t, `RETURN = 1;`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.Run(ctx, loadSource(t), dayRange(t), query.Options{})
	var qe *query.Error
	if errors.As(err, &qe) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want a plain wrapped context.Canceled", err)
	}
}

// failingSource fails like a broken database.
type failingSource struct{ query.Source }

var errDisk = errors.New("disk on fire")

func (failingSource) Events(context.Context, string, attnflow.EventFilter) ([]attnflow.Event, error) {
	return nil, errDisk
}

func TestSourceFailureIsNotAQueryError(t *testing.T) {
	p := mustCompile(t, `RETURN = query_bucket("aw-watcher-window_host");`)
	_, err := p.Run(context.Background(), failingSource{loadSource(t)}, dayRange(t), query.Options{})
	var qe *query.Error
	if errors.As(err, &qe) || !errors.Is(err, errDisk) {
		t.Fatalf("error = %v, want the source's error wrapped", err)
	}
}

// TestConcurrentRuns shares one Program between goroutines (run with
// -race) and checks they all get the same answer.
func TestConcurrentRuns(t *testing.T) {
	src := loadSource(t)
	p := mustCompile(t, querytest.FullDesktopQuery(querytest.StockParams([]string{"aw-watcher-web-firefox_host"})))
	first, err := p.Run(context.Background(), src, dayRange(t), query.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := mustJSON(t, first)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := p.Run(context.Background(), src, dayRange(t), query.Options{})
			if err != nil {
				t.Error(err)
				return
			}
			if g := mustJSON(t, got); g != want {
				t.Errorf("concurrent run differs:\n%s\n%s", g, want)
			}
		})
	}
	wg.Wait()
}

func TestResultIsOwnedByCaller(t *testing.T) {
	p := mustCompile(t, `RETURN = {"a": [1, 2]};`)
	r1, _ := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{})
	r1.(map[string]any)["a"].([]any)[0] = "changed"
	r2, _ := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{})
	if mustJSON(t, r2) != `{"a":[1,2]}` {
		t.Errorf("second run = %s: the first caller's change leaked", mustJSON(t, r2))
	}
}

func TestErrorMessageHasPosition(t *testing.T) {
	_, err := query.Compile("x = 1;\n  y = (;")
	qe := wantKind(t, err, query.KindParse)
	if got, want := qe.Message(), "line 2, column 8: expected a value, found ';'"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

// TestSharedListsCannotExplode builds a value that doubles with each
// statement by sharing, which would take exponential time to export.
func TestSharedListsCannotExplode(t *testing.T) {
	src := "x = [1];\n" + strings.Repeat("x = [x, x];\n", 60) + "RETURN = x;"
	p := mustCompile(t, src)
	start := time.Now()
	_, err := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{})
	wantKind(t, err, query.KindLimit)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestResultSizeIsBounded repeats one event list in the result: cheap to
// build, but its JSON would be huge.
func TestResultSizeIsBounded(t *testing.T) {
	src := `e = query_bucket("aw-watcher-window_host"); RETURN = [` + strings.Repeat("e, ", 50) + `e];`
	p := mustCompile(t, src)
	_, err := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{MaxEvents: 100})
	wantKind(t, err, query.KindLimit)
	if _, err := p.Run(context.Background(), loadSource(t), dayRange(t), query.Options{MaxEvents: 1000}); err != nil {
		t.Errorf("51 × 6 events within a limit of 1000: %v", err)
	}
}
