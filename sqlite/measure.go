package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
)

// IngestReport is what MeasureIngest measured.
type IngestReport struct {
	Driver        string        // the SQLite driver of this build
	Events        int           // events inserted
	DistinctData  int           // distinct data payloads among them
	Batch         int           // events per InsertEvents call
	Elapsed       time.Duration // time spent inserting
	EventsPerSec  float64
	DiskBytes     int64   // database size after a checkpoint
	BytesPerEvent float64 // DiskBytes / Events
	RSSBytes      int64   // resident set size after ingesting (Linux; 0 elsewhere)
	PeakRSSBytes  int64   // peak resident set size of the process (Linux)
	GoHeapBytes   uint64  // Go heap in use after ingesting
}

// String formats the report for people.
func (r IngestReport) String() string {
	return fmt.Sprintf("driver %s: %d events (%d distinct payloads) in batches of %d: %.0f events/s; "+
		"%.1f MB on disk = %.1f bytes/event; RSS %.1f MB (peak %.1f MB), Go heap %.1f MB",
		r.Driver, r.Events, r.DistinctData, r.Batch, r.EventsPerSec,
		float64(r.DiskBytes)/1e6, r.BytesPerEvent, float64(r.RSSBytes)/1e6, float64(r.PeakRSSBytes)/1e6,
		float64(r.GoHeapBytes)/1e6)
}

// SampleWindowEvent returns the i-th event of a synthetic window-watcher
// stream: about 40-character titles, 30 apps, a new title every 20 events
// (so payloads repeat as they do when one focuses a window for a while),
// events a few seconds long at microsecond timestamps.
func SampleWindowEvent(start time.Time, i int) attnflow.Event {
	apps := [...]string{"firefox", "code", "gnome-terminal", "slack", "thunderbird", "evince"}
	doc := i / 20
	title := fmt.Sprintf("Issue #%d: fix heartbeat merge - %s", doc%50000, apps[doc%len(apps)])
	return attnflow.Event{
		Timestamp: start.Add(time.Duration(i)*7*time.Second + time.Duration(i%997)*time.Microsecond),
		Duration:  time.Duration(3000+i%4000) * time.Millisecond,
		Data:      attnflow.Data{"app": apps[doc%len(apps)] + strconv.Itoa(doc%5), "title": title},
	}
}

// MeasureIngest creates a store in dir, inserts n synthetic window events
// (SampleWindowEvent) through InsertEvents in batches of 1000 and reports
// throughput, disk bytes per event and the process's memory. progress,
// when not nil, is called after each batch with the events done so far.
func MeasureIngest(ctx context.Context, dir string, n int, progress func(done int)) (IngestReport, error) {
	const batch = 1000
	db, err := Open(ctx, filepath.Join(dir, "ingest.db"), nil, Options{})
	if err != nil {
		return IngestReport{}, err
	}
	defer db.Close()
	if err := db.CreateBucket(ctx, attnflow.Bucket{ID: "aw-watcher-window_bench", Type: "currentwindow"}); err != nil {
		return IngestReport{}, err
	}
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	distinct := map[string]struct{}{}
	buf := make([]attnflow.Event, 0, batch)
	var elapsed time.Duration
	for done := 0; done < n; {
		buf = buf[:0]
		for i := done; i < min(done+batch, n); i++ {
			e := SampleWindowEvent(start, i)
			if len(distinct) < 1<<20 {
				distinct[e.Data["title"].(string)+"\x00"+e.Data["app"].(string)] = struct{}{}
			}
			buf = append(buf, e)
		}
		t := time.Now()
		if _, err := db.InsertEvents(ctx, "aw-watcher-window_bench", buf); err != nil {
			return IngestReport{}, fmt.Errorf("measure ingest: %w", err)
		}
		elapsed += time.Since(t)
		done += len(buf)
		if progress != nil {
			progress(done)
		}
	}
	if err := db.Checkpoint(ctx); err != nil {
		return IngestReport{}, fmt.Errorf("measure ingest: %w", err)
	}
	size, err := db.Size(ctx)
	if err != nil {
		return IngestReport{}, err
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rss, peak := readRSS()
	r := IngestReport{
		Driver: DriverName, Events: n, DistinctData: len(distinct), Batch: batch, Elapsed: elapsed,
		DiskBytes: size, RSSBytes: rss, PeakRSSBytes: peak, GoHeapBytes: ms.HeapInuse,
	}
	if n > 0 {
		r.EventsPerSec = float64(n) / elapsed.Seconds()
		r.BytesPerEvent = float64(size) / float64(n)
	}
	return r, nil
}

// readRSS returns the current and peak resident set size from
// /proc/self/status, or zeros where that file does not exist.
func readRSS() (rss, peak int64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		kb, _ := strconv.ParseInt(fields[0], 10, 64)
		switch k {
		case "VmRSS":
			rss = kb * 1024
		case "VmHWM":
			peak = kb * 1024
		}
	}
	return rss, peak
}
