package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/capsulelint/capsulelint/internal/keys"
)

// RekeyRule is a rule of a capsulelint rekey map (the JSON the rekey
// command reads): the attribute a key is stored in and its template
// before and after migrate.
type RekeyRule struct {
	Entity    string `json:"entity"`
	Attribute string `json:"attribute"`
	From      string `json:"from"`
	To        string `json:"to"`
	Note      string `json:"note,omitempty"`
}

// RekeyMap is a rekey map file.
type RekeyMap struct {
	Rules []RekeyRule `json:"rules"`
}

// keyformat's diagnostics quote the key as the code builds it and as
// migrate will rewrite it: key "..." ... (want "...").
var wantRE = regexp.MustCompile(`^key ("(?:[^"\\]|\\.)*") .*\(want ("(?:[^"\\]|\\.)*")\)$`)

// gsitenant's say it of a GSI helper: its key "..." ... building "...").
var helperRE = regexp.MustCompile(`its key ("(?:[^"\\]|\\.)*") .* building ("(?:[^"\\]|\\.)*")\)$`)

// RekeyMap returns one rule per key template migrate will change and
// attribute it is stored in. Placeholders are named after the template's
// arguments (a format's after the label before each verb); the capsule
// value migrate inserts is {capsule}. A key whose attribute the code does
// not show gets "attribute": "" and a note to fill it in.
func (p *Plan) RekeyMap() *RekeyMap {
	m := &RekeyMap{Rules: []RekeyRule{}}
	rules := func(entity, in, pos string, attrs []string, findings []Finding, analyzer string, re *regexp.Regexp) {
		from, to, note := rekeyTemplates(findings, analyzer, re)
		if from == "" {
			return
		}
		if len(attrs) == 0 {
			n := fmt.Sprintf("fill in the attribute: the code does not show where %s (%s) is stored", in, pos)
			if strings.HasSuffix(from, "#") {
				n = fmt.Sprintf("%s (%s) builds a prefix for queries, not a stored key: delete this rule unless rows store it", in, pos)
			}
			m.Rules = append(m.Rules, RekeyRule{Entity: entity, From: from, To: to, Note: join(n, note)})
			return
		}
		for _, a := range attrs {
			m.Rules = append(m.Rules, RekeyRule{Entity: entity, Attribute: a, From: from, To: to, Note: note})
		}
	}
	add := func(entity string, g *Group) {
		for _, k := range g.Keys {
			rules(entity, k.In, k.Pos, k.Attributes, k.Findings, keyformat, wantRE)
		}
		for _, h := range g.GSIHelpers {
			rules(entity, h.Name, h.Pos, h.Attributes, h.Findings, gsitenant, helperRE)
		}
	}
	for _, e := range p.Entities {
		add(e.Name, &e.Group)
	}
	add("", &p.Shared)
	return m
}

func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "; " + b
}

// rekeyTemplates reads a key's templates before and after migrate from
// the analyzer's finding; "" when no finding says both.
func rekeyTemplates(findings []Finding, analyzer string, re *regexp.Regexp) (from, to, note string) {
	for _, f := range findings {
		if f.Analyzer != analyzer {
			continue
		}
		sub := re.FindStringSubmatch(f.Message)
		if sub == nil {
			continue
		}
		old, err1 := strconv.Unquote(sub[1])
		want, err2 := strconv.Unquote(sub[2])
		if err1 != nil || err2 != nil {
			continue
		}
		from, _, ok1 := mapTemplate(old)
		to, capsule, ok2 := mapTemplate(want)
		if !ok1 || !ok2 {
			continue
		}
		if !capsule {
			note = "check {capsule}: the new template has no CAPSULE segment value"
		}
		return from, to, note
	}
	return "", "", ""
}

var identRE = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// mapTemplate turns a key as keyformat renders it — a format string or
// a template with {expr} holes — into a rekey map template: each hole a
// {name}, the value after a CAPSULE label {capsule}. capsule reports
// whether there is one.
func mapTemplate(s string) (out string, capsule, ok bool) {
	var t *keys.Template
	var err error
	format := strings.Contains(s, "%")
	if format {
		t, err = keys.FromFormat(s)
	} else {
		t, err = keys.FromTag(s)
	}
	if err != nil {
		return "", false, false
	}
	var b strings.Builder
	used := map[string]int{}
	prev := ""
	for _, p := range t.Pieces {
		if !p.Hole {
			prev = p.Text
			b.WriteString(strings.NewReplacer("{", "{{", "}", "}}").Replace(p.Text))
			continue
		}
		label := precedingLabel(prev)
		name := label
		if !format {
			if ids := identRE.FindAllString(p.Name, -1); len(ids) > 0 {
				name = ids[len(ids)-1]
			}
		}
		// The tenant and capsule values have one name in every rule, so
		// that a GSI rule binds the tenant of the PK rule.
		switch {
		case label == "capsule":
			name, capsule = "capsule", true
		case label == "tenant":
			name = "tenant"
		case name == "" || name == "capsule" || name == "tenant":
			name = "v"
		}
		name = strings.ToLower(name[:1]) + name[1:]
		if n := used[name]; n > 0 {
			used[name]++
			name = fmt.Sprintf("%s%d", name, n+1)
		} else {
			used[name] = 1
		}
		b.WriteString("{" + name + "}")
		prev = ""
	}
	return b.String(), capsule, true
}

// precedingLabel is the label right before a hole: "INVOICE" in
// "TENANT#%s#INVOICE#".
func precedingLabel(lit string) string {
	lit = strings.TrimSuffix(lit, "#")
	if i := strings.LastIndexByte(lit, '#'); i >= 0 {
		lit = lit[i+1:]
	}
	if !identRE.MatchString(lit) || identRE.FindString(lit) != lit {
		return ""
	}
	return strings.ToLower(lit)
}
