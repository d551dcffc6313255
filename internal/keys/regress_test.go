package keys

import (
	"errors"
	"fmt"
	"go/ast"
	"strings"
	"testing"
)

// Regression tests for the rewrite bugs of docs/reliability.md, each named
// after its reproducer package under analyzers/testdata/src.

// formatRewrite parses format, analyses it with the arguments named args
// (t... tenant, c... capsule) and applies op; it returns the new format
// and its argument list (old indexes, or the new value).
func formatRewrite(t *testing.T, op, format, args string) (string, string, *Analysis, error) {
	t.Helper()
	tmpl, err := FromFormat(format)
	if err != nil {
		t.Fatal(err)
	}
	a := tmpl.Analyze(DefaultLabels(), byArgName(strings.Fields(args)))
	var nt *Template
	switch op {
	case "label":
		nt, err = tmpl.LabelCapsule(a)
	default:
		nt, err = rewrite(op, tmpl, a)
	}
	if err != nil {
		return "", "", a, err
	}
	var items []string
	for _, it := range nt.Args {
		if it.Old >= 0 {
			items = append(items, fmt.Sprint(it.Old))
		} else {
			items = append(items, it.New)
		}
	}
	return nt.FormatString(), strings.Join(items, " "), a, nil
}

// concatRewrite applies op to the concatenation or join src and returns
// the edited source.
func concatRewrite(t *testing.T, op, src string) (string, error) {
	t.Helper()
	p, err := parseExpr(src)
	if err != nil {
		t.Fatal(err)
	}
	var tmpl *Template
	if call, ok := p.expr.(*ast.CallExpr); ok {
		tmpl = FromJoin(call.Args, "#", nil)
	} else {
		tmpl = FromConcat(p.expr, nil)
	}
	a := tmpl.Analyze(DefaultLabels(), byIdent(tmpl))
	var nt *Template
	if op == "label" {
		nt, err = tmpl.LabelCapsule(a)
	} else {
		nt, err = rewrite(op, tmpl, a)
	}
	if err != nil {
		return "", err
	}
	edits, err := nt.Edits(p.text)
	if err != nil {
		return "", err
	}
	return p.apply(edits)
}

// robust_keyformat_swap_multi: with several capsule values in the tenant
// segment or several tenant values in the capsule segment, Swap exchanged
// the first capsule value with the first tenant value (the message named
// the last ones) and left the key swapped. Which goes where cannot be
// told: no rewrite. One swapped pair among other values is still swapped.
func TestSwapMulti(t *testing.T) {
	for _, tc := range []struct{ format, args string }{
		{"TENANT#%s-%s#CAPSULE#%s-%s", "c c2 t t2"},
		{"TENANT#%s-%s#CAPSULE#%s", "c c2 t"},
		{"TENANT#%s#CAPSULE#%s-%s", "c t t2"},
		{"CAPSULE#%s-%s#TENANT#%s-%s", "t t2 c c2"}, // misordered too: Reorder refuses as well
	} {
		for _, op := range []string{"swap", "reorder"} {
			tmpl, _ := FromFormat(tc.format)
			a := tmpl.Analyze(DefaultLabels(), byArgName(strings.Fields(tc.args)))
			if op == "reorder" && !a.Findings.Has(Misordered) || op == "swap" && a.Findings.Has(Misordered) {
				continue
			}
			if !a.Findings.Has(Swapped) {
				t.Errorf("%q (%s): findings %v, want swapped", tc.format, tc.args, a.Findings)
			}
			if got, args, _, err := formatRewrite(t, op, tc.format, tc.args); !errors.Is(err, ErrAmbiguousSwap) {
				t.Errorf("%s %q (%s) = %q (%s), %v; want ErrAmbiguousSwap", op, tc.format, tc.args, got, args, err)
			}
		}
	}

	// SwappedValues names every swapped value.
	tmpl, _ := FromFormat("TENANT#%s-%s#CAPSULE#%s-%s")
	a := tmpl.Analyze(DefaultLabels(), byArgName([]string{"c", "c2", "t", "t2"}))
	var cs, ts []int
	capsules, tenants := a.SwappedValues()
	for _, h := range capsules {
		cs = append(cs, tmpl.Pieces[h].Arg)
	}
	for _, h := range tenants {
		ts = append(ts, tmpl.Pieces[h].Arg)
	}
	if fmt.Sprint(cs, ts) != "[0 1] [2 3]" {
		t.Errorf("SwappedValues: capsule arguments %v, tenant arguments %v, want [0 1] [2 3]", cs, ts)
	}

	// The fuzz crashers: capsule values at arguments 1 and 2, tenant
	// values at 5 and 6 (f7fc12b697c7720e); 2 and 5, 6 and 8
	// (884b16e033a1a487).
	for _, tc := range []struct {
		format             string
		tenants, capsules  uint8
		wantCaps, wantTens int
	}{
		{"TENANT#%A%A%A%A#CAPSULE#%A%A%A", 0x60, 0x06, 2, 2},
		{"TENANT#%A%A%A%A%A%A#CAPSULE#%A%A%A", 'K', '&', 2, 2},
	} {
		tmpl, _ := FromFormat(tc.format)
		a := tmpl.Analyze(DefaultLabels(), maskClassifier(tmpl.Args, tc.tenants, tc.capsules))
		capsules, tenants := a.SwappedValues()
		if len(capsules) != tc.wantCaps || len(tenants) != tc.wantTens {
			t.Errorf("%q: %d capsule values, %d tenant values swapped, want %d, %d", tc.format, len(capsules), len(tenants), tc.wantCaps, tc.wantTens)
		}
		if nt, err := tmpl.Swap(a); !errors.Is(err, ErrAmbiguousSwap) {
			t.Errorf("Swap %q = %v, %v; want ErrAmbiguousSwap", tc.format, nt, err)
		}
	}

	// One pair among values of neither kind: swapped, and only that pair.
	for _, tc := range []struct{ format, args, want, wantArgs string }{
		{"TENANT#%s-%s#CAPSULE#%s-%s", "c x t y", "TENANT#%s-%s#CAPSULE#%s-%s", "2 1 0 3"},
		{"TENANT#%s-%s#CAPSULE#%s-%s", "x c y t", "TENANT#%s-%s#CAPSULE#%s-%s", "0 3 2 1"},
	} {
		got, args, _, err := formatRewrite(t, "swap", tc.format, tc.args)
		if err != nil || got != tc.want || args != tc.wantArgs {
			t.Errorf("swap %q (%s) = %q (%s), %v; want %q (%s)", tc.format, tc.args, got, args, err, tc.want, tc.wantArgs)
		}
	}
	got, err := concatRewrite(t, "swap", `"TENANT#" + c + "-" + c2 + "#CAPSULE#" + t + "-" + t2`)
	if !errors.Is(err, ErrAmbiguousSwap) {
		t.Errorf("swap of a concatenation with two swapped pairs = %s, %v; want ErrAmbiguousSwap", got, err)
	}
}

