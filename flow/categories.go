package flow

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/timeline"
)

// defaultClasses is attnflow's default category set in the format of
// ActivityWatch's "classes" setting, with a focus score per category.
//
//go:embed categories.json
var defaultClasses []byte

// DefaultClassesJSON returns the default category set as ActivityWatch
// "classes" JSON, e.g. to store it as the user's starting setting.
func DefaultClassesJSON() []byte { return append([]byte(nil), defaultClasses...) }

// Class is one entry of ActivityWatch's "classes" setting: a hierarchical
// name, a rule, and data holding an optional colour and focus score.
type Class struct {
	Name []string       `json:"name"`
	Rule map[string]any `json:"rule"`
	Data struct {
		Color string   `json:"color,omitempty"`
		Score *float64 `json:"score,omitempty"`
	} `json:"data"`
}

// Categories classifies activity into hierarchical categories and gives
// each a focus score in [-2, 2]. A category without a score inherits its
// nearest ancestor's; with none it scores 0. Categories is safe for
// concurrent use.
type Categories struct {
	classifier *timeline.Classifier
	scores     map[string]float64
	classes    []Class
}

// CategorySep joins the levels of a category name ("Work > Programming").
const CategorySep = " > "

// Uncategorized is the category of activity no rule matches.
const Uncategorized = "Uncategorized"

// DefaultCategories returns attnflow's built-in category set.
func DefaultCategories() *Categories {
	c, err := ParseClasses(defaultClasses)
	if err != nil {
		panic(fmt.Sprintf("flow: embedded categories.json is invalid: %v", err)) // a build defect
	}
	return c
}

// ParseClasses reads ActivityWatch's "classes" setting (a JSON list of
// {name, rule, data: {score}}). Errors name the entry and are EINVALID.
func ParseClasses(raw []byte) (*Categories, error) {
	var classes []Class
	if err := json.Unmarshal(raw, &classes); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "classes setting is not a list of {name, rule, data}: %v", err)
	}
	rules := make([]timeline.CategoryRule, 0, len(classes))
	scores := make(map[string]float64, len(classes))
	for i, c := range classes {
		if len(c.Name) == 0 {
			return nil, attnflow.Errorf(attnflow.EINVALID, "class %d has an empty name", i)
		}
		rule := timeline.Rule{}
		if c.Rule != nil {
			var err error
			if rule, _, err = timeline.ParseRule(c.Rule); err != nil {
				return nil, attnflow.Errorf(attnflow.EINVALID, "class %q: %v", strings.Join(c.Name, CategorySep), err)
			}
		}
		rules = append(rules, timeline.CategoryRule{Category: c.Name, Rule: rule})
		if s := c.Data.Score; s != nil {
			if *s < -2 || *s > 2 {
				return nil, attnflow.Errorf(attnflow.EINVALID, "class %q: score %v is outside -2..2", strings.Join(c.Name, CategorySep), *s)
			}
			scores[strings.Join(c.Name, CategorySep)] = *s
		}
	}
	return &Categories{classifier: timeline.NewCategorizer(rules), scores: scores, classes: classes}, nil
}

// Classes returns the category definitions.
func (c *Categories) Classes() []Class { return c.classes }

// Score returns the focus score of a category name joined by CategorySep,
// inheriting from the nearest scored ancestor.
func (c *Categories) Score(category string) float64 {
	for name := category; ; {
		if s, ok := c.scores[name]; ok {
			return s
		}
		i := strings.LastIndex(name, CategorySep)
		if i < 0 {
			return 0
		}
		name = name[:i]
	}
}

// categorize sets Category and Score on each segment, classifying the
// segment's string fields with the rules. Each distinct (app, title, url,
// project) is classified once.
func (c *Categories) categorize(segs []Segment) {
	type key struct{ app, title, url, project string }
	index := map[key]int{}
	var events []attnflow.Event
	which := make([]int, len(segs))
	for i, s := range segs {
		k := key{s.App, s.Title, s.URL, s.Project}
		j, ok := index[k]
		if !ok {
			j = len(events)
			index[k] = j
			d := attnflow.Data{"app": s.App, "title": s.Title}
			if s.URL != "" {
				d["url"] = s.URL
			}
			if s.Project != "" {
				d["project"] = s.Project
			}
			events = append(events, attnflow.Event{Data: d})
		}
		which[i] = j
	}
	out := timeline.Categorize(events, c.classifier)
	names := map[string]string{}
	cats := make([]string, len(out))
	scores := make([]float64, len(out))
	for j, e := range out {
		cats[j] = joinCategory(e.Data["$category"], names)
		scores[j] = c.Score(cats[j])
	}
	for i := range segs {
		segs[i].Category, segs[i].Score = cats[which[i]], scores[which[i]]
	}
}

// joinCategory turns a categorize result ([]any of strings) into a name,
// interning equal names.
func joinCategory(v any, names map[string]string) string {
	list, _ := v.([]any)
	parts := make([]string, 0, len(list))
	for _, p := range list {
		if s, ok := p.(string); ok {
			parts = append(parts, s)
		}
	}
	name := strings.Join(parts, CategorySep)
	if name == "" {
		name = Uncategorized
	}
	if n, ok := names[name]; ok {
		return n
	}
	names[name] = name
	return name
}
