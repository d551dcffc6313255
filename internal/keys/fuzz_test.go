package keys

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"
)

// The fuzz targets check that parsing and rewriting never panic, that a
// parsed template renders back to its source, and that every rewrite,
// re-parsed, has the tenant segment right before the capsule segment and
// needs no second application.

var fuzzFormats = []string{
	"TENANT#%s#INVOICE#%s",
	"TENANT#%s#CAPSULE#%s#INVOICE#%s",
	"CAPSULE#%s#TENANT#%s#INVOICE#%s",
	"TENANT#%[1]s#INVOICE#%[2]s#BY#%[1]s",
	"INVOICE#%[2]s#TENANT#%[1]s",
	"TENANT#%s#INVOICE#%s#CAPSULE#%s",
	"CAPSULE#%s#ACCOUNT#%s",
	"GSI1#CAPSULE#%s#TENANT#%s",
	"TENANT#acme#INVOICE#%d",
	"TENANT#%*s#X",
	"%[2]*[1]d",
	"#%06x",
	"100%% #%d",
	"TENANT#%s#",
	"TENANT#%-10[2]v#%.3f",
}

// anyArg formats as "X" under every verb, so that a format's output shows
// which pieces fmt took as verbs.
type anyArg struct{}

func (anyArg) Format(f fmt.State, verb rune) { f.Write([]byte("X")) }

// fmtAgrees checks that fmt reads format as t does: with one anyArg per
// argument, fmt's output is t's literals with an X for each verb.
func fmtAgrees(t *testing.T, format string, tmpl *Template) {
	if tmpl.star {
		return // the '*' arguments would have to be ints
	}
	var want strings.Builder
	for _, p := range tmpl.Pieces {
		if !p.Hole {
			want.WriteString(p.Text)
			continue
		}
		if p.Verb == 'T' || p.Verb == 'p' || p.Verb == 'w' {
			return // fmt handles these before Formatter (%w only in Errorf)
		}
		want.WriteString("X")
	}
	args := make([]any, tmpl.NumArgs)
	for i := range args {
		args[i] = anyArg{}
	}
	if got := fmt.Sprintf(format, args...); got != want.String() {
		t.Fatalf("fmt.Sprintf(%q) = %q, template says %q", format, got, want.String())
	}
}

// maskClassifier classifies argument i as a tenant value when bit i%8 of
// tenants is set, a capsule value when that bit of capsules is.
func maskClassifier(args []Item, tenants, capsules uint8) Classifier {
	return func(p *Piece) (bool, bool) {
		if p.Arg < 0 || p.Arg >= len(args) {
			return false, false
		}
		it := args[p.Arg]
		switch {
		case it.New == "capsule":
			return false, true
		case it.New == "tenant":
			return true, false
		case it.Old < 0:
			return false, false
		}
		bit := uint8(1) << (it.Old % 8)
		return tenants&bit != 0, capsules&bit != 0
	}
}

func FuzzFromFormat(f *testing.F) {
	for i, s := range fuzzFormats {
		f.Add(s, uint8(1<<(i%3)), uint8(2<<(i%3)))
	}
	f.Fuzz(func(t *testing.T, format string, tenants, capsules uint8) {
		l := DefaultLabels()
		tmpl, err := FromFormat(format)
		if err != nil {
			return
		}
		if got := tmpl.FormatString(); got != format {
			t.Fatalf("FromFormat(%q).FormatString() = %q", format, got)
		}
		fmtAgrees(t, format, tmpl)
		args := tmpl.Args
		a := tmpl.Analyze(l, maskClassifier(args, tenants, capsules))
		check := func(op string, nt *Template, err error) {
			if err != nil {
				return
			}
			out := nt.FormatString()
			re, err := FromFormat(out)
			if err != nil {
				t.Fatalf("%s %q = %q: does not parse: %v", op, format, out, err)
			}
			fmtAgrees(t, out, re)
			if re.NumArgs > len(nt.Args) {
				t.Fatalf("%s %q = %q uses %d arguments, has %d", op, format, out, re.NumArgs, len(nt.Args))
			}
			// Compose the argument lists: what each new argument is.
			newArgs := make([]Item, len(nt.Args))
			for i, it := range nt.Args {
				switch {
				case it.Old >= 0:
					newArgs[i] = args[it.Old]
				case op == "prefix":
					newArgs[i] = Item{Old: -1, New: "tenant"}
				default:
					newArgs[i] = Item{Old: -1, New: "capsule"}
				}
			}
			ra := re.Analyze(l, maskClassifier(newArgs, tenants, capsules))
			checkRewritten(t, op, format, out, ra)
		}
		tryRewrites(t, format, tmpl, a, "capsule", "tenant", check)
	})
}

// checkRewritten checks the analysis of a rewritten template.
func checkRewritten(t *testing.T, op, in, out string, ra *Analysis) {
	t.Helper()
	if !ra.Key {
		t.Fatalf("%s %q = %q: no longer a key", op, in, out)
	}
	switch op {
	case "insert", "reorder", "label":
		if ra.Tenant < 0 || ra.Capsule != ra.Tenant+1 {
			t.Fatalf("%s %q = %q: tenant segment %d, capsule segment %d", op, in, out, ra.Tenant, ra.Capsule)
		}
		if ra.Findings != 0 {
			t.Fatalf("%s %q = %q: still %v", op, in, out, ra.Findings)
		}
	case "swap":
		if ra.Findings.Has(Swapped) {
			t.Fatalf("%s %q = %q: still swapped", op, in, out)
		}
	case "prefix":
		if ra.Tenant < 0 || ra.Capsule >= 0 && ra.Capsule != ra.Tenant+1 {
			t.Fatalf("%s %q = %q: tenant segment %d, capsule segment %d", op, in, out, ra.Tenant, ra.Capsule)
		}
	}
}