// robust_keyformat_reorder_swapped: Reorder of "TENANT#{c}#{t}#CAPSULE"
// moved the value-less CAPSULE label in front of {t} and left the key
// swapped (TENANT#{c}#CAPSULE#{t}). The values go where their labels say;
// a value-less label is never moved in front of something that is not a
// value of its kind.
func TestReorderSwapped(t *testing.T) {
	for _, tc := range []struct{ format, args, want, wantArgs string }{
		{"TENANT#%s#%s#CAPSULE", "c t", "TENANT#%s#CAPSULE#%s", "1 0"},
		{"TENANT#%s#%s#CAPSULE", "t c", "TENANT#%s#CAPSULE#%s", "0 1"},
		{"X#TENANT#%s#%s#CAPSULE", "c t", "X#TENANT#%s#CAPSULE#%s", "1 0"},
		{"TENANT#%[1]s#%[2]s#CAPSULE", "c t", "TENANT#%[2]s#CAPSULE#%[1]s", "0 1"},
		// Unchanged behaviour: segments that move with their values.
		{"CAPSULE#%s#TENANT#%s", "t c", "TENANT#%s#CAPSULE#%s", "0 1"},
		{"CAPSULE#%s#TENANT#%s#INVOICE#%s", "c t id", "TENANT#%s#CAPSULE#%s#INVOICE#%s", "1 0 2"},
	} {
		got, args, _, err := formatRewrite(t, "reorder", tc.format, tc.args)
		if err != nil || got != tc.want || args != tc.wantArgs {
			t.Errorf("reorder %q (%s) = %q (%s), %v; want %q (%s)", tc.format, tc.args, got, args, err, tc.want, tc.wantArgs)
		}
	}
	// The fuzz crasher 7ec57a1e58523fbd: a capsule value at argument 0, a
	// tenant value at 1.
	tmpl, _ := FromFormat("TENANT#%A#%A#CAPSULE")
	a := tmpl.Analyze(DefaultLabels(), maskClassifier(tmpl.Args, 0x6E, 0x09))
	nt, err := tmpl.Reorder(a)
	if err != nil || nt.FormatString() != "TENANT#%A#CAPSULE#%A" || fmt.Sprint(nt.Args) != "[{1 } {0 }]" {
		t.Errorf("Reorder crasher = %v, %v", nt, err)
	}
	// A value-less label that would label something else: no rewrite.
	for _, tc := range []struct{ format, args string }{
		{"TENANT#%s#INVOICE#%s#CAPSULE", "t id"},
		{"TENANT#%s#X#CAPSULE", "t"},
		{"TENANT#%s#%s#CAPSULE", "t id"},
		{"CAPSULE#%s#TENANT", "c"},
	} {
		got, args, a, err := formatRewrite(t, "reorder", tc.format, tc.args)
		if !a.Findings.Has(Misordered) {
			t.Errorf("%q (%s): findings %v, want misordered", tc.format, tc.args, a.Findings)
		}
		if err == nil {
			t.Errorf("reorder %q (%s) = %q (%s), want an error", tc.format, tc.args, got, args)
		}
	}
	// Concatenations.
	got, err := concatRewrite(t, "reorder", `"TENANT#" + c + "#" + t + "#CAPSULE"`)
	if want := `"TENANT#" + t + "#CAPSULE#" + c`; err != nil || got != want {
		t.Errorf("reorder concatenation = %s, %v; want %s", got, err, want)
	}
}

