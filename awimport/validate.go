package awimport

import (
	"math"
	"time"

	"github.com/attnflow/attnflow"
)

// The stores keep times as int64 nanoseconds since 1970, which spans the
// years 1678 to 2262; events outside are refused before anything is
// written, so that an import never fails half-way.
var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// checkEvent returns an EINVALID error for an event no store can hold.
func checkEvent(e attnflow.Event) error {
	if e.Timestamp.Before(minTime) || e.Timestamp.After(maxTime) {
		return attnflow.Errorf(attnflow.EINVALID, "timestamp %s is outside the years 1678-2262", attnflow.FormatTime(e.Timestamp))
	}
	if e.Duration < 0 {
		return attnflow.Errorf(attnflow.EINVALID, "duration %v is negative", e.Duration)
	}
	if e.Timestamp.UnixNano() > math.MaxInt64-int64(e.Duration) {
		return attnflow.Errorf(attnflow.EINVALID, "event at %s lasts past the year 2262", attnflow.FormatTime(e.Timestamp))
	}
	return nil
}

// checkBucket returns an EINVALID error for a bucket attnflow cannot create.
func checkBucket(b attnflow.Bucket) error {
	if err := attnflow.ValidateBucketID(b.ID); err != nil {
		return err
	}
	if b.Type == "" || b.Client == "" {
		return attnflow.Errorf(attnflow.EINVALID, "bucket %q lacks a type or a client", b.ID)
	}
	return nil
}