var fuzzConcats = []string{
	`"TENANT#" + t + "#INVOICE#" + id`,
	`"TENANT#" + t + "#" + "INVOICE#" + id`,
	`"TENANT#" + string(t)`,
	`"TENANT#acme#INVOICE#" + id`,
	`"TENANT#" + (t + "#INVOICE#" + id)`,
	`("TENANT#" + t) + "#X"`,
	`"CAPSULE#" + c + "#TENANT#" + t + "#INVOICE#" + id`,
	`"TENANT#" + c + "#CAPSULE#" + t`,
	`"CAPSULE#" + c + "#ACCOUNT#" + a`,
	`"ACCOUNT#" + tenant + "#ITEM#" + id`,
	"`TENANT#` + t + `#`",
	`"#" + x + "#%06x"`,
}

func FuzzFromConcat(f *testing.F) {
	for _, s := range fuzzConcats {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := parseExpr(src)
		if err != nil {
			return
		}
		l := DefaultLabels()
		tmpl := FromConcat(p.expr, nil)
		_ = tmpl.String()
		_ = MayBeConcatKey(p.expr, nil, "#")
		a := tmpl.Analyze(l, byIdent(tmpl))
		check := func(op string, nt *Template, err error) {
			if err != nil {
				return
			}
			edits, err := nt.Edits(p.text)
			if err != nil {
				return // a constant would be cut
			}
			out, err := p.apply(edits)
			if err != nil {
				t.Fatalf("%s %s: %v", op, src, err)
			}
			q, err := parseExpr(out)
			if err != nil {
				t.Fatalf("%s %s = %s: does not parse: %v", op, src, out, err)
			}
			re := FromConcat(q.expr, nil)
			if got, want := re.String(), nt.String(); got != want {
				t.Fatalf("%s %s = %s reads %q, want %q", op, src, out, got, want)
			}
			checkRewritten(t, op, src, out, re.Analyze(l, byIdent(re)))
		}
		tryRewrites(t, src, tmpl, a, "string(capsule)", "tenant", check)
		// Joins of the operands, when the expression is a call.
		if call, ok := p.expr.(*ast.CallExpr); ok {
			jt := FromJoin(call.Args, "#", nil)
			ja := jt.Analyze(l, byIdent(jt))
			if ja.Findings.Has(MissingCapsule) {
				if nt, err := jt.InsertCapsule(ja, "capsule"); err == nil {
					if _, err := nt.Edits(p.text); err != nil {
						return
					}
				}
			}
		}
	})
}

var fuzzTags = []string{
	"TENANT#{tenant_id}#CONFIG#FINANCIAL",
	"TENANT#{tenant_id}#CAPSULE#{capsule_id}#ENTITY#{entity_type}#{id}",
	"CAPSULE#{capsule_id}#INDUSTRY#{industry}",
	"CAPSULE#{capsule_id}#TENANT#{tenant_id}",
	"TENANT#{capsule_id}#CAPSULE#{tenant_id}",
	"METADATA#v{version}",
	"{{x}}#{id}",
}

func FuzzFromTag(f *testing.F) {
	for _, s := range fuzzTags {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		tmpl, err := FromTag(tag)
		if err != nil {
			return
		}
		if got := tmpl.TagString(); got != tag {
			t.Fatalf("FromTag(%q).TagString() = %q", tag, got)
		}
		l := DefaultLabels()
		classify := func(p *Piece) (bool, bool) {
			return strings.HasPrefix(p.Name, "tenant"), strings.HasPrefix(p.Name, "capsule")
		}
		a := tmpl.Analyze(l, classify)
		check := func(op string, nt *Template, err error) {
			if err != nil {
				return
			}
			out := nt.TagString()
			re, err := FromTag(out)
			if err != nil {
				t.Fatalf("%s %q = %q: does not parse: %v", op, tag, out, err)
			}
			checkRewritten(t, op, tag, out, re.Analyze(l, classify))
		}
		tryRewrites(t, tag, tmpl, a, "capsule_id", "tenant_id", check)
	})
}

// tryRewrites applies every rewrite that applies to a (the analysis of
// tmpl, parsed from src) and hands each result to check: labelling an
// unlabelled capsule value (and refusing to insert a second one),
// inserting the capsule segment, reordering, swapping, prefixing the
// tenant segment.
func tryRewrites(t *testing.T, src string, tmpl *Template, a *Analysis, capsule, tenant string, check func(op string, nt *Template, err error)) {
	t.Helper()
	if a.CapsuleValue >= 0 {
		nt, err := tmpl.LabelCapsule(a)
		check("label", nt, err)
		if _, err := tmpl.InsertCapsule(a, capsule); err == nil {
			t.Fatalf("InsertCapsule %q: a second capsule value beside the unlabelled one", src)
		}
	} else if a.Findings.Has(MissingCapsule) {
		nt, err := tmpl.InsertCapsule(a, capsule)
		check("insert", nt, err)
	}
	if a.Findings.Has(Misordered) {
		nt, err := tmpl.Reorder(a)
		check("reorder", nt, err)
	}
	if a.Findings.Has(Swapped) {
		nt, err := tmpl.Swap(a)
		check("swap", nt, err)
	}
	if a.Key && a.Tenant < 0 {
		nt, err := tmpl.PrefixTenant(a, tenant)
		check("prefix", nt, err)
	}
}