// robust_keyformat_unlabelled_capsule: a capsule value right after the
// tenant segment without a CAPSULE label (what gsitenant's fix leaves) got
// a second capsule value (TENANT#%s#CAPSULE#%s#%s); LabelCapsule inserts
// just the label, and InsertCapsule refuses.
func TestUnlabelledCapsule(t *testing.T) {
	for _, tc := range []struct{ format, args, want, wantArgs string }{
		{"TENANT#%s#%s#ACCOUNT#%s", "t c a", "TENANT#%s#CAPSULE#%s#ACCOUNT#%s", "0 1 2"},
		{"TENANT#%s#%s", "t c", "TENANT#%s#CAPSULE#%s", "0 1"},
		{"TENANT#%s#%s#", "t c", "TENANT#%s#CAPSULE#%s#", "0 1"},
		{"TENANT#%s#v-%s#X", "t c", "TENANT#%s#CAPSULE#v-%s#X", "0 1"},
		{"TENANT#%[2]s#%[1]s#X", "c t", "TENANT#%[2]s#CAPSULE#%[1]s#X", "0 1"},
	} {
		got, args, a, err := formatRewrite(t, "label", tc.format, tc.args)
		if err != nil || got != tc.want || args != tc.wantArgs {
			t.Errorf("label %q (%s) = %q (%s), %v; want %q (%s)", tc.format, tc.args, got, args, err, tc.want, tc.wantArgs)
			continue
		}
		if _, err := a.t.InsertCapsule(a, "capsuleID"); err == nil {
			t.Errorf("InsertCapsule %q (%s): no error", tc.format, tc.args)
		}
	}
	// Not a capsule value, or a tenant value too: a capsule segment is
	// inserted as before.
	for _, tc := range []struct{ format, args string }{
		{"TENANT#%s#%s#ACCOUNT#%s", "t id a"},
		{"TENANT#%s#%s-%s", "t c t2"},
		{"TENANT#%s#INVOICE#%s", "t c"}, // labelled: INVOICE's value
	} {
		tmpl, _ := FromFormat(tc.format)
		a := tmpl.Analyze(DefaultLabels(), byArgName(strings.Fields(tc.args)))
		if a.CapsuleValue >= 0 {
			t.Errorf("%q (%s): CapsuleValue %d, want -1", tc.format, tc.args, a.CapsuleValue)
		}
		if _, err := tmpl.LabelCapsule(a); err == nil {
			t.Errorf("LabelCapsule %q (%s): no error", tc.format, tc.args)
		}
	}
	// Lower-case labels follow the tenant label's case.
	fold := &Labels{Tenant: "TENANT", Capsule: "CAPSULE", Separator: "#", CaseInsensitive: true}
	tmpl, _ := FromFormat("tenant#%s#%s")
	a := tmpl.Analyze(fold, byArgName([]string{"t", "c"}))
	if nt, err := tmpl.LabelCapsule(a); err != nil || nt.FormatString() != "tenant#%s#capsule#%s" {
		t.Errorf("LabelCapsule with lower-case labels = %v, %v", nt, err)
	}
	// Concatenations, joins and tags.
	for _, tc := range []struct{ src, want string }{
		{`"TENANT#" + string(tenantID) + "#" + string(capsuleID) + "#ACCOUNT#" + string(accountID)`,
			`"TENANT#" + string(tenantID) + "#CAPSULE#" + string(capsuleID) + "#ACCOUNT#" + string(accountID)`},
		{`"TENANT#" + t + "#" + c`, `"TENANT#" + t + "#CAPSULE#" + c`},
		{`"TENANT#" + t + "#x-" + c`, `"TENANT#" + t + "#CAPSULE#x-" + c`},
		{`f("TENANT", t, c, "ACCOUNT", a)`, `f("TENANT", t, "CAPSULE", c, "ACCOUNT", a)`},
	} {
		got, err := concatRewrite(t, "label", tc.src)
		if err != nil || got != tc.want {
			t.Errorf("label %s\n got %s, %v\nwant %s", tc.src, got, err, tc.want)
		}
	}
	tag, _ := FromTag("TENANT#{tenant_id}#{capsule_id}#INVOICE#{id}")
	a = tag.Analyze(DefaultLabels(), func(p *Piece) (bool, bool) { return byName(p.Name) })
	if nt, err := tag.LabelCapsule(a); err != nil || nt.TagString() != "TENANT#{tenant_id}#CAPSULE#{capsule_id}#INVOICE#{id}" {
		t.Errorf("LabelCapsule of a tag = %v, %v", nt, err)
	}
}
