package keys

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestFromFormat(t *testing.T) {
	for _, tc := range []struct {
		format  string
		pieces  string // literals quoted, holes as <verb:arg>
		numArgs int
		seq     bool
	}{
		{"", "", 0, true},
		{"TENANT#%s#INVOICE#%s", `"TENANT#" <s:0> "#INVOICE#" <s:1>`, 2, true},
		{"100%% #%d", `"100% #" <d:0>`, 1, true},
		{"%v%q%x%d", `<v:0> <q:1> <x:2> <d:3>`, 4, true},
		{"%[2]s#%[1]s", `<s:1!> "#" <s:0!>`, 2, false},
		{"%[2]s#%s", `<s:1!> "#" <s:2>`, 3, false},
		{"%-10[2]s %s", `<s:1!> " " <s:2>`, 3, false},
		{"%.[2]d", `<d:1!>`, 2, false},
		{"%[2]*[1]d", `<d:0!>`, 2, false},
		{"%*d", `<d:1>`, 2, false},
		{"%6.2f|%+.3e|%#x|% d|%08b", `<f:0> "|" <e:1> "|" <x:2> "|" <d:3> "|" <b:4>`, 5, true},
	} {
		tmpl, err := FromFormat(tc.format)
		if err != nil {
			t.Errorf("FromFormat(%q): %v", tc.format, err)
			continue
		}
		if got := dumpPieces(tmpl); got != tc.pieces {
			t.Errorf("FromFormat(%q) pieces = %s, want %s", tc.format, got, tc.pieces)
		}
		if tmpl.NumArgs != tc.numArgs || tmpl.sequential != tc.seq {
			t.Errorf("FromFormat(%q): NumArgs %d sequential %v, want %d %v", tc.format, tmpl.NumArgs, tmpl.sequential, tc.numArgs, tc.seq)
		}
		if got := tmpl.FormatString(); got != tc.format {
			t.Errorf("FromFormat(%q).FormatString() = %q", tc.format, got)
		}
	}
}

func TestFromFormatErrors(t *testing.T) {
	for _, f := range []string{"%", "TENANT#%", "%-", "%[", "%[1", "%[0]s", "%[x]s", "%[-1]s", "%[+1]s", "%[1]5d", "%[1].2f", "%.[1]2f", "%!", "%5%", "%[99999999999]s", "%é", "%[01]s", "%1000001d"} {
		if tmpl, err := FromFormat(f); err == nil {
			t.Errorf("FromFormat(%q) = %s, want an error", f, dumpPieces(tmpl))
		}
	}
}

func dumpPieces(t *Template) string {
	var parts []string
	for _, p := range t.Pieces {
		switch {
		case !p.Hole:
			s := fmt.Sprintf("%q", p.Text)
			if p.JoinSep {
				s = "|" + s + "|"
			}
			parts = append(parts, s)
		case t.Kind == Format:
			s := fmt.Sprintf("<%c:%d", p.Verb, p.Arg)
			if p.Explicit {
				s += "!"
			}
			parts = append(parts, s+">")
		case p.New != "":
			parts = append(parts, "<new "+p.New+">")
		case t.Kind == Tag:
			parts = append(parts, "<"+p.Name+">")
		default:
			parts = append(parts, fmt.Sprintf("<op%d>", p.Operand))
		}
	}
	return strings.Join(parts, " ")
}

// byArgName classifies format holes by the name of their argument:
// t... is a tenant value, c... a capsule value.
func byArgName(args []string) Classifier {
	return func(p *Piece) (bool, bool) {
		if p.Arg >= len(args) {
			return false, false
		}
		return byName(args[p.Arg])
	}
}

func byName(n string) (bool, bool) {
	n = strings.ToLower(n)
	return strings.HasPrefix(n, "t"), strings.HasPrefix(n, "c")
}

