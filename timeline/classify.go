package timeline

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"

	"github.com/attnflow/attnflow"
)

// Rule decides whether an event belongs to a category or carries a tag.
type Rule struct {
	// Pattern is searched for in the event's string values; nil never
	// matches (rule type "none", or an empty regex).
	Pattern Matcher
	// SelectKeys limits the search to these data keys; nil means every
	// string value of the data.
	SelectKeys []string
}

// CategoryRule assigns Category to events matching Rule.
type CategoryRule struct {
	Category []string
	Rule     Rule
	// Priority, when set, ranks the rule instead of the default
	// 10 × len(Category) (deeper categories win).
	Priority *int64
}

// TagRule adds Tag to events matching Rule.
type TagRule struct {
	Tag  string
	Rule Rule
}

// Uncategorized is the category of events no rule matches.
var uncategorized = []any{"Uncategorized"}

// maxMemo bounds the per-classifier memo of distinct string values.
const maxMemo = 1 << 18

// Classifier matches events against an ordered rule set. Each rule's
// pattern runs at most once per distinct (string value) — results are
// memoised as bit sets — so classifying a month of events costs about as
// many regex searches as there are distinct titles. A Classifier is safe
// for concurrent use and meant to be reused across calls with the same
// rules.
type Classifier struct {
	rules  []Rule
	ranked []int // category rules in decreasing rank, ties: later rule first
	cats   [][]any
	tags   []string
	words  int

	mu      sync.Mutex
	byValue map[string][]uint64 // string value → rules whose pattern matches it
	byKey   map[string][]uint64 // data key → rules that read it
}

// NewCategorizer returns a Classifier for categories. Rules with an empty
// category never win.
func NewCategorizer(rules []CategoryRule) *Classifier {
	c := newClassifier(len(rules))
	for i, r := range rules {
		c.rules[i] = r.Rule
		c.cats[i] = stringsAsList(r.Category)
		if len(r.Category) > 0 {
			c.ranked = append(c.ranked, i)
		}
	}
	rank := func(i int) int64 {
		if p := rules[i].Priority; p != nil {
			return *p
		}
		return int64(len(rules[i].Category)) * 10
	}
	slices.SortStableFunc(c.ranked, func(a, b int) int {
		ra, rb := rank(a), rank(b)
		switch {
		case ra != rb && ra > rb:
			return -1
		case ra != rb:
			return 1
		}
		return b - a
	})
	return c
}

// NewTagger returns a Classifier for tags.
func NewTagger(rules []TagRule) *Classifier {
	c := newClassifier(len(rules))
	for i, r := range rules {
		c.rules[i] = r.Rule
		c.tags[i] = r.Tag
	}
	return c
}

func newClassifier(n int) *Classifier {
	return &Classifier{
		rules: make([]Rule, n), cats: make([][]any, n), tags: make([]string, n),
		words:   (n + 63) / 64,
		byValue: map[string][]uint64{}, byKey: map[string][]uint64{},
	}
}

func stringsAsList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// Categorize returns events with data["$category"] set to the category of
// the highest-ranked matching rule (by default the deepest; on a tie the
// later rule), or ["Uncategorized"].
func Categorize(events []attnflow.Event, c *Classifier) []attnflow.Event {
	return c.CategorizeFunc()(events)
}

// Tag returns events with data["$tags"] set to the sorted, distinct tags of
// all matching rules.
func Tag(events []attnflow.Event, c *Classifier) []attnflow.Event {
	return c.TagFunc()(events)
}

// CategorizeFunc returns Categorize as a function that keeps its per-data
// memos from call to call, for categorizing one long list in chunks. The
// function is not safe for concurrent use; the Classifier is.
func (c *Classifier) CategorizeFunc() func([]attnflow.Event) []attnflow.Event {
	return c.categorizeSession(false).apply
}

// CategorizeInternedFunc is CategorizeFunc for events whose equal data
// already share one map (see Interner): it remembers outputs by input map
// only, and skips encoding each new map's contents to find an equal one.
// (Equal data in different maps still get equal outputs, in two maps.)
// The events of all calls must stay alive while the function is used.
func (c *Classifier) CategorizeInternedFunc() func([]attnflow.Event) []attnflow.Event {
	return c.categorizeSession(true).apply
}

func (c *Classifier) categorizeSession(interned bool) *session {
	s := c.newSession("$category", func(set []uint64) any {
		for _, i := range c.ranked {
			if set[i/64]&(1<<(i%64)) != 0 {
				return c.cats[i]
			}
		}
		return uncategorized
	})
	s.interned = interned
	return s
}

// Mapper writes the result of a per-event operation for src[i] to dst[i];
// dst is at least as long as src.
type Mapper func(dst, src []attnflow.Event)

// CategorizeInternedMapper is CategorizeInternedFunc writing into the
// caller's slice, for splitting one list into chunks without copying the
// results again. The events of all calls must stay alive while it is
// used (outputs are remembered by map address); it is not safe for
// concurrent use.
func (c *Classifier) CategorizeInternedMapper() Mapper {
	return c.categorizeSession(true).applyInto
}

