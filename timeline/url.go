package timeline

import (
	"net/url"
	"strings"

	"github.com/attnflow/attnflow"
)

// SplitURL adds $protocol, $domain (without a leading "www."), $path and
// $params (the query string) to events whose data has a string "url" that
// parses as an absolute URL; other events pass unchanged. A URL without a
// host (file:, about:) gets its scheme as domain, as aw-server-rust does.
func SplitURL(events []attnflow.Event) []attnflow.Event {
	out := make([]attnflow.Event, len(events))
	cache := map[string][4]string{}
	// Equal input data share one output map.
	byData := make(map[string]attnflow.Data, min(len(events)/8, 1<<16))
	var dk []byte
	pieces := newPieceCache(len(events))
	for i, e := range events {
		out[i] = e
		d, id, ok := pieces.get(e.Data)
		if ok {
			out[i].Data = d
			continue
		}
		pieces.put(id, e.Data)
		raw, ok := e.Data["url"].(string)
		if !ok {
			continue
		}
		parts, seen := cache[raw]
		if !seen {
			var valid bool
			parts, valid = splitURL(raw)
			if !valid {
				parts[0] = "\x00"
			}
			cache[raw] = parts
		}
		if parts[0] == "\x00" || alreadySplit(e.Data, parts) {
			continue
		}
		dk = appendMapKey(dk[:0], e.Data)
		d, ok = byData[string(dk)]
		if !ok {
			d = cloneData(e.Data, 4)
			d["$protocol"], d["$domain"], d["$path"], d["$params"] = parts[0], parts[1], parts[2], parts[3]
			byData[string(dk)] = d
		}
		pieces.put(id, d)
		out[i].Data = d
	}
	return out
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