func TestAnalyzeFormat(t *testing.T) {
	for _, tc := range []struct {
		format string
		args   string // argument names, space-separated
		key    bool
		global bool
		prefix bool
		want   Finding
	}{
		{"TENANT#%s#CAPSULE#%s#INVOICE#%s", "t c id", true, false, false, 0},
		{"TENANT#%s#INVOICE#%s", "t id", true, false, false, MissingCapsule},
		{"TENANT#%s", "t", true, false, false, MissingCapsule},
		{"TENANT#%s#", "t", true, false, true, MissingCapsule},
		{"TENANT#%s#CAPSULE#", "t", true, false, true, 0},
		{"TENANT#acme#INVOICE#%d", "id", true, false, false, MissingCapsule},
		{"CAPSULE#%s#TENANT#%s#INVOICE#%s", "c t id", true, false, false, Misordered},
		{"TENANT#%s#INVOICE#%s#CAPSULE#%s", "t id c", true, false, false, Misordered},
		{"TENANT#%s#CAPSULE#%s", "c t", true, false, false, Swapped},
		{"TENANT#%s#CAPSULE#%s", "x t", true, false, false, 0}, // not sure of both: not swapped
		{"TENANT#%[2]s#CAPSULE#%[1]s", "t c", true, false, false, Swapped},
		{"CAPSULE#%s#TENANT#%s", "t c", true, false, false, Misordered | Swapped},
		{"ACCOUNT#%s#ITEM#%s", "t id", true, false, false, MissingTenant},
		{"ACCOUNT#%s#ITEM#%s", "a id", false, false, false, 0},
		{"CAPSULE#%s#ACCOUNT#%s", "c a", true, false, false, 0}, // gsitenant's business
		{"GSI1#CAPSULE#%s#TENANT#%s", "c t", true, false, false, Misordered},
		{"CURRENCY#%s#TENANT#%s", "x t", true, true, false, 0},
		{"%s#TENANT#%s#INVOICE", "x t", true, false, false, MissingCapsule},
		{"TENANT#CAPSULE#", "", false, false, true, 0},
		{"TENANT#%s#CAPSULE#%s#ENTITY#%s#%s", "t c e id", true, false, false, 0},
		{"METADATA#v%d", "v", false, false, false, 0},
		// Not keys.
		{"TENANT#", "", false, false, true, 0},
		{"#%06x", "t", false, false, false, 0},
		{"C# SDK for %s", "t", false, false, false, 0},
		{"issue #%d of %s", "n t", false, false, false, 0},
		{"## Totals for %s", "t", false, false, false, 0},
		{"https://example.com/docs#%s", "t", false, false, false, 0},
		{"TENANT#%s: not found", "t", false, false, false, 0},
		{"the TENANT#%s key", "t", false, false, false, 0},
		{"%s#%s", "t c", false, false, false, 0},
	} {
		tmpl, err := FromFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		a := tmpl.Analyze(DefaultLabels().withGlobal("CURRENCY"), byArgName(strings.Fields(tc.args)))
		if a.Key != tc.key || a.Global != tc.global || a.Prefix != tc.prefix || a.Findings != tc.want {
			t.Errorf("%q (%s): key %v global %v prefix %v findings %v, want %v %v %v %v",
				tc.format, tc.args, a.Key, a.Global, a.Prefix, a.Findings, tc.key, tc.global, tc.prefix, tc.want)
		}
	}
}

func (l *Labels) withGlobal(g ...string) *Labels { l.Global = g; return l }

func TestAnalyzeLabels(t *testing.T) {
	lower := &Labels{Tenant: "org", Capsule: "proj", Separator: "#"}
	fold := &Labels{Tenant: "TENANT", Capsule: "CAPSULE", Separator: "#", CaseInsensitive: true}
	colon := &Labels{Tenant: "TENANT", Capsule: "CAPSULE", Separator: "::"}
	for _, tc := range []struct {
		l      *Labels
		format string
		key    bool
		want   Finding
	}{
		{lower, "org#%s#invoice#%s", true, MissingCapsule},
		{lower, "org#%s#proj#%s", true, 0},
		{lower, "ORG#%s#invoice#%s", false, 0},
		{fold, "tenant#%s#invoice#%s", true, MissingCapsule},
		{fold, "Tenant#%s#Capsule#%s", true, 0},
		{DefaultLabels(), "tenant#%s#invoice#%s", false, 0},
		{colon, "TENANT::%s::INVOICE::%s", true, MissingCapsule},
		{colon, "TENANT#%s#INVOICE#%s", false, 0},
	} {
		tmpl, err := FromFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		a := tmpl.Analyze(tc.l, nil)
		if a.Key != tc.key || a.Findings != tc.want {
			t.Errorf("%+v %q: key %v findings %v, want %v %v", *tc.l, tc.format, a.Key, a.Findings, tc.key, tc.want)
		}
	}
}

