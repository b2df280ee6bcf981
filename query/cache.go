package query

import (
	"encoding/json"
	"sync"

	"github.com/attnflow/attnflow/timeline"
)

// maxCached bounds each of the program cache's maps; past it the map is
// emptied (queries use a handful of distinct patterns and rule sets).
const maxCached = 64

// cache holds compiled regexes and rule classifiers shared by the runs of
// one Program, so that a dashboard refreshing the same query reuses the
// per-value memo of every category rule.
type cache struct {
	mu          sync.Mutex
	patterns    map[string]patternResult
	classifiers map[string]classifierResult
	urls        *timeline.URLCache // split_url_events' parsed URLs
}

type patternResult struct {
	m   timeline.Matcher
	err error
}

type classifierResult struct {
	c   *timeline.Classifier
	err error
}

func newCache() *cache {
	return &cache{patterns: map[string]patternResult{}, classifiers: map[string]classifierResult{}, urls: timeline.NewURLCache()}
}

// pattern compiles a regex once.
func (c *cache) pattern(expr string) (timeline.Matcher, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.patterns[expr]; ok {
		return p.m, p.err
	}
	m, err := timeline.CompilePattern(expr, false)
	if len(c.patterns) >= maxCached {
		clear(c.patterns)
	}
	c.patterns[expr] = patternResult{m, err}
	return m, err
}

// classifier builds the categorizer or tagger for a rules value once per
// distinct rule set.
func (c *cache) classifier(kind string, rules any) (*timeline.Classifier, error) {
	b, err := json.Marshal(exportValue(rules))
	if err != nil {
		return build(kind, rules)
	}
	key := kind + string(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.classifiers[key]; ok {
		return r.c, r.err
	}
	cl, err := build(kind, rules)
	if len(c.classifiers) >= maxCached {
		clear(c.classifiers)
	}
	c.classifiers[key] = classifierResult{cl, err}
	return cl, err
}

func build(kind string, rules any) (*timeline.Classifier, error) {
	rules = normaliseRules(rules)
	if kind == "tag" {
		r, err := timeline.ParseTagRules(rules)
		if err != nil {
			return nil, err
		}
		return timeline.NewTagger(r), nil
	}
	r, err := timeline.ParseCategoryRules(rules)
	if err != nil {
		return nil, err
	}
	return timeline.NewCategorizer(r), nil
}

// normaliseRules turns event lists inside a rules value into plain lists
// so that timeline's parser sees only JSON shapes.
func normaliseRules(v any) any {
	switch x := v.(type) {
	case eventList:
		l, _ := asList(x)
		return l
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normaliseRules(e)
		}
		return out
	}
	return v
}
