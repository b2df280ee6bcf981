package awimport

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sort"

	"github.com/attnflow/attnflow"
)

// GCPercent is the garbage collector target (debug.SetGCPercent) that
// "attnflow import" runs with: an import allocates a short-lived map per
// distinct payload and a slice per batch, and collecting at 400% instead
// of 100% growth saves about 15% of its CPU time for some 30 MB more
// memory, which stays bounded however many events are imported.
const GCPercent = 400

// DefaultBatch is how many events go to the store in one ImportEvents
// call (one transaction) unless Options.Batch says otherwise. Each commit
// writes the pages it changed to the write-ahead log, among them the
// pages of the store's payload hash index that the batch's new payloads
// land on at random: 10,000 events a commit write a fifth fewer pages
// than 5,000 and take some 5% less CPU time; 20,000 save a little more
// but hold half as much memory again (BENCHMARKS.md, "Migration").
const DefaultBatch = 10000

// Options tunes an import. The zero value is a good default.
type Options struct {
	// Batch is the number of events per store call (default DefaultBatch).
	// Events wait in up to four batches' worth while the source is read
	// (a database interleaves its buckets' events) and up to three full
	// batches on their way to the store.
	Batch int
	// SkipInvalid imports the readable events of a source that also holds
	// unreadable ones (counted in the summary) instead of refusing it.
	SkipInvalid bool
	// OverwriteSettings replaces settings the store already has; by
	// default they are kept and only unset ones are imported.
	OverwriteSettings bool
	// Settings are imported besides (and over) the source's own, e.g.
	// those of the Python aw-server's settings.json (ReadSettingsFile).
	Settings map[string]json.RawMessage
	// DryRun reads and checks the whole source and writes nothing.
	DryRun bool
	// Progress, if not nil, is told how far the import is.
	Progress Progress
	// Logger receives warnings; nil discards them.
	Logger *slog.Logger
}

// Progress follows a long operation made of phases.
type Progress interface {
	// Start begins a phase of total units (0 when unknown).
	Start(phase string, total int)
	// Add reports n more units done.
	Add(n int)
	// Finish ends the phase.
	Finish()
}

// Summary says what an import read and did.
type Summary struct {
	Format   string          `json:"format"`
	DryRun   bool            `json:"dry_run,omitempty"`
	Buckets  []BucketSummary `json:"buckets"`
	Settings SettingsSummary `json:"settings"`
}

// BucketSummary is one bucket's line in a Summary.
type BucketSummary struct {
	ID         string `json:"id"`
	Created    bool   `json:"created"`    // the bucket was new to the store
	Read       int    `json:"read"`       // events in the source
	Inserted   int    `json:"inserted"`   // events stored
	Duplicates int    `json:"duplicates"` // events the store already held
	Invalid    int    `json:"invalid"`    // unreadable events skipped
}

// SettingsSummary lists the settings an import wrote and kept.
type SettingsSummary struct {
	Imported []string `json:"imported"`
	Kept     []string `json:"kept"` // already set in the store, left alone
}

// Totals adds up the buckets' lines.
func (s Summary) Totals() BucketSummary {
	var t BucketSummary
	for _, b := range s.Buckets {
		t.Read += b.Read
		t.Inserted += b.Inserted
		t.Duplicates += b.Duplicates
		t.Invalid += b.Invalid
	}
	return t
}

