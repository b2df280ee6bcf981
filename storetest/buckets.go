package storetest

import (
	"testing"
	"time"

	"github.com/attnflow/attnflow"
)

var bucketTests = []test{
	{"CreateAndGet", testCreateAndGet},
	{"CreatedDefaultsToNow", testCreatedDefaultsToNow},
	{"CreateConflict", testCreateConflict},
	{"CreateInvalidID", testCreateInvalidID},
	{"Missing", testBucketMissing},
	{"ListOrderedByID", testBucketsOrdered},
	{"DeleteRemovesEvents", testDeleteBucket},
	{"FirstLast", testFirstLast},
}

func testCreateAndGet(t *testing.T, s attnflow.Store) {
	want := attnflow.Bucket{
		ID: "aw-watcher-window_laptop", Name: "window", Type: "currentwindow",
		Client: "aw-watcher-window", Hostname: "laptop", Created: t0.Add(123 * time.Millisecond),
		Data: attnflow.Data{"note": "ünïcode ✓", "n": 1.0},
	}
	if err := s.CreateBucket(ctx(t), want); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	got, err := s.Bucket(ctx(t), want.ID)
	if err != nil {
		t.Fatalf("Bucket: %v", err)
	}
	if got.ID != want.ID || got.Name != want.Name || got.Type != want.Type || got.Client != want.Client ||
		got.Hostname != want.Hostname || !got.Created.Equal(want.Created) || !got.Data.Equal(want.Data) {
		t.Fatalf("Bucket:\n got  %+v\n want %+v", got, want)
	}
	if !got.First.IsZero() || !got.Last.IsZero() {
		t.Fatalf("empty bucket: got First %v Last %v, want both zero", got.First, got.Last)
	}
	n := count(t, s, want.ID, attnflow.TimeRange{})
	if n != 0 {
		t.Fatalf("CountEvents of a new bucket = %d, want 0", n)
	}
	if got := events(t, s, want.ID, all); len(got) != 0 {
		t.Fatalf("Events of a new bucket = %s, want none", fmtEvents(got))
	}
}

func testCreatedDefaultsToNow(t *testing.T, s attnflow.Store) {
	before := time.Now().Add(-time.Second)
	createBucket(t, s, "b")
	after := time.Now().Add(time.Second)
	got, err := s.Bucket(ctx(t), "b")
	if err != nil {
		t.Fatalf("Bucket: %v", err)
	}
	if got.Created.Before(before) || got.Created.After(after) {
		t.Fatalf("Created = %v, want between %v and %v", got.Created, before, after)
	}
}

