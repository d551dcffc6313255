package rekey

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// A Map is a -map file: the key templates before and after migrate.
type Map struct {
	Rules []Rule `json:"rules"`
}

// A Rule rewrites one attribute from one template to another.
type Rule struct {
	Entity    string `json:"entity"`
	Attribute string `json:"attribute"`
	From      string `json:"from"`
	To        string `json:"to"`
	// Note is for people (plan -rekey-map explains what to fill in).
	Note string `json:"note,omitempty"`

	from, to *pattern
}

// Name identifies a rule in messages and counts: "Invoice.PK".
func (r *Rule) Name() string {
	e := r.Entity
	if e == "" {
		e = "?"
	}
	return e + "." + r.Attribute
}

// CapsuleName is the placeholder filled from the item's capsule attribute.
const CapsuleName = "capsule"

// LoadMap reads and validates a map file.
func LoadMap(path string) (*Map, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := ParseMap(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ParseMap decodes and validates a map.
func ParseMap(data []byte) (*Map, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Map
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if err := m.compile(); err != nil {
		return nil, err
	}
	return &m, nil
}

// compile checks every rule and names the rule that is wrong: an empty
// attribute, a template that cannot match, a placeholder in "to" that no
// rule binds, a "to" whose output the "from" matches again (a second run
// would move the row again).
func (m *Map) compile() error {
	if len(m.Rules) == 0 {
		return fmt.Errorf("map has no rules")
	}
	bound := map[string]bool{CapsuleName: true}
	for i := range m.Rules {
		r := &m.Rules[i]
		where := fmt.Sprintf("rule %d (%s)", i+1, r.Name())
		if strings.TrimSpace(r.Attribute) == "" {
			return fmt.Errorf("%s: empty attribute: fill in the attribute the key is stored in", where)
		}
		var err error
		if r.from, err = compile(r.From); err != nil {
			return fmt.Errorf("%s: \"from\" cannot match: %v", where, err)
		}
		if r.to, err = compile(r.To); err != nil {
			return fmt.Errorf("%s: \"to\": %v", where, err)
		}
		if r.From == r.To {
			return fmt.Errorf("%s: \"from\" and \"to\" are the same template", where)
		}
		for _, n := range r.from.names {
			bound[n] = true
		}
	}
	for i := range m.Rules {
		r := &m.Rules[i]
		where := fmt.Sprintf("rule %d (%s)", i+1, r.Name())
		for _, n := range r.to.names {
			if !bound[n] {
				return fmt.Errorf("%s: unknown placeholder {%s} in \"to\": no \"from\" template binds it (only {%s} comes from the item)", where, n, CapsuleName)
			}
		}
		// Render "to" with distinct sample values: if "from" matches the
		// result, already-moved rows would match again.
		sample := map[string]string{}
		for j, n := range r.to.names {
			sample[n] = fmt.Sprintf("v%d", j)
		}
		if out, _, ok := r.to.render(sample); ok {
			if _, again := r.from.match(out); again {
				return fmt.Errorf("%s: \"from\" %q matches the output of \"to\" %q (%q): a moved row would match again", where, r.From, r.To, out)
			}
		}
	}
	return nil
}