func (o Options) withDefaults() Options {
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Progress == nil {
		o.Progress = nopProgress{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

// Import reads src whole to check it, then merges it into st: missing
// buckets are created, events the store already holds are skipped and
// settings are imported. If the check finds an unreadable event (and
// SkipInvalid is off), nothing is written.
func Import(ctx context.Context, src Source, st attnflow.Store, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	sum := Summary{Format: src.Format(), DryRun: opts.DryRun}
	lines, err := check(ctx, src, opts)
	if err != nil {
		return sum, err
	}
	sum.Buckets = lines
	if opts.DryRun {
		return sum, nil
	}
	if err := createBuckets(ctx, src, st, sum.Buckets); err != nil {
		return sum, err
	}
	if sum.Settings, err = importSettings(ctx, src, st, opts); err != nil {
		return sum, err
	}
	if err := importEvents(ctx, src, st, sum.Buckets, opts); err != nil {
		return sum, err
	}
	for i := range sum.Buckets {
		b := &sum.Buckets[i]
		b.Duplicates = b.Read - b.Invalid - b.Inserted
	}
	return sum, nil
}

// quickChecker is a Source that can check all its events faster than by
// scanning them: ok true means every event is readable.
type quickChecker interface {
	QuickCheck(ctx context.Context) (counts map[string]int, ok bool, err error)
}

// check reads every event of src and counts them per bucket. An
// unreadable event stops it unless opts.SkipInvalid.
func check(ctx context.Context, src Source, opts Options) ([]BucketSummary, error) {
	buckets := src.Buckets()
	lines := make([]BucketSummary, len(buckets))
	index := make(map[string]int, len(buckets))
	for i, b := range buckets {
		lines[i].ID = b.ID
		index[b.ID] = i
	}
	if qc, ok := src.(quickChecker); ok {
		counts, ok, err := qc.QuickCheck(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			for i := range lines {
				lines[i].Read = counts[lines[i].ID]
			}
			return lines, nil
		}
	}
	opts.Progress.Start("checking", 0)
	defer opts.Progress.Finish()
	n := 0
	err := src.Scan(ctx, false, func(bucketID string, _ attnflow.Event, bad error) error {
		line := &lines[index[bucketID]]
		line.Read++
		if n++; n%1024 == 0 {
			opts.Progress.Add(1024)
		}
		if bad == nil {
			return nil
		}
		line.Invalid++
		if opts.SkipInvalid {
			opts.Logger.Warn("skipping unreadable event", "bucket", bucketID, "event", line.Read, "err", attnflow.ErrorMessage(bad))
			return nil
		}
		return attnflow.Errorf(attnflow.EINVALID, "bucket %q, event %d: %s: nothing was imported (--skip-invalid imports the rest)",
			bucketID, line.Read, attnflow.ErrorMessage(bad))
	})
	opts.Progress.Add(n % 1024)
	if err != nil {
		return nil, err
	}
	return lines, nil
}

// createBuckets creates the source's buckets the store lacks.
func createBuckets(ctx context.Context, src Source, st attnflow.Store, lines []BucketSummary) error {
	for i, b := range src.Buckets() {
		err := st.CreateBucket(ctx, b)
		switch attnflow.ErrorCode(err) {
		case "":
			lines[i].Created = true
		case attnflow.ECONFLICT:
		default:
			return fmt.Errorf("create bucket %q: %w", b.ID, err)
		}
	}
	return nil
}

// importSettings writes the source's settings and opts.Settings, keeping
// those the store already has unless opts.OverwriteSettings.
func importSettings(ctx context.Context, src Source, st attnflow.Store, opts Options) (SettingsSummary, error) {
	var sum SettingsSummary
	fromSource, err := src.Settings(ctx)
	if err != nil {
		return sum, err
	}
	settings := make(map[string]json.RawMessage, len(fromSource)+len(opts.Settings))
	for k, v := range fromSource {
		settings[k] = v
	}
	for k, v := range opts.Settings {
		settings[k] = v
	}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !opts.OverwriteSettings {
			_, err := st.Setting(ctx, k)
			if err == nil {
				sum.Kept = append(sum.Kept, k)
				continue
			} else if attnflow.ErrorCode(err) != attnflow.ENOTFOUND {
				return sum, fmt.Errorf("read setting %q: %w", k, err)
			}
		}
		if err := st.SetSetting(ctx, k, json.RawMessage(settings[k])); err != nil {
			return sum, fmt.Errorf("import setting %q: %w", k, err)
		}
		sum.Imported = append(sum.Imported, k)
	}
	return sum, nil
}

// batch is a run of one bucket's events on its way to the store.
type batch struct {
	bucket string
	events []attnflow.Event
}

// importEvents streams src into st: one goroutine reads batches while
// this one writes them, with at most two batches waiting in between.
func importEvents(ctx context.Context, src Source, st attnflow.Store, lines []BucketSummary, opts Options) error {
	total := 0
	index := make(map[string]int, len(lines))
	for i, l := range lines {
		total += l.Read - l.Invalid
		index[l.ID] = i
	}
	opts.Progress.Start("importing", total)
	defer opts.Progress.Finish()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 2)
	readErr := make(chan error, 1)
	invalid := map[string]int{} // owned by the reader until readErr
	go func() {
		defer close(batches)
		readErr <- readBatches(ctx, src, opts.Batch, batches, invalid)
	}()
	var writeErr error
	for b := range batches {
		if writeErr != nil {
			continue // drain so that the reader can stop
		}
		n, err := st.ImportEvents(ctx, b.bucket, b.events)
		if err != nil {
			writeErr = fmt.Errorf("import events into bucket %q: %w", b.bucket, err)
			cancel()
			continue
		}
		lines[index[b.bucket]].Inserted += n
		opts.Progress.Add(len(b.events))
	}
	if err := <-readErr; writeErr == nil && err != nil {
		return err
	}
	for id, n := range invalid {
		if l := &lines[index[id]]; n > l.Invalid {
			opts.Logger.Warn("events unreadable on import though they passed the check", "bucket", id, "events", n-l.Invalid)
			l.Invalid = n
		}
	}
	return writeErr
}

// readBatches scans src into batches of at most size events of one
// bucket, skipping unreadable events and counting them per bucket. Each
// bucket fills a batch of its own, so that a source interleaving the
// buckets' events still yields full batches; at most maxPending(size)
// events wait in them.
func readBatches(ctx context.Context, src Source, size int, out chan<- batch, invalid map[string]int) error {
	p := pending{size: size, limit: maxPending(size), batches: map[string][]attnflow.Event{}, out: out}
	err := src.Scan(ctx, true, func(bucketID string, e attnflow.Event, bad error) error {
		if bad != nil {
			invalid[bucketID]++
			return nil
		}
		return p.add(ctx, bucketID, e)
	})
	if err != nil {
		return err
	}
	return p.flushAll(ctx)
}

// maxPending bounds the events readBatches holds back: a few batches.
func maxPending(size int) int { return 4 * size }

// pending holds each bucket's batch until it is full.
type pending struct {
	size, limit int
	total       int // events held
	batches     map[string][]attnflow.Event
	out         chan<- batch
}

func (p *pending) add(ctx context.Context, bucketID string, e attnflow.Event) error {
	events := p.batches[bucketID]
	if events == nil {
		events = make([]attnflow.Event, 0, p.size)
	}
	p.batches[bucketID] = append(events, e)
	p.total++
	if len(events)+1 >= p.size {
		return p.flush(ctx, bucketID)
	}
	if p.total > p.limit {
		return p.flush(ctx, p.largest())
	}
	return nil
}

// largest names the bucket holding the most events.
func (p *pending) largest() string {
	var id string
	n := -1
	for b, events := range p.batches {
		if len(events) > n || (len(events) == n && b < id) {
			id, n = b, len(events)
		}
	}
	return id
}

// flush sends the bucket's batch.
func (p *pending) flush(ctx context.Context, bucketID string) error {
	events := p.batches[bucketID]
	delete(p.batches, bucketID)
	p.total -= len(events)
	if len(events) == 0 {
		return nil
	}
	select {
	case p.out <- batch{bucket: bucketID, events: events}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flushAll sends what is left, bucket by bucket in id order.
func (p *pending) flushAll(ctx context.Context) error {
	ids := make([]string, 0, len(p.batches))
	for id := range p.batches {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := p.flush(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

type nopProgress struct{}

func (nopProgress) Start(string, int) {}
func (nopProgress) Add(int)           {}
func (nopProgress) Finish()           {}