func testCreateConflict(t *testing.T, s attnflow.Store) {
	if err := s.CreateBucket(ctx(t), attnflow.Bucket{ID: "b", Type: "first"}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	err := s.CreateBucket(ctx(t), attnflow.Bucket{ID: "b", Type: "second"})
	wantCode(t, "CreateBucket of an existing id", err, attnflow.ECONFLICT)
	got, err := s.Bucket(ctx(t), "b")
	if err != nil {
		t.Fatalf("Bucket: %v", err)
	}
	if got.Type != "first" {
		t.Fatalf("after a conflicting create, Type = %q, want the original %q", got.Type, "first")
	}
}

func testCreateInvalidID(t *testing.T, s attnflow.Store) {
	for _, id := range []string{"", "a/b", "tab\there"} {
		err := s.CreateBucket(ctx(t), attnflow.Bucket{ID: id})
		wantCode(t, "CreateBucket("+id+")", err, attnflow.EINVALID)
	}
	bs, err := s.Buckets(ctx(t))
	if err != nil {
		t.Fatalf("Buckets: %v", err)
	}
	if len(bs) != 0 {
		t.Fatalf("after invalid creates, Buckets has %d buckets, want 0", len(bs))
	}
}

func testBucketMissing(t *testing.T, s attnflow.Store) {
	c := ctx(t)
	const id = "nope"
	_, err := s.Bucket(c, id)
	wantCode(t, "Bucket", err, attnflow.ENOTFOUND)
	wantCode(t, "DeleteBucket", s.DeleteBucket(c, id), attnflow.ENOTFOUND)
	_, err = s.Events(c, id, all)
	wantCode(t, "Events", err, attnflow.ENOTFOUND)
	_, err = s.Event(c, id, 1)
	wantCode(t, "Event", err, attnflow.ENOTFOUND)
	_, err = s.CountEvents(c, id, attnflow.TimeRange{})
	wantCode(t, "CountEvents", err, attnflow.ENOTFOUND)
	_, err = s.InsertEvents(c, id, []attnflow.Event{ev(0, 1, app("a"))})
	wantCode(t, "InsertEvents", err, attnflow.ENOTFOUND)
	_, err = s.ImportEvents(c, id, []attnflow.Event{ev(0, 1, app("a"))})
	wantCode(t, "ImportEvents", err, attnflow.ENOTFOUND)
	wantCode(t, "DeleteEvent", s.DeleteEvent(c, id, 1), attnflow.ENOTFOUND)
	_, err = s.Heartbeat(c, id, ev(0, 0, app("a")), time.Second)
	wantCode(t, "Heartbeat", err, attnflow.ENOTFOUND)
}

func testBucketsOrdered(t *testing.T, s attnflow.Store) {
	bs, err := s.Buckets(ctx(t))
	if err != nil {
		t.Fatalf("Buckets of an empty store: %v", err)
	}
	if len(bs) != 0 {
		t.Fatalf("Buckets of an empty store has %d, want 0", len(bs))
	}
	for _, id := range []string{"c", "a", "b"} {
		createBucket(t, s, id)
	}
	insert(t, s, "b", ev(0, 5, app("x")))
	bs, err = s.Buckets(ctx(t))
	if err != nil {
		t.Fatalf("Buckets: %v", err)
	}
	var ids []string
	for _, b := range bs {
		ids = append(ids, b.ID)
	}
	if len(ids) != 3 || ids[0] != "a" || ids[1] != "b" || ids[2] != "c" {
		t.Fatalf("Buckets ids = %v, want [a b c]", ids)
	}
	if !bs[1].First.Equal(at(0)) || !bs[1].Last.Equal(at(5)) {
		t.Fatalf("Buckets: b First/Last = %v/%v, want %v/%v", bs[1].First, bs[1].Last, at(0), at(5))
	}
	if !bs[0].First.IsZero() || !bs[0].Last.IsZero() {
		t.Fatalf("Buckets: empty a has First/Last %v/%v, want zero", bs[0].First, bs[0].Last)
	}
}

func testDeleteBucket(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "gone")
	createBucket(t, s, "kept")
	insert(t, s, "gone", ev(0, 1, app("a")), ev(2, 1, app("b")))
	kept := insert(t, s, "kept", ev(0, 1, app("a")))
	if err := s.DeleteBucket(ctx(t), "gone"); err != nil {
		t.Fatalf("DeleteBucket: %v", err)
	}
	_, err := s.Bucket(ctx(t), "gone")
	wantCode(t, "Bucket after delete", err, attnflow.ENOTFOUND)
	_, err = s.Events(ctx(t), "gone", all)
	wantCode(t, "Events after delete", err, attnflow.ENOTFOUND)
	createBucket(t, s, "gone")
	if got := events(t, s, "gone", all); len(got) != 0 {
		t.Fatalf("recreated bucket has events %s, want none", fmtEvents(got))
	}
	wantEvents(t, "other bucket's events", events(t, s, "kept", all), kept)
}

func testFirstLast(t *testing.T, s attnflow.Store) {
	createBucket(t, s, "b")
	insert(t, s, "b", ev(100, 10, app("a")), ev(-50, 5, app("b")), ev(30, 20, app("c")))
	b, err := s.Bucket(ctx(t), "b")
	if err != nil {
		t.Fatalf("Bucket: %v", err)
	}
	if !b.First.Equal(at(-50)) || !b.Last.Equal(at(110)) {
		t.Fatalf("First/Last = %v/%v, want %v/%v", b.First, b.Last, at(-50), at(110))
	}
	heartbeat(t, s, "b", ev(112, 3, app("a")), sec(5))
	b, err = s.Bucket(ctx(t), "b")
	if err != nil {
		t.Fatalf("Bucket: %v", err)
	}
	if !b.Last.Equal(at(115)) {
		t.Fatalf("after a merging heartbeat, Last = %v, want %v", b.Last, at(115))
	}
}
