package query

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"weak"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// Defaults for Options' zero values.
const (
	DefaultTimeout   = 30 * time.Second
	DefaultMaxEvents = 25_000_000
	DefaultMaxBytes  = 64 << 20
)

// Source is where query_bucket and friends read events. attnflow.Store
// satisfies it.
type Source interface {
	// Buckets returns all buckets ordered by id.
	Buckets(ctx context.Context) ([]attnflow.Bucket, error)
	// Events returns a bucket's events overlapping f.Range, newest first,
	// unclipped, in a slice the caller owns (query_bucket clips in place);
	// an *attnflow.Error with code ENOTFOUND for an unknown bucket.
	Events(ctx context.Context, bucketID string, f attnflow.EventFilter) ([]attnflow.Event, error)
	// CountEvents counts the events Events would return.
	CountEvents(ctx context.Context, bucketID string, r attnflow.TimeRange) (int, error)
}

var _ Source = attnflow.Store(nil)

// Options tune one run of a program.
type Options struct {
	// Name is the value of the predefined variable NAME.
	Name string
	// Timeout bounds the run; zero means DefaultTimeout, negative none.
	Timeout time.Duration
	// MaxEvents bounds the events the run may materialise in total over
	// all function results; zero means DefaultMaxEvents.
	MaxEvents int
	// MaxBytes bounds the size of strings and lists built with +; zero
	// means DefaultMaxBytes.
	MaxBytes int
	// Flood selects flood's variant (midpoint by default).
	Flood timeline.FloodVariant
	// Logger receives print() output; nil discards it.
	Logger *slog.Logger
}

// Program is a compiled query. It is immutable except for an internal
// cache of compiled regexes and rule sets, and safe for concurrent Run
// calls; cache it by query text.
type Program struct {
	stmts []stmt
	cache *cache
}

// Compile parses a query. Errors are *Error of kind KindParse (syntax, or
// RETURN never assigned) or KindInterpret (an unknown function).
func Compile(src string) (*Program, error) {
	stmts, err := parse(src)
	if err != nil {
		return nil, err
	}
	c := &compiler{}
	c.stmts(stmts)
	if c.err != nil {
		return nil, c.err
	}
	if !c.assignsReturn {
		return nil, errorf(KindParse, Pos{}, "the query never assigns RETURN, so there is nothing to respond: add e.g. RETURN = events;")
	}
	return &Program{stmts: stmts, cache: newCache()}, nil
}

// Run evaluates the program over one period and returns the value of
// RETURN in JSON-ready form: nil, bool, int64, float64, string, []any,
// map[string]any and []attnflow.Event. Query errors are *Error; a failing
// Source returns its error wrapped; a cancelled ctx returns ctx's error.
func (p *Program) Run(ctx context.Context, src Source, period attnflow.TimeRange, opts Options) (any, error) {
	opts = withDefaults(opts)
	parent := ctx
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	r := &run{
		ctx: ctx, parent: parent, src: src, period: period, opts: opts, prog: p,
		vars: map[string]any{
			"TIMEINTERVAL": attnflow.FormatTime(period.Start) + "/" + attnflow.FormatTime(period.End),
			"STARTTIME":    attnflow.FormatTime(period.Start),
			"ENDTIME":      attnflow.FormatTime(period.End),
			"NAME":         opts.Name,
		},
	}
	if err := r.exec(p.stmts); err != nil {
		return nil, err
	}
	ret, ok := r.vars["RETURN"]
	if !ok {
		return nil, errorf(KindInterpret, Pos{}, "RETURN was not assigned on this run (its assignment is in a branch that was not taken)")
	}
	if weight(ret, opts.MaxEvents, true) > opts.MaxEvents {
		return nil, errorf(KindLimit, Pos{}, "the result holds more than %d values and events", opts.MaxEvents)
	}
	return exportValue(ret), nil
}

func withDefaults(o Options) Options {
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxEvents <= 0 {
		o.MaxEvents = DefaultMaxEvents
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// run is the state of one Run.
type run struct {
	ctx, parent context.Context
	src         Source
	period      attnflow.TimeRange
	opts        Options
	prog        *Program
	vars        map[string]any
	events      int // events materialised so far
	bytes       int // bytes of strings and lists built with +
	// interner gives the events of every query_bucket call one shared
	// map per distinct data, so later functions memoise by map address.
	interner *timeline.Interner
	// canon holds the lists whose data are all interned (first event →
	// length): query_bucket's results and what functions that keep data
	// make of them. Weak keys let dropped lists be collected, and a new
	// list at a freed address never matches an old key.
	canon map[weak.Pointer[attnflow.Event]]int
}

// check reports a cancelled or timed-out run.
func (r *run) check(pos Pos) error {
	if r.ctx.Err() == nil {
		return nil
	}
	if err := r.parent.Err(); err != nil {
		return fmt.Errorf("query cancelled: %w", err)
	}
	e := errorf(KindTimeout, pos, "the query ran longer than %s and was stopped", r.opts.Timeout)
	e.Err = context.DeadlineExceeded
	return e
}

// charge counts n materialised events against the budget.
func (r *run) charge(pos Pos, n int) error {
	r.events += n
	if r.events > r.opts.MaxEvents {
		return errorf(KindLimit, pos, "the query materialised more than %d events; narrow the period or the buckets", r.opts.MaxEvents)
	}
	return nil
}

// wrapSourceErr turns a Source error into a query error when it is the
// caller's fault (unknown bucket), and keeps it as is otherwise.
func (r *run) wrapSourceErr(pos Pos, fn, bucket string, err error) error {
	if attnflow.ErrorCode(err) == attnflow.ENOTFOUND {
		return errorf(KindFunction, pos, "%s: there is no bucket named %q", fn, bucket)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		if cerr := r.check(pos); cerr != nil {
			return cerr
		}
	}
	return fmt.Errorf("%s %q: %w", fn, bucket, err)
}
