package rekey

import (
	"maps"
	"strings"
	"testing"
)

func TestBadMapsNameTheRule(t *testing.T) {
	ok := `{"entity": "Invoice", "attribute": "PK", "from": "TENANT#{tenant}#INVOICE#{id}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#INVOICE#{id}"}`
	for _, tc := range []struct{ name, rule, want string }{
		{"unknown placeholder", `{"entity": "Order", "attribute": "GSI1PK", "from": "STATUS#{status}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#STATUS#{state}"}`,
			`rule 2 (Order.GSI1PK): unknown placeholder {state} in "to"`},
		{"empty attribute", `{"entity": "Order", "attribute": "", "from": "ORDER#{id}", "to": "CAPSULE#{capsule}#ORDER#{id}"}`,
			`rule 2 (Order.): empty attribute`},
		{"blank attribute", `{"entity": "Order", "attribute": "  ", "from": "ORDER#{id}", "to": "CAPSULE#{capsule}#ORDER#{id}"}`,
			`rule 2 (Order.  ): empty attribute`},
		{"unclosed brace", `{"entity": "Order", "attribute": "SK", "from": "ORDER#{id", "to": "CAPSULE#{capsule}#ORDER#{id}"}`,
			`rule 2 (Order.SK): "from" cannot match: tag template "ORDER#{id": unclosed '{'`},
		{"adjacent placeholders", `{"entity": "Order", "attribute": "SK", "from": "ORDER#{a}{b}", "to": "CAPSULE#{capsule}#ORDER#{a}{b}"}`,
			`rule 2 (Order.SK): "from" cannot match: template "ORDER#{a}{b}": placeholders {a} and {b} are adjacent`},
		{"empty from", `{"entity": "Order", "attribute": "SK", "from": "", "to": "CAPSULE#{capsule}"}`,
			`rule 2 (Order.SK): "from" cannot match: empty template`},
		{"empty placeholder", `{"entity": "Order", "attribute": "SK", "from": "ORDER#{}", "to": "CAPSULE#{capsule}"}`,
			`rule 2 (Order.SK): "from" cannot match: template "ORDER#{}": placeholder {} is not a name`},
		{"matches its own output", `{"entity": "Order", "attribute": "SK", "from": "ORDER{id}", "to": "ORDER{id}-{capsule}"}`,
			`rule 2 (Order.SK): "from" "ORDER{id}" matches the output of "to"`},
		{"same template", `{"entity": "Order", "attribute": "SK", "from": "ORDER#{id}", "to": "ORDER#{id}"}`,
			`rule 2 (Order.SK): "from" and "to" are the same template`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseMap([]byte(`{"rules": [` + ok + `, ` + tc.rule + `]}`))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := ParseMap([]byte(`{"rules": [` + ok + `]}`)); err != nil {
		t.Errorf("good map rejected: %v", err)
	}
	if _, err := ParseMap([]byte(`{"rules": []}`)); err == nil {
		t.Error("empty map accepted")
	}
	if _, err := ParseMap([]byte(`{"rules": [` + ok + `], "rulez": 1}`)); err == nil {
		t.Error("unknown field accepted")
	}
}

func TestPatternMatch(t *testing.T) {
	for _, tc := range []struct {
		tmpl, in string
		want     map[string]string // nil: no match
	}{
		{"TENANT#{tenant}#INVOICE#{id}", "TENANT#t1#INVOICE#i1", map[string]string{"tenant": "t1", "id": "i1"}},
		{"TENANT#{tenant}#INVOICE#{id}", "TENANT#t1#CAPSULE#c#INVOICE#i1", nil}, // a segment has no '#'
		{"TENANT#{tenant}#INVOICE#{id}", "TENANT##INVOICE#i1", nil},             // nor is it empty
		{"TENANT#{tenant}#INVOICE#{id}", "TENANT#t1#INVOICE#i1#X", nil},
		{"TENANT#{tenant}#INVOICE#{id}", "TENANT#t1#INVOICE#", nil},
		{"T-{n}", "T-42", map[string]string{"n": "42"}},
		{"INV-{a}-{b}", "INV-x-y", map[string]string{"a": "x", "b": "y"}},
		{"{a}#X#{a}", "p#X#p", map[string]string{"a": "p"}},
		{"{a}#X#{a}", "p#X#q", nil}, // a repeated name binds one value
		{"GLOBAL", "GLOBAL", map[string]string{}},
		{"GLOBAL", "GLOBAL#CAPSULE#c", nil},
		{"A{{#{x}", "A{#v", map[string]string{"x": "v"}},
	} {
		p, err := compile(tc.tmpl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := p.match(tc.in)
		if ok != (tc.want != nil) || ok && !maps.Equal(got, tc.want) {
			t.Errorf("%q on %q: %v %v, want %v", tc.tmpl, tc.in, got, ok, tc.want)
		}
	}
}

func TestRewriteBindsAcrossRules(t *testing.T) {
	m := mustMap(t, formsMap)
	// A GSI rule that needs {tenant} from a PK rule that does not match.
	c := m.rewrite(Item{"PK": S("X"), "SK": S("Y"), "GSI1PK": S("STATUS#open"), "capsule_id": S("c")}, "capsule_id", "")
	if c == nil || !strings.Contains(c.skip, "needs {tenant}") {
		t.Errorf("unbound {tenant}: %+v", c)
	}
	// Rules of two entities on one item: ambiguous, skipped.
	c = m.rewrite(Item{"PK": S("TENANT#t#INVOICE#i"), "SK": S("ORDER#o"), "capsule_id": S("c")}, "capsule_id", "")
	if c == nil || !strings.Contains(c.skip, "entities Invoice and Order") {
		t.Errorf("two entities: %+v", c)
	}
	if c := m.rewrite(Item{"PK": S("TENANT#t#CAPSULE#c#INVOICE#i")}, "capsule_id", "d"); c != nil {
		t.Errorf("migrated row matched: %+v", c)
	}
}
