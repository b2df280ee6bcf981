package query

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// builtin is a query function with its arity (max -1: variadic).
type builtin struct {
	min, max int
	fn       func(r *run, c *callExpr, args []any) (any, error)
	// keepsData: the result's events carry data maps of the argument
	// lists' events (or none), so a result of interned lists is interned.
	keepsData bool
	// fresh: a result list is always newly allocated (never one of the
	// arguments), so a call nested in another's arguments hands it a list
	// that nothing else references.
	fresh bool
}

func (b *builtin) arity() string {
	switch {
	case b.max < 0:
		return fmt.Sprintf("at least %d arguments", b.min)
	case b.min == b.max:
		return plural(b.min, "argument")
	}
	return fmt.Sprintf("%d to %d arguments", b.min, b.max)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// builtins are the functions of the union of aw-core's and
// aw-server-rust's query languages.
var builtins map[string]*builtin

func init() {
	builtins = map[string]*builtin{
		"query_bucket":            {1, 1, fnQueryBucket, false, true},
		"query_bucket_names":      {0, 0, fnQueryBucketNames, false, false},
		"query_bucket_eventcount": {1, 1, fnQueryBucketEventcount, false, false},
		"find_bucket":             {1, 2, fnFindBucket, false, false},
		"filter_keyvals":          {3, 3, fnFilterKeyvals(false), true, true},
		"exclude_keyvals":         {3, 3, fnFilterKeyvals(true), true, true},
		"filter_keyvals_regex":    {3, 3, fnFilterKeyvalsRegex, true, true},
		"filter_period_intersect": {2, 2, fnPair(timeline.FilterPeriodIntersect), true, true},
		"period_union":            {2, 2, fnPair(timeline.PeriodUnion), false, true},
		"union_no_overlap":        {2, 2, fnPair(timeline.UnionNoOverlap), true, true},
		"concat":                  {0, -1, fnConcat, true, true},
		"sort_by_duration":        {1, 1, fnSort(timeline.SortByDuration, timeline.SortByDurationOwned), true, false},
		"sort_by_timestamp":       {1, 1, fnSort(timeline.SortByTimestamp, timeline.SortByTimestampOwned), true, false},
		"limit_events":            {2, 2, fnLimitEvents, true, true},
		"sum_durations":           {1, 1, fnSumDurations, false, false},
		"merge_events_by_keys":    {2, 2, fnMergeEventsByKeys, false, true},
		"chunk_events_by_key":     {2, 2, fnChunkEventsByKey, true, true},
		"split_url_events":        {1, 1, fnSplitURLEvents, false, true},
		"categorize":              {2, 2, fnClassify("categorize"), false, true},
		"tag":                     {2, 2, fnClassify("tag"), false, true},
		"flood":                   {1, 2, fnFlood, true, true},
		"contains":                {2, 2, fnContains, false, false},
		"print":                   {0, -1, fnPrint, false, false},
		"nop":                     {0, 0, fnNop, false, false},
	}
}

// chunkSize is how many events per-event operations process between two
// checks of the deadline; inputs of at least parallelMin events are split
// across up to GOMAXPROCS goroutines (at most maxWorkers).
const (
	chunkSize   = 1 << 16
	parallelMin = 1 << 14
	maxWorkers  = 4
)

// op is a per-event operation: its result for an event does not depend on
// the others. newOp returns one for each goroutine; it may keep memos
// across the chunks it is given.
type op = func([]attnflow.Event) []attnflow.Event

// stateless wraps an operation without memos.
func stateless(f op) func() op { return func() op { return f } }

// chunked applies a per-event operation in chunks, checking the deadline
// between chunks, and on large inputs in parallel. Results keep the input
// order.
func (r *run) chunked(c *callExpr, in eventList, newOp func() op) (any, error) {
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, len(in)/parallelMin)
	if workers < 2 {
		parts, err := r.serialChunks(c, in, newOp())
		if err != nil {
			return nil, err
		}
		return join(parts), nil
	}
	parts := make([][][]attnflow.Event, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	size := (len(in) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*size, min((w+1)*size, len(in))
		wg.Go(func() {
			parts[w], errs[w] = r.serialChunks(c, in[lo:hi], newOp())
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return join(slices.Concat(parts...)), nil
}

// mapped applies a one-to-one operation like chunked, with every worker
// writing its results straight into one result list.
func (r *run) mapped(c *callExpr, in eventList, newMapper func() timeline.Mapper) (any, error) {
	out := make(eventList, len(in))
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, len(in)/parallelMin)
	if workers < 2 {
		if err := r.mapChunks(c, out, in, newMapper()); err != nil {
			return nil, err
		}
		return out, nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	size := (len(in) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*size, min((w+1)*size, len(in))
		wg.Go(func() { errs[w] = r.mapChunks(c, out[lo:hi], in[lo:hi], newMapper()) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mapChunks runs m over in in chunks, checking the deadline between them.
func (r *run) mapChunks(c *callExpr, dst, in eventList, m timeline.Mapper) error {
	for i := 0; i < len(in); i += chunkSize {
		if i > 0 {
			if err := r.check(c.p); err != nil {
				return err
			}
		}
		j := min(i+chunkSize, len(in))
		m(dst[i:j], in[i:j])
	}
	return nil
}

// serialChunks returns the results of f on each chunk of in.
func (r *run) serialChunks(c *callExpr, in eventList, f op) ([][]attnflow.Event, error) {
	if len(in) <= chunkSize {
		return [][]attnflow.Event{f(in)}, nil
	}
	out := make([][]attnflow.Event, 0, (len(in)+chunkSize-1)/chunkSize)
	for i := 0; i < len(in); i += chunkSize {
		if err := r.check(c.p); err != nil {
			return nil, err
		}
		out = append(out, f(in[i:min(i+chunkSize, len(in))]))
	}
	return out, nil
}

// join concatenates the results of chunks, copying only when there are
// several.
func join(parts [][]attnflow.Event) eventList {
	if len(parts) == 1 {
		return parts[0]
	}
	if out := slices.Concat(parts...); out != nil {
		return out
	}
	return eventList{}
}

func argErr(c *callExpr, i int, want string, got any) error {
	return errorf(KindFunction, c.args[i].pos(), "argument %d of %s must be %s, got %s", i+1, c.name, want, typeName(got))
}

func argEvents(c *callExpr, args []any, i int) (eventList, error) {
	ev, ok := asEvents(args[i])
	if !ok {
		return nil, argErr(c, i, "a list of events", args[i])
	}
	return ev, nil
}

func argString(c *callExpr, args []any, i int) (string, error) {
	s, ok := args[i].(string)
	if !ok {
		return "", argErr(c, i, "a string", args[i])
	}
	return s, nil
}

func argStrings(c *callExpr, args []any, i int) ([]string, error) {
	l, ok := asList(args[i])
	if !ok {
		return nil, argErr(c, i, "a list of strings", args[i])
	}
	out := make([]string, len(l))
	for j, v := range l {
		if out[j], ok = v.(string); !ok {
			return nil, argErr(c, i, "a list of strings", v)
		}
	}
	return out, nil
}

// eventsAndKey parses the (events, key, ...) head of an argument list.
func eventsAndKey(c *callExpr, args []any) (eventList, string, error) {
	ev, err := argEvents(c, args, 0)
	if err != nil {
		return nil, "", err
	}
	key, err := argString(c, args, 1)
	return ev, key, err
}

// ownedArg reports whether argument i is the result of a nested call to
// a function whose results are fresh: no variable or other value holds
// that list, so the function may reorder or overwrite it.
func ownedArg(c *callExpr, i int) bool {
	arg, ok := c.args[i].(*callExpr)
	return ok && arg.fn.fresh
}

// fnSort wraps a sort, sorting in place when the list is owned.
func fnSort(sort, sortOwned func([]attnflow.Event) []attnflow.Event) func(*run, *callExpr, []any) (any, error) {
	return func(r *run, c *callExpr, args []any) (any, error) {
		ev, err := argEvents(c, args, 0)
		if err != nil {
			return nil, err
		}
		if _, isList := args[0].(eventList); isList && ownedArg(c, 0) {
			return eventList(sortOwned(ev)), nil
		}
		return eventList(sort(ev)), nil
	}
}

func fnPair(f func(a, b []attnflow.Event) []attnflow.Event) func(*run, *callExpr, []any) (any, error) {
	return func(r *run, c *callExpr, args []any) (any, error) {
		a, err := argEvents(c, args, 0)
		if err != nil {
			return nil, err
		}
		b, err := argEvents(c, args, 1)
		if err != nil {
			return nil, err
		}
		return eventList(f(a, b)), nil
	}
}

func fnFilterKeyvals(exclude bool) func(*run, *callExpr, []any) (any, error) {
	return func(r *run, c *callExpr, args []any) (any, error) {
		ev, key, err := eventsAndKey(c, args)
		if err != nil {
			return nil, err
		}
		vals, ok := asList(args[2])
		if !ok {
			return nil, argErr(c, 2, "a list of values", args[2])
		}
		vals = exportValue(vals).([]any)
		if r.allInterned(ev) {
			return r.chunked(c, ev, func() op { return timeline.KeyvalsFilter(key, vals, exclude) })
		}
		if exclude {
			return r.chunked(c, ev, stateless(func(e []attnflow.Event) []attnflow.Event { return timeline.ExcludeKeyvals(e, key, vals) }))
		}
		return r.chunked(c, ev, stateless(func(e []attnflow.Event) []attnflow.Event { return timeline.FilterKeyvals(e, key, vals) }))
	}
}

func fnFilterKeyvalsRegex(r *run, c *callExpr, args []any) (any, error) {
	ev, key, err := eventsAndKey(c, args)
	if err != nil {
		return nil, err
	}
	expr, err := argString(c, args, 2)
	if err != nil {
		return nil, err
	}
	m, err := r.prog.cache.pattern(expr)
	if err != nil {
		return nil, errorf(KindFunction, c.args[2].pos(), "regex %q does not compile: %v", expr, err)
	}
	if r.allInterned(ev) {
		return r.chunked(c, ev, func() op { return timeline.KeyvalsRegexFilter(key, m) })
	}
	return r.chunked(c, ev, stateless(func(e []attnflow.Event) []attnflow.Event { return timeline.FilterKeyvalsRegex(e, key, m) }))
}

func fnConcat(r *run, c *callExpr, args []any) (any, error) {
	lists := make([][]attnflow.Event, len(args))
	for i := range args {
		ev, err := argEvents(c, args, i)
		if err != nil {
			return nil, err
		}
		lists[i] = ev
	}
	return eventList(timeline.Concat(lists...)), nil
}

func fnLimitEvents(r *run, c *callExpr, args []any) (any, error) {
	ev, err := argEvents(c, args, 0)
	if err != nil {
		return nil, err
	}
	n, ok := asNumber(args[1])
	if !ok {
		return nil, argErr(c, 1, "a number", args[1])
	}
	if n > math.MaxInt32 {
		n = math.MaxInt32
	}
	return eventList(timeline.Limit(ev, int(n))), nil
}

func fnSumDurations(r *run, c *callExpr, args []any) (any, error) {
	ev, err := argEvents(c, args, 0)
	if err != nil {
		return nil, err
	}
	return seconds(timeline.SumDurations(ev)), nil
}

func fnMergeEventsByKeys(r *run, c *callExpr, args []any) (any, error) {
	ev, err := argEvents(c, args, 0)
	if err != nil {
		return nil, err
	}
	keys, err := argStrings(c, args, 1)
	if err != nil {
		return nil, err
	}
	return eventList(timeline.MergeByKeys(ev, keys)), nil
}

func fnChunkEventsByKey(r *run, c *callExpr, args []any) (any, error) {
	ev, key, err := eventsAndKey(c, args)
	if err != nil {
		return nil, err
	}
	return eventList(timeline.ChunkByKey(ev, key)), nil
}

func fnSplitURLEvents(r *run, c *callExpr, args []any) (any, error) {
	ev, err := argEvents(c, args, 0)
	if err != nil {
		return nil, err
	}
	if r.allInterned(ev) {
		return r.mapped(c, ev, r.prog.cache.urls.InternedMapper)
	}
	return r.chunked(c, ev, r.prog.cache.urls.Splitter)
}

func fnClassify(kind string) func(*run, *callExpr, []any) (any, error) {
	return func(r *run, c *callExpr, args []any) (any, error) {
		ev, err := argEvents(c, args, 0)
		if err != nil {
			return nil, err
		}
		cl, err := r.prog.cache.classifier(kind, args[1])
		if err != nil {
			return nil, errorf(KindFunction, c.args[1].pos(), "%s: %v", kind, err)
		}
		interned := r.allInterned(ev)
		switch {
		case kind == "tag" && interned:
			return r.mapped(c, ev, cl.TagInternedMapper)
		case kind == "tag":
			return r.chunked(c, ev, cl.TagFunc)
		case interned:
			return r.mapped(c, ev, cl.CategorizeInternedMapper)
		}
		return r.chunked(c, ev, cl.CategorizeFunc)
	}
}

func fnFlood(r *run, c *callExpr, args []any) (any, error) {
	ev, err := argEvents(c, args, 0)
	if err != nil {
		return nil, err
	}
	pulse := timeline.DefaultPulsetime
	if len(args) > 1 {
		secs, ok := asNumber(args[1])
		if !ok || secs < 0 || secs > 1e9 {
			return nil, argErr(c, 1, "a number of seconds between 0 and 1e9", args[1])
		}
		pulse = time.Duration(secs * 1e9)
	}
	equal := timeline.DataEqual
	if r.interned(ev) {
		equal = timeline.SameData
	}
	if ownedArg(c, 0) {
		return eventList(timeline.FloodOwned(ev, pulse, r.opts.Flood, equal)), nil
	}
	return eventList(timeline.FloodWith(ev, pulse, r.opts.Flood, equal)), nil
}

func fnContains(r *run, c *callExpr, args []any) (any, error) {
	if d, ok := args[0].(map[string]any); ok {
		key, ok := args[1].(string)
		if !ok {
			return nil, argErr(c, 1, "a string (a key of the object)", args[1])
		}
		_, has := d[key]
		return has, nil
	}
	l, ok := asList(args[0])
	if !ok {
		return nil, argErr(c, 0, "a list or an object", args[0])
	}
	for _, v := range l {
		if eq, _ := equal(v, args[1]); eq {
			return true, nil
		}
	}
	return false, nil
}

func fnPrint(r *run, c *callExpr, args []any) (any, error) {
	for _, a := range args {
		var v any = fmt.Sprintf("(%s too large to print)", typeName(a))
		if weight(a, 1000, true) <= 1000 {
			v = exportValue(a)
		}
		r.opts.Logger.Info("query print", "pos", c.p.String(), "value", v)
	}
	return nil, nil
}

func fnNop(*run, *callExpr, []any) (any, error) { return int64(1), nil }
