package query

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// The functions that read the Source.

func fnQueryBucket(r *run, c *callExpr, args []any) (any, error) {
	id, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	events, err := r.src.Events(r.ctx, id, attnflow.EventFilter{Range: r.period, Limit: -1})
	if err != nil {
		return nil, r.wrapSourceErr(c.p, "query_bucket", id, err)
	}
	if r.interner == nil {
		r.interner = timeline.NewInterner()
	}
	timeline.ClipInPlace(events, r.period) // the slice is ours (see Source)
	r.interner.Intern(events)
	r.markInterned(events)
	return eventList(events), nil
}

func fnQueryBucketNames(r *run, c *callExpr, _ []any) (any, error) {
	buckets, err := r.src.Buckets(r.ctx)
	if err != nil {
		return nil, fmt.Errorf("query_bucket_names: %w", err)
	}
	names := make([]any, len(buckets))
	for i, b := range buckets {
		names[i] = b.ID
	}
	return names, nil
}

func fnQueryBucketEventcount(r *run, c *callExpr, args []any) (any, error) {
	id, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	n, err := r.src.CountEvents(r.ctx, id, r.period)
	if err != nil {
		return nil, r.wrapSourceErr(c.p, "query_bucket_eventcount", id, err)
	}
	return int64(n), nil
}

// fnFindBucket returns the bucket whose id equals the filter, else the
// first (by id) that starts with it, optionally only on one hostname.
func fnFindBucket(r *run, c *callExpr, args []any) (any, error) {
	prefix, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	host, hasHost := "", len(args) > 1 && args[1] != nil
	if hasHost {
		if host, err = argString(c, args, 1); err != nil {
			return nil, err
		}
	}
	buckets, err := r.src.Buckets(r.ctx)
	if err != nil {
		return nil, fmt.Errorf("find_bucket: %w", err)
	}
	slices.SortFunc(buckets, func(a, b attnflow.Bucket) int { return strings.Compare(a.ID, b.ID) })
	var found string
	for _, b := range buckets {
		if hasHost && b.Hostname != host {
			continue
		}
		if b.ID == prefix {
			return b.ID, nil
		}
		if found == "" && strings.HasPrefix(b.ID, prefix) {
			found = b.ID
		}
	}
	if found == "" {
		if hasHost {
			return nil, errorf(KindFunction, c.p, "no bucket matches %q on hostname %q", prefix, host)
		}
		return nil, errorf(KindFunction, c.p, "no bucket matches %q", prefix)
	}
	return found, nil
}
