package timeline

import (
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/attnflow/attnflow"
)

// SplitURL adds $protocol, $domain (without a leading "www."), $path and
// $params (the query string) to events whose data has a string "url" that
// parses as an absolute URL; other events pass unchanged. A URL without a
// host (file:, about:) gets its scheme as domain, as aw-server-rust does.
func SplitURL(events []attnflow.Event) []attnflow.Event {
	return NewURLSplitter()(events)
}

// NewURLSplitter returns SplitURL as a function that keeps its memos
// (parsed URLs, output maps) from call to call, for splitting one long
// list in chunks. It is not safe for concurrent use.
func NewURLSplitter() func([]attnflow.Event) []attnflow.Event {
	return NewURLCache().Splitter()
}

// URLCache remembers how URLs split, for the splitters of many calls (a
// dashboard asks about the same pages again and again). It is safe for
// concurrent use and bounded. Splitters read an immutable snapshot without
// locking and publish the URLs they parsed when a call ends.
type URLCache struct {
	mu   sync.Mutex
	snap atomic.Pointer[map[string][4]string] // url → parts; parts[0] "\x00" when invalid
}

// maxURLCache bounds a URLCache (a few MB: the server keeps one per cached
// program); past it the cache starts afresh.
const maxURLCache = 1 << 15

// NewURLCache returns an empty URLCache.
func NewURLCache() *URLCache {
	c := &URLCache{}
	c.snap.Store(&map[string][4]string{})
	return c
}

// Splitter returns SplitURL as a function that keeps its output maps from
// call to call and takes parsed URLs from c, like NewURLSplitter. It is
// not safe for concurrent use; c is.
func (c *URLCache) Splitter() func([]attnflow.Event) []attnflow.Event {
	return c.newSplitter(false).split
}

// InternedSplitter is Splitter for events whose equal data already share
// one map (see Interner): it remembers outputs by input map only, and
// skips encoding each new map's contents to find an equal one. The events
// of all calls must stay alive while the function is used.
func (c *URLCache) InternedSplitter() func([]attnflow.Event) []attnflow.Event {
	return c.newSplitter(true).split
}

// InternedMapper is InternedSplitter writing into the caller's slice (see
// Classifier.CategorizeInternedMapper).
func (c *URLCache) InternedMapper() Mapper {
	return c.newSplitter(true).splitInto
}

func (c *URLCache) newSplitter(interned bool) *urlSplitter {
	return &urlSplitter{urls: c, known: *c.snap.Load(), fresh: map[string][4]string{}, byData: map[string]attnflow.Data{}, interned: interned}
}

// publish adds fresh to the cache and returns the new snapshot.
func (c *URLCache) publish(fresh map[string][4]string) map[string][4]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.snap.Load()
	next := make(map[string][4]string, len(old)+len(fresh))
	if len(old)+len(fresh) <= maxURLCache {
		for k, v := range old {
			next[k] = v
		}
	}
	for k, v := range fresh {
		next[k] = v
	}
	c.snap.Store(&next)
	return next
}

type urlSplitter struct {
	urls   *URLCache
	known  map[string][4]string     // a snapshot of urls: read only
	fresh  map[string][4]string     // parsed by this splitter, not yet published
	byData map[string]attnflow.Data // equal input data share one output map
	dk     []byte
	// interned: equal inputs share a map already, byData is not used.
	interned bool
	pieces   *addrCache[attnflow.Data]
}

func (s *urlSplitter) split(events []attnflow.Event) []attnflow.Event {
	out := make([]attnflow.Event, len(events))
	s.splitInto(out, events)
	return out
}

// splitInto writes the results for events to dst and publishes the URLs
// parsed. Interned splitters remember outputs by map address from call to
// call (their callers keep the maps alive); others only within a call.
func (s *urlSplitter) splitInto(dst, events []attnflow.Event) {
	mapDataInto(dst, events, s.output, outputCache(&s.pieces, s.interned, len(events)))
	if len(s.fresh) > 0 {
		s.known = s.urls.publish(s.fresh)
		s.fresh = map[string][4]string{}
	}
}

// parts returns the parts of raw, parts[0] "\x00" when it is not a valid
// absolute URL.
func (s *urlSplitter) parts(raw string) [4]string {
	if p, ok := s.known[raw]; ok {
		return p
	}
	if p, ok := s.fresh[raw]; ok {
		return p
	}
	p, valid := splitURL(raw)
	if !valid {
		p[0] = "\x00"
	}
	s.fresh[raw] = p
	return p
}

// output returns the data with the URL split, or in itself when there is
// nothing to add.
func (s *urlSplitter) output(in attnflow.Data) attnflow.Data {
	raw, ok := in["url"].(string)
	if !ok {
		return in
	}
	parts := s.parts(raw)
	if parts[0] == "\x00" || alreadySplit(in, parts) {
		return in
	}
	if !s.interned {
		s.dk = appendMapKey(s.dk[:0], in)
		if d, ok := s.byData[string(s.dk)]; ok {
			return d
		}
	}
	d := cloneData(in, 4)
	d["$protocol"], d["$domain"], d["$path"], d["$params"] = parts[0], parts[1], parts[2], parts[3]
	if !s.interned {
		s.byData[string(s.dk)] = d
	}
	return d
}

// specialSchemes are the WHATWG "special" schemes whose empty path is "/".
var specialSchemes = map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true, "file": true}

// splitURL returns protocol, domain, path and params of raw, following the
// WHATWG URL parser used by aw-server-rust where it matters for typical
// browser URLs.
func splitURL(raw string) ([4]string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" {
		return [4]string{}, false
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	domain := host
	for strings.HasPrefix(domain, "www.") {
		domain = domain[len("www."):]
	}
	if host == "" {
		domain = scheme
	}
	path := u.EscapedPath()
	if u.Opaque != "" {
		path = u.Opaque
	}
	if path == "" && specialSchemes[scheme] {
		path = "/"
	}
	return [4]string{scheme, domain, path, u.RawQuery}, true
}

// alreadySplit reports whether d already holds exactly these parts, as
// when a query splits the same events twice.
func alreadySplit(d attnflow.Data, parts [4]string) bool {
	for i, k := range [4]string{"$protocol", "$domain", "$path", "$params"} {
		if v, ok := d[k].(string); !ok || v != parts[i] {
			return false
		}
	}
	return true
}