// TagInternedMapper is CategorizeInternedMapper for Tag.
func (c *Classifier) TagInternedMapper() Mapper {
	return c.tagSession(true).applyInto
}

// TagFunc is CategorizeFunc for Tag.
func (c *Classifier) TagFunc() func([]attnflow.Event) []attnflow.Event {
	return c.tagSession(false).apply
}

// TagInternedFunc is CategorizeInternedFunc for Tag.
func (c *Classifier) TagInternedFunc() func([]attnflow.Event) []attnflow.Event {
	return c.tagSession(true).apply
}

func (c *Classifier) tagSession(interned bool) *session {
	s := c.newSession("$tags", func(set []uint64) any {
		var tags []string
		for w, word := range set {
			for word != 0 {
				i := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				tags = append(tags, c.tags[i])
			}
		}
		slices.Sort(tags)
		return stringsAsList(slices.Compact(tags))
	})
	s.interned = interned
	return s
}

// session holds the memos of one Categorize or Tag over a list.
type session struct {
	c    *Classifier
	key  string
	pick func([]uint64) any
	set  []uint64
	// Events with equal data get one shared output map: data repeats a lot
	// (same app and title), and maps are never mutated after creation.
	byData     map[string]attnflow.Data
	results    map[string]any // memo of pick per match set
	dk, setKey []byte
	interned   bool // equal inputs share a map: byData is not used
	pieces     *addrCache[attnflow.Data]
}

func (c *Classifier) newSession(key string, pick func([]uint64) any) *session {
	return &session{c: c, key: key, pick: pick, set: make([]uint64, c.words),
		byData: map[string]attnflow.Data{}, results: map[string]any{}}
}

func (s *session) apply(events []attnflow.Event) []attnflow.Event {
	out := make([]attnflow.Event, len(events))
	s.applyInto(out, events)
	return out
}

// applyInto writes the results for events to dst. Interned sessions
// remember outputs by map address from call to call (their callers keep
// the maps alive); others only within a call, and by content across.
func (s *session) applyInto(dst, events []attnflow.Event) {
	mapDataInto(dst, events, s.output, outputCache(&s.pieces, s.interned, len(events)))
}

// outputCache returns the cache of outputs by input map for a call over n
// events: *kept, made and kept on first use when the inputs are interned
// (their callers keep the maps alive, so addresses name them from call to
// call), else a fresh one for this call only.
func outputCache(kept **addrCache[attnflow.Data], interned bool, n int) *addrCache[attnflow.Data] {
	if *kept != nil {
		return *kept
	}
	c := newAddrCache[attnflow.Data](n)
	if interned {
		*kept = c
	}
	return c
}

// output returns the shared output map for input data.
func (s *session) output(in attnflow.Data) attnflow.Data {
	if !s.interned {
		s.dk = appendMapKey(s.dk[:0], in)
		if d, ok := s.byData[string(s.dk)]; ok {
			return d
		}
	}
	s.c.matchSet(in, s.set)
	s.setKey = s.setKey[:0]
	for _, w := range s.set {
		s.setKey = binary.LittleEndian.AppendUint64(s.setKey, w)
	}
	v, ok := s.results[string(s.setKey)]
	if !ok {
		v = s.pick(s.set)
		s.results[string(s.setKey)] = v
	}
	d := cloneData(in, 1)
	d[s.key] = v
	if !s.interned {
		s.byData[string(s.dk)] = d
	}
	return d
}

// matchSet fills set with the rules matching data.
func (c *Classifier) matchSet(data attnflow.Data, set []uint64) {
	clear(set)
	if len(c.rules) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range data {
		s, ok := v.(string)
		if !ok {
			continue
		}
		keyMask := c.keyMask(k)
		if keyMask == nil {
			continue
		}
		valMask := c.valueMask(s)
		for w := range set {
			set[w] |= keyMask[w] & valMask[w]
		}
	}
}

// keyMask returns the rules that read data key k, nil if none.
func (c *Classifier) keyMask(k string) []uint64 {
	if m, ok := c.byKey[k]; ok {
		return m
	}
	m := make([]uint64, c.words)
	found := false
	for i, r := range c.rules {
		if r.Pattern == nil {
			continue
		}
		if r.SelectKeys == nil || slices.Contains(r.SelectKeys, k) {
			m[i/64] |= 1 << (i % 64)
			found = true
		}
	}
	if !found {
		m = nil
	}
	c.byKey[k] = m
	return m
}

// valueMask returns the rules whose pattern is found in s.
func (c *Classifier) valueMask(s string) []uint64 {
	if m, ok := c.byValue[s]; ok {
		return m
	}
	m := make([]uint64, c.words)
	var low lowered
	for i, r := range c.rules {
		if r.Pattern != nil && matchWith(r.Pattern, s, &low) {
			m[i/64] |= 1 << (i % 64)
		}
	}
	if len(c.byValue) >= maxMemo {
		clear(c.byValue)
	}
	c.byValue[s] = m
	return m
}