func TestMayBeKey(t *testing.T) {
	l := DefaultLabels()
	for s, want := range map[string]bool{
		"TENANT#%s":            true,
		"%s#INVOICE":           true,
		"{tenant_id}#INVOICE":  true,
		"#%06x":                false,
		"issue #42":            false,
		"## Totals":            false,
		"no separator":         false,
		"C# SDK":               true, // rejected by Analyze
		"":                     false,
		"a#":                   true,
		"#a#b":                 true,
		"x = #1, y = #2, z=#3": false,
	} {
		if got := l.MayBeKey(s); got != want {
			t.Errorf("MayBeKey(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestFormatRewrites(t *testing.T) {
	const capsule = "capsuleID"
	for _, tc := range []struct {
		op       string // insert, prefix, reorder, swap
		format   string
		args     string
		want     string
		wantArgs string // items: old index, or the new value
	}{
		{"insert", "TENANT#%s#INVOICE#%s", "t id", "TENANT#%s#CAPSULE#%s#INVOICE#%s", "0 capsuleID 1"},
		{"insert", "TENANT#%s", "t", "TENANT#%s#CAPSULE#%s", "0 capsuleID"},
		{"insert", "TENANT#%s#", "t", "TENANT#%s#CAPSULE#%s#", "0 capsuleID"},
		{"insert", "TENANT#%v#INVOICE#%d", "t id", "TENANT#%v#CAPSULE#%v#INVOICE#%d", "0 capsuleID 1"},
		{"insert", "TENANT#acme#INVOICE#%d", "id", "TENANT#acme#CAPSULE#%s#INVOICE#%d", "capsuleID 0"},
		{"insert", "%s#TENANT#%s#INVOICE#%s", "x t id", "%s#TENANT#%s#CAPSULE#%s#INVOICE#%s", "0 1 capsuleID 2"},
		{"insert", "100%%#TENANT#%s#X", "t", "100%%#TENANT#%s#CAPSULE#%s#X", "0 capsuleID"},
		// Indexed verbs keep their arguments and are renumbered.
		{"insert", "TENANT#%[1]s#INVOICE#%[2]s", "t id", "TENANT#%[1]s#CAPSULE#%[2]s#INVOICE#%[3]s", "0 capsuleID 1"},
		{"insert", "INVOICE#%[2]s#TENANT#%[1]s", "t id", "INVOICE#%[3]s#TENANT#%[1]s#CAPSULE#%[2]s", "0 capsuleID 1"},
		{"insert", "TENANT#%[1]s#INVOICE#%[2]s#BY#%[1]s", "t id", "TENANT#%[1]s#CAPSULE#%[2]s#INVOICE#%[3]s#BY#%[1]s", "0 capsuleID 1"},
		{"insert", "TENANT#%s#INVOICE#%[1]s", "t", "TENANT#%s#CAPSULE#%s#INVOICE#%[1]s", "0 capsuleID"},
		{"prefix", "CAPSULE#%s#ACCOUNT#%s", "c a", "TENANT#%s#CAPSULE#%s#ACCOUNT#%s", "capsuleID 0 1"},
		{"prefix", "GSI1#CAPSULE#%s#ACCOUNT#%s", "c a", "GSI1#TENANT#%s#CAPSULE#%s#ACCOUNT#%s", "capsuleID 0 1"},
		{"prefix", "ACCOUNT#%s", "a", "TENANT#%s#ACCOUNT#%s", "capsuleID 0"},
		{"prefix", "CAPSULE#%[1]s#ACCOUNT#%[2]s", "c a", "TENANT#%[1]s#CAPSULE#%[2]s#ACCOUNT#%[3]s", "capsuleID 0 1"},
		{"reorder", "CAPSULE#%s#TENANT#%s#INVOICE#%s", "c t id", "TENANT#%s#CAPSULE#%s#INVOICE#%s", "1 0 2"},
		{"reorder", "TENANT#%s#INVOICE#%s#CAPSULE#%s", "t id c", "TENANT#%s#CAPSULE#%s#INVOICE#%s", "0 2 1"},
		{"reorder", "INVOICE#%s#CAPSULE#%s#X#%s#TENANT#%s", "id c x t", "INVOICE#%s#TENANT#%s#CAPSULE#%s#X#%s", "0 3 1 2"},
		{"reorder", "CAPSULE#%[1]s#TENANT#%[2]s", "c t", "TENANT#%[2]s#CAPSULE#%[1]s", "0 1"},
		{"reorder", "CAPSULE#%s#TENANT#%s", "t c", "TENANT#%s#CAPSULE#%s", "0 1"},
		{"reorder", "CAPSULE#%s#X#%s#TENANT#%s", "t x c", "TENANT#%s#CAPSULE#%s#X#%s", "0 2 1"},
		{"swap", "TENANT#%s#CAPSULE#%s#INVOICE#%s", "c t id", "TENANT#%s#CAPSULE#%s#INVOICE#%s", "1 0 2"},
		{"swap", "TENANT#%s#CAPSULE#%d", "c t", "TENANT#%d#CAPSULE#%s", "1 0"},
		{"swap", "TENANT#%[1]s#CAPSULE#%[2]s", "c t", "TENANT#%[2]s#CAPSULE#%[1]s", "0 1"},
	} {
		tmpl, err := FromFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		args := strings.Fields(tc.args)
		a := tmpl.Analyze(DefaultLabels(), byArgName(args))
		var nt *Template
		switch tc.op {
		case "insert":
			nt, err = tmpl.InsertCapsule(a, capsule)
		case "prefix":
			nt, err = tmpl.PrefixTenant(a, capsule)
		case "reorder":
			nt, err = tmpl.Reorder(a)
		case "swap":
			nt, err = tmpl.Swap(a)
		}
		if err != nil {
			t.Errorf("%s %q: %v", tc.op, tc.format, err)
			continue
		}
		var items []string
		for _, it := range nt.Args {
			if it.Old >= 0 {
				items = append(items, fmt.Sprint(it.Old))
			} else {
				items = append(items, it.New)
			}
		}
		if got := nt.FormatString(); got != tc.want || strings.Join(items, " ") != tc.wantArgs {
			t.Errorf("%s %q (%s) = %q (%s), want %q (%s)", tc.op, tc.format, tc.args, got, strings.Join(items, " "), tc.want, tc.wantArgs)
		}
		// The rewritten format, with its arguments, is fixed.
		newArgs := make([]string, len(nt.Args))
		for i, it := range nt.Args {
			if it.Old >= 0 {
				newArgs[i] = args[it.Old]
			} else {
				newArgs[i] = "c" + it.New
			}
		}
		if tc.op == "prefix" {
			for i, it := range nt.Args {
				if it.Old < 0 {
					newArgs[i] = "t" + it.New
				}
			}
		}
		re, err := FromFormat(nt.FormatString())
		if err != nil {
			t.Fatalf("%s %q: reparse: %v", tc.op, tc.format, err)
		}
		if ra := re.Analyze(DefaultLabels(), byArgName(newArgs)); ra.Findings != 0 && !(tc.op == "prefix" && ra.Findings == MissingCapsule) {
			t.Errorf("%s %q = %q (%v): still %v", tc.op, tc.format, nt.FormatString(), newArgs, ra.Findings)
		}
		// Fmt agrees.
		vals := make([]any, len(newArgs))
		for i := range newArgs {
			vals[i] = newArgs[i]
		}
		_ = fmt.Sprintf(nt.FormatString(), vals...)
	}
}

func TestRewriteErrors(t *testing.T) {
	tmpl, _ := FromFormat("TENANT#%*s#INVOICE#%s")
	a := tmpl.Analyze(DefaultLabels(), nil)
	if _, err := tmpl.InsertCapsule(a, "c"); err != ErrStar {
		t.Errorf("InsertCapsule with '*': %v, want ErrStar", err)
	}
	tmpl, _ = FromFormat("INVOICE#%s")
	a = tmpl.Analyze(DefaultLabels(), nil)
	if _, err := tmpl.InsertCapsule(a, "c"); err == nil {
		t.Error("InsertCapsule without a tenant segment: no error")
	}
	if _, err := tmpl.Reorder(a); err == nil {
		t.Error("Reorder of an ordered key: no error")
	}
	if _, err := tmpl.Swap(a); err == nil {
		t.Error("Swap of an unswapped key: no error")
	}
	other, _ := FromFormat("TENANT#%s")
	if _, err := other.InsertCapsule(a, "c"); err == nil {
		t.Error("InsertCapsule with the analysis of another template: no error")
	}
}

func TestSegments(t *testing.T) {
	tmpl, _ := FromFormat("TENANT#%s#CAPSULE#%s#ENTITY#%s#%s")
	a := tmpl.Analyze(DefaultLabels(), nil)
	type seg struct {
		Label    string
		HasValue bool
		Holes    []int
	}
	var got []seg
	for _, s := range a.Segments {
		got = append(got, seg{s.Label, s.HasValue, s.Holes})
	}
	want := []seg{{"TENANT", true, []int{1}}, {"CAPSULE", true, []int{3}}, {"ENTITY", true, []int{5}}, {"", true, []int{7}}}
	if !reflect.DeepEqual(got, want) || a.Tenant != 0 || a.Capsule != 1 {
		t.Errorf("segments = %+v (tenant %d capsule %d), want %+v", got, a.Tenant, a.Capsule, want)
	}
}
