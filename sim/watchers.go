package sim

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
)

// afkTimeout is aw-watcher-afk's default: AFK after 3 min without input.
const afkTimeout = 3 * time.Minute

// inputBin is the input watcher's bin length.
const inputBin = 5 * time.Second

// videoApps are visits where the person watches rather than acts.
var videoApps = regexp.MustCompile(`(?i)youtube|netflix|twitch|vlc|mpv|panopto|lecture recording|zoom|teams|meet`)

// watchers turns true visits into the events the ActivityWatch watchers
// would have sent.
type watchers struct {
	p      Persona
	host   string
	rng    *rand.Rand
	events map[string][]attnflow.Event
	hasWeb bool
	hasEd  bool
	video  map[string]bool
}

// isVideo reports (memoised) whether s names a video or call.
func (w *watchers) isVideo(s string) bool {
	v, ok := w.video[s]
	if !ok {
		v = videoApps.MatchString(s)
		w.video[s] = v
	}
	return v
}

func newWatchers(p Persona, seed uint64) *watchers {
	return &watchers{p: p, host: p.Host, rng: rand.New(rand.NewPCG(seed, 0xA11CE)), events: map[string][]attnflow.Event{}, video: map[string]bool{}}
}

func (w *watchers) add(bucket string, a, b time.Time, d attnflow.Data) {
	w.events[bucket] = append(w.events[bucket], attnflow.Event{Timestamp: a.UTC(), Duration: b.Sub(a), Data: d})
}

// emit writes window, web, editor and input events for the visits, and
// AFK events derived from the input as aw-watcher-afk does. The window
// watcher keeps reporting the last window while the person is away.
func (w *watchers) emit(visits []Visit, r attnflow.TimeRange) {
	var inputTimes []span
	for i, v := range visits {
		end := v.End
		if i+1 < len(visits) && visits[i+1].Start.Sub(v.End) < 8*time.Hour {
			end = visits[i+1].Start // the window stays focused while away
		}
		title := v.Title
		if v.App.Browser {
			title = v.Title + " — " + v.App.App
		}
		w.add(WindowBucket(w.host), v.Start, end, attnflow.Data{"app": v.App.App, "title": title})
		if v.App.Browser {
			w.hasWeb = true
			url := v.App.URL + "/" + slug(v.Title)
			w.add(WebBucket(w.host), v.Start, v.End, attnflow.Data{"url": url, "title": v.Title,
				"audible": w.isVideo(v.App.App + " " + v.Title + " " + url), "incognito": false, "tabCount": 7.0})
		}
		if v.App.Editor != "" {
			w.hasEd = true
			w.add(EditorBucket(w.host), v.Start, v.End, attnflow.Data{"project": v.App.Editor, "file": v.Title, "language": "go"})
		}
		inputTimes = append(inputTimes, w.input(v)...)
	}
	w.afk(inputTimes, r)
}

type span struct{ a, b time.Time }

// input emits 5-s input bins for a visit and returns their spans.
func (w *watchers) input(v Visit) []span {
	keys, clicks := w.rates(v)
	video := w.isVideo(v.App.App + " " + v.Title)
	// While reading, people sometimes touch nothing for a while; a pause
	// longer than the AFK timeout makes the AFK watcher (wrongly) report
	// them away, as it does in real data.
	var pause span
	if !v.App.Typing && w.rng.Float64() < 0.3 {
		at := v.Start.Add(time.Duration(w.rng.Float64() * float64(v.End.Sub(v.Start))))
		pause = span{at, at.Add(time.Duration(60 * math.Exp(0.9*w.rng.NormFloat64()) * float64(time.Second)))}
	}
	var out []span
	for t := v.Start; t.Before(v.End); t = t.Add(inputBin) {
		if !t.Before(pause.a) && t.Before(pause.b) {
			continue
		}
		e := minT(t.Add(inputBin), v.End)
		f := e.Sub(t).Minutes()
		pr, cl := poisson(w.rng, keys*f), poisson(w.rng, clicks*f)
		moveP := 0.55
		if video {
			moveP = 0.01
		}
		var dx, dy, sy float64
		if cl > 0 || w.rng.Float64() < moveP {
			dx, dy = math.Abs(w.rng.NormFloat64()*180), math.Abs(w.rng.NormFloat64()*120)
		}
		if !v.App.Typing && !video && w.rng.Float64() < 0.35 {
			sy = math.Abs(w.rng.NormFloat64() * 400)
		}
		if pr == 0 && cl == 0 && dx == 0 && sy == 0 {
			continue
		}
		w.add(InputBucket(w.host), t, e, attnflow.Data{"presses": float64(pr), "clicks": float64(cl),
			"deltaX": math.Round(dx), "deltaY": math.Round(dy), "scrollX": 0.0, "scrollY": math.Round(sy)})
		out = append(out, span{t, e})
	}
	return out
}

// rates returns keys and clicks per minute for a visit.
func (w *watchers) rates(v Visit) (float64, float64) {
	k, c := w.p.KeysPerMin, w.p.ClicksPerMin
	var keys, clicks float64
	switch v.State {
	case DeepFocus:
		keys, clicks = k.Deep, c.Deep
	case Focused:
		keys, clicks = k.Focus, c.Focus
	case Meeting:
		keys, clicks = k.Shallow/20, c.Shallow/20
	default:
		keys, clicks = k.Shallow, c.Shallow
	}
	if !v.App.Typing {
		keys /= 10
	}
	return keys, clicks
}

// afk writes not-afk spans where inputs are less than the timeout apart
// and afk spans in between, as aw-watcher-afk reports them (an AFK period
// starts at the last input).
func (w *watchers) afk(in []span, r attnflow.TimeRange) {
	b := AFKBucket(w.host)
	cur := r.Start
	for i := 0; i < len(in); {
		j := i
		for j+1 < len(in) && in[j+1].a.Sub(in[j].b) < afkTimeout {
			j++
		}
		if in[i].a.After(cur) {
			w.add(b, cur, in[i].a, attnflow.Data{"status": "afk"})
		}
		w.add(b, in[i].a, in[j].b, attnflow.Data{"status": "not-afk"})
		cur = in[j].b
		i = j + 1
	}
	if cur.Before(r.End) {
		w.add(b, cur, r.End, attnflow.Data{"status": "afk"})
	}
}

// buckets returns the buckets the watchers would have created.
func (w *watchers) buckets(created time.Time) []attnflow.Bucket {
	mk := func(id, typ, client string) attnflow.Bucket {
		return attnflow.Bucket{ID: id, Type: typ, Client: client, Hostname: w.host, Created: created}
	}
	out := []attnflow.Bucket{
		mk(WindowBucket(w.host), "currentwindow", "aw-watcher-window"),
		mk(AFKBucket(w.host), "afkstatus", "aw-watcher-afk"),
		mk(InputBucket(w.host), "os.hid.input", "aw-watcher-input"),
	}
	if w.hasWeb {
		out = append(out, mk(WebBucket(w.host), "web.tab.current", "aw-client-web"))
	}
	if w.hasEd {
		out = append(out, mk(EditorBucket(w.host), "app.editor.activity", "aw-watcher-vscode"))
	}
	return out
}

func slug(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, s)
}
