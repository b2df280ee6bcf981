package timeline

import (
	"fmt"
	"math"
)

// ParseCategoryRules reads the categorize argument of the query language:
// a list of [category, rule] pairs, category a list of strings and rule an
// object such as {"type": "regex", "regex": "GitHub", "ignore_case": true,
// "select_keys": ["title"], "priority": 30} or {"type": "none"}. Values are
// the Go forms of JSON (lists []any, objects map[string]any, numbers
// float64 or int64).
func ParseCategoryRules(v any) ([]CategoryRule, error) {
	pairs, err := rulePairs(v, "(category, rule)")
	if err != nil {
		return nil, err
	}
	out := make([]CategoryRule, len(pairs))
	for i, p := range pairs {
		names, ok := p[0].([]any)
		if !ok {
			return nil, fmt.Errorf("category %d: name must be a list of strings, got %s", i, TypeName(p[0]))
		}
		cat := make([]string, len(names))
		for j, n := range names {
			if cat[j], ok = n.(string); !ok {
				return nil, fmt.Errorf("category %d: name must be a list of strings, got %s in it", i, TypeName(n))
			}
		}
		rule, prio, err := ParseRule(p[1])
		if err != nil {
			return nil, fmt.Errorf("category %v: %w", cat, err)
		}
		out[i] = CategoryRule{Category: cat, Rule: rule, Priority: prio}
	}
	return out, nil
}

// ParseTagRules reads the tag argument of the query language: a list of
// [tag, rule] pairs with tag a string.
func ParseTagRules(v any) ([]TagRule, error) {
	pairs, err := rulePairs(v, "(tag, rule)")
	if err != nil {
		return nil, err
	}
	out := make([]TagRule, len(pairs))
	for i, p := range pairs {
		tag, ok := p[0].(string)
		if !ok {
			return nil, fmt.Errorf("tag %d: must be a string, got %s", i, TypeName(p[0]))
		}
		rule, _, err := ParseRule(p[1])
		if err != nil {
			return nil, fmt.Errorf("tag %q: %w", tag, err)
		}
		out[i] = TagRule{Tag: tag, Rule: rule}
	}
	return out, nil
}

func rulePairs(v any, what string) ([][]any, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("expected a list of %s pairs, got %s", what, TypeName(v))
	}
	out := make([][]any, len(list))
	for i, item := range list {
		pair, ok := item.([]any)
		if !ok || len(pair) != 2 {
			return nil, fmt.Errorf("expected a list of %s pairs, item %d is %s", what, i, describeItem(item))
		}
		out[i] = pair
	}
	return out, nil
}

func describeItem(v any) string {
	if l, ok := v.([]any); ok {
		return fmt.Sprintf("a list of %d values", len(l))
	}
	return TypeName(v)
}

// ParseRule reads one rule object and its optional integer priority
// ("priority", or "weight" as aw-core also accepts). An empty regex never
// matches (as aw-core; it would otherwise match everything).
func ParseRule(v any) (Rule, *int64, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Rule{}, nil, fmt.Errorf("rule must be an object, got %s", TypeName(v))
	}
	prio, err := parsePriority(obj)
	if err != nil {
		return Rule{}, nil, err
	}
	typ, ok := obj["type"].(string)
	switch {
	case obj["type"] == nil:
		return Rule{}, nil, fmt.Errorf("rule has no type: use {\"type\": \"regex\", \"regex\": ...} or {\"type\": \"none\"}")
	case !ok:
		return Rule{}, nil, fmt.Errorf("rule type must be a string, got %s", TypeName(obj["type"]))
	case typ == "none":
		return Rule{}, prio, nil
	case typ != "regex":
		return Rule{}, nil, fmt.Errorf("unknown rule type %q: use \"regex\" or \"none\"", typ)
	}
	expr, ok := obj["regex"].(string)
	if !ok {
		return Rule{}, nil, fmt.Errorf("regex rule needs a string field \"regex\", got %s", TypeName(obj["regex"]))
	}
	ignoreCase := false
	if ic, present := obj["ignore_case"]; present && ic != nil {
		if ignoreCase, ok = ic.(bool); !ok {
			return Rule{}, nil, fmt.Errorf("ignore_case must be true or false, got %s", TypeName(ic))
		}
	}
	keys, err := parseSelectKeys(obj)
	if err != nil {
		return Rule{}, nil, err
	}
	rule := Rule{SelectKeys: keys}
	if expr != "" {
		if rule.Pattern, err = CompilePattern(expr, ignoreCase); err != nil {
			return Rule{}, nil, fmt.Errorf("regex %q does not compile: %w", expr, err)
		}
	}
	return rule, prio, nil
}

func parseSelectKeys(obj map[string]any) ([]string, error) {
	raw, present := obj["select_keys"]
	if !present || raw == nil {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("select_keys must be a list of strings, got %s", TypeName(raw))
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("select_keys must not be empty: leave it out to search every value")
	}
	keys := make([]string, len(list))
	for i, k := range list {
		if keys[i], ok = k.(string); !ok {
			return nil, fmt.Errorf("select_keys must be a list of strings, got %s in it", TypeName(k))
		}
	}
	return keys, nil
}

func parsePriority(obj map[string]any) (*int64, error) {
	v, ok := obj["priority"]
	if !ok {
		if v, ok = obj["weight"]; !ok {
			return nil, nil
		}
	}
	var p int64
	switch n := v.(type) {
	case int64:
		p = n
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
			return nil, fmt.Errorf("priority must be an integer, got %v", n)
		}
		p = int64(n)
	default:
		return nil, fmt.Errorf("priority must be an integer, got %s", TypeName(v))
	}
	return &p, nil
}

// TypeName names the type of a JSON-like value for error messages.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case int64, int, float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
