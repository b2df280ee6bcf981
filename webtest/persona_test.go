package webtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/attnflow/attnflow"
)

// The persona is a developer with a regular office day: e-mail and chat at
// nine, two deep-work blocks (09:25–11:35 and 13:00–14:50) with short
// interruptions, a meeting, lunch and an afternoon break, then shallow work
// until 17:30. Weekends sometimes have an hour of videos and social media.
// Everything is deterministic in the day, so a test can name what a given
// day must show.

const (
	host      = "ada-laptop"
	winBucket = "aw-watcher-window_" + host
	afkBucket = "aw-watcher-afk_" + host
	inBucket  = "aw-watcher-input_" + host
)

// window is one focused-window choice with its input intensity (inputs/min).
type window struct {
	app, title string
	intensity  float64
}

var (
	deepWork = []window{
		{"Code", "server.go — attnflow — Visual Studio Code", 90},
		{"Code", "flow.go — attnflow — Visual Studio Code", 85},
		{"xterm", "go test ./... — xterm", 40},
		{"firefox", "net/http - Go Packages — Mozilla Firefox", 25},
		{"firefox", "GitHub · attnflow/attnflow — Mozilla Firefox", 30},
	}
	interruptions = []window{
		{"Slack", "Slack | #general | attnflow", 35},
		{"firefox", "YouTube — Mozilla Firefox", 3},
		{"firefox", "Twitter / X — Mozilla Firefox", 15},
		{"Thunderbird", "Inbox - Thunderbird", 30},
	}
	shallow = []window{
		{"Slack", "Slack | #team | attnflow", 45},
		{"Thunderbird", "Inbox - Thunderbird", 40},
		{"firefox", "Q3 report - Google Docs — Mozilla Firefox", 70},
		{"firefox", "reddit: the front page of the internet — Mozilla Firefox", 12},
		{"firefox", "Jira · Sprint board — Mozilla Firefox", 30},
	}
	meeting = []window{{"zoom", "Zoom Meeting", 5}}
	leisure = []window{
		{"firefox", "YouTube — Mozilla Firefox", 2},
		{"firefox", "reddit: the front page of the internet — Mozilla Firefox", 10},
		{"firefox", "Bilibili 哔哩哔哩 — Mozilla Firefox", 2},
	}
)

// block is a stretch of the day spent in one mode.
type block struct {
	from, to   time.Duration // since local midnight
	pool       []window
	distractor []window // occasional short interruptions (nil for none)
	minEp      time.Duration
	maxEp      time.Duration
}

func hm(h, m int) time.Duration { return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute }

func workday() []block {
	return []block{
		{hm(9, 0), hm(9, 25), shallow[:2], nil, time.Minute, 5 * time.Minute},
		{hm(9, 25), hm(11, 35), deepWork, interruptions, 3 * time.Minute, 14 * time.Minute},
		{hm(11, 35), hm(12, 0), meeting, nil, 25 * time.Minute, 25 * time.Minute},
		{hm(13, 0), hm(14, 50), deepWork, interruptions, 3 * time.Minute, 14 * time.Minute},
		{hm(15, 5), hm(17, 30), shallow, nil, 2 * time.Minute, 9 * time.Minute},
	}
}

// dayData holds one simulated day's events per bucket.
type dayData struct {
	win, afk, input []attnflow.Event
}

// simulateDay produces the events of the local day starting at midnight.
func simulateDay(midnight time.Time) dayData {
	seed := uint64(midnight.Unix())
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var blocks []block
	switch wd := midnight.Weekday(); {
	case wd == time.Saturday || wd == time.Sunday:
		if rng.Float64() < 0.5 {
			blocks = []block{{hm(20, 0), hm(21, 0), leisure, nil, 4 * time.Minute, 15 * time.Minute}}
		}
	default:
		blocks = workday()
	}
	var d dayData
	var prevEnd time.Time = midnight
	for _, b := range blocks {
		start, end := midnight.Add(b.from), midnight.Add(b.to)
		if start.After(prevEnd) {
			d.afk = append(d.afk, ev(prevEnd, start.Sub(prevEnd), attnflow.Data{"status": "afk"}))
		}
		d.afk = append(d.afk, ev(start, end.Sub(start), attnflow.Data{"status": "not-afk"}))
		prevEnd = end
		for t := start; t.Before(end); {
			w := b.pool[rng.IntN(len(b.pool))]
			dur := b.minEp + time.Duration(rng.Int64N(int64(b.maxEp-b.minEp)+1))
			if b.distractor != nil && t.After(start) && rng.Float64() < 0.3 {
				w = b.distractor[rng.IntN(len(b.distractor))]
				dur = 40*time.Second + time.Duration(rng.Int64N(int64(100*time.Second)))
			}
			dur = dur.Truncate(time.Second)
			if t.Add(dur).After(end) {
				dur = end.Sub(t)
			}
			d.win = append(d.win, ev(t, dur, attnflow.Data{"app": w.app, "title": w.title}))
			d.input = append(d.input, inputBins(rng, t, dur, w.intensity)...)
			t = t.Add(dur)
		}
	}
	dayEnd := midnight.Add(24 * time.Hour)
	if prevEnd.Before(dayEnd) && len(blocks) > 0 {
		d.afk = append(d.afk, ev(prevEnd, dayEnd.Sub(prevEnd), attnflow.Data{"status": "afk"}))
	}
	return d
}

// inputBins makes one input event per started minute with input counts.
func inputBins(rng *rand.Rand, start time.Time, dur time.Duration, perMin float64) []attnflow.Event {
	var out []attnflow.Event
	for t := start; t.Before(start.Add(dur)); t = t.Add(time.Minute) {
		n := min(time.Minute, start.Add(dur).Sub(t))
		k := perMin * n.Minutes() * (0.6 + 0.8*rng.Float64())
		out = append(out, ev(t, n, attnflow.Data{"presses": int(k * 0.8), "clicks": int(k * 0.2)}))
	}
	return out
}

func ev(t time.Time, d time.Duration, data attnflow.Data) attnflow.Event {
	return attnflow.Event{Timestamp: t.UTC(), Duration: d, Data: data}
}

// fill creates the persona's buckets and stores the given number of days of
// events, ending with the day before today (UTC midnights).
func fill(ctx context.Context, st attnflow.Store, today time.Time, days int) (events int, err error) {
	for _, b := range []attnflow.Bucket{
		{ID: winBucket, Type: "currentwindow", Client: "aw-watcher-window", Hostname: host},
		{ID: afkBucket, Type: "afkstatus", Client: "aw-watcher-afk", Hostname: host},
		{ID: inBucket, Type: "os.hid.input", Client: "attnflow", Hostname: host},
	} {
		b.Created = today.AddDate(0, 0, -days)
		if err := st.CreateBucket(ctx, b); err != nil {
			return 0, fmt.Errorf("create bucket %s: %w", b.ID, err)
		}
	}
	for i := days; i >= 1; i-- {
		d := simulateDay(today.AddDate(0, 0, -i))
		for _, p := range []struct {
			id string
			ev []attnflow.Event
		}{{winBucket, d.win}, {afkBucket, d.afk}, {inBucket, d.input}} {
			if len(p.ev) == 0 {
				continue
			}
			if _, err := st.InsertEvents(ctx, p.id, p.ev); err != nil {
				return events, fmt.Errorf("insert into %s: %w", p.id, err)
			}
			events += len(p.ev)
		}
	}
	return events, nil
}
