package keys

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"testing"
)

// parsed is a Go expression parsed from source, for concatenation and join
// tests that apply edits to the source.
type parsed struct {
	fset *token.FileSet
	src  string
	expr ast.Expr
}

func parseExpr(src string) (*parsed, error) {
	fset := token.NewFileSet()
	e, err := parser.ParseExprFrom(fset, "x.go", src, 0)
	if err != nil {
		return nil, err
	}
	return &parsed{fset, src, e}, nil
}

func (p *parsed) off(pos token.Pos) int { return p.fset.Position(pos).Offset }

func (p *parsed) text(e ast.Expr) string { return p.src[p.off(e.Pos()):p.off(e.End())] }

// apply applies edits to the source; overlapping edits are an error.
func (p *parsed) apply(edits []Edit) (string, error) {
	edits = append([]Edit(nil), edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		start, end := p.off(e.Pos), p.off(e.End)
		if start < last || end < start {
			return "", fmt.Errorf("overlapping edits %+v", edits)
		}
		b.WriteString(p.src[last:start])
		b.WriteString(e.New)
		last = end
	}
	b.WriteString(p.src[last:])
	return b.String(), nil
}

// byIdent classifies concatenation and join holes by the name of their
// value: t..., tenant... are tenant values, c..., capsule... capsule values.
func byIdent(t *Template) Classifier {
	return func(p *Piece) (bool, bool) {
		if p.New != "" {
			return byName(strings.TrimPrefix(p.New, "string("))
		}
		e := t.HoleExpr(p)
		if e == nil {
			return false, false
		}
		return byName(types.ExprString(e))
	}
}

func rewrite(op string, tmpl *Template, a *Analysis) (*Template, error) {
	switch op {
	case "insert":
		return tmpl.InsertCapsule(a, "string(c)")
	case "prefix":
		return tmpl.PrefixTenant(a, "string(t)")
	case "reorder":
		return tmpl.Reorder(a)
	case "swap":
		return tmpl.Swap(a)
	}
	return nil, fmt.Errorf("unknown op %q", op)
}

func TestFromConcat(t *testing.T) {
	for _, tc := range []struct {
		src, pieces string
	}{
		{`"TENANT#" + string(t) + "#INVOICE#" + id`, `"TENANT#" <op1> "#INVOICE#" <op3>`},
		{`"TENANT#" + (t + "#X")`, `"TENANT#" <op1> "#X"`},
		{`("TENANT#" + t)`, `"TENANT#" <op1>`},
		{`"" + "a"`, `"" "a"`},
		{`x`, `<op0>`},
		{"`TENANT#` + t", `"TENANT#" <op1>`},
	} {
		p, err := parseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := FromConcat(p.expr, nil)
		if got := dumpPieces(tmpl); got != tc.pieces {
			t.Errorf("FromConcat(%s) = %s, want %s", tc.src, got, tc.pieces)
		}
	}
	p, _ := parseExpr(`"TENANT#" + string(t)`)
	tmpl := FromConcat(p.expr, nil)
	if got := types.ExprString(tmpl.HoleExpr(&tmpl.Pieces[1])); got != "t" {
		t.Errorf("the value of string(t) is %s, want t", got)
	}
	if got := tmpl.String(); got != "TENANT#{t}" {
		t.Errorf("String() = %q", got)
	}
}

func TestConcatRewrites(t *testing.T) {
	for _, tc := range []struct {
		op, src, want string
	}{
		// The separator at the start of the next literal.
		{"insert", `"TENANT#" + t + "#INVOICE#" + id`, `"TENANT#" + t + "#CAPSULE#" + string(c) + "#INVOICE#" + id`},
		// At the end of the previous literal, with a lone separator next.
		{"insert", `"TENANT#" + t + "#" + "INVOICE#" + id`, `"TENANT#" + t + "#CAPSULE#" + string(c) + "#" + "INVOICE#" + id`},
		// The key ends after the tenant value.
		{"insert", `"TENANT#" + t`, `"TENANT#" + t + "#CAPSULE#" + string(c)`},
		{"insert", `"TENANT#" + t + "#"`, `"TENANT#" + t + "#CAPSULE#" + string(c) + "#"`},
		// The tenant value is a literal: the literal is cut.
		{"insert", `"TENANT#acme#INVOICE#" + id`, `"TENANT#acme#CAPSULE#" + string(c) + "#INVOICE#" + id`},
		{"insert", "`TENANT#acme`", `"TENANT#acme#CAPSULE#" + string(c)`},
		// Named constants stay whole.
		{"insert", `tenantPrefix + t + invoiceSeg + id`, `tenantPrefix + t + "#CAPSULE#" + string(c) + invoiceSeg + id`},
		// Parentheses.
		{"insert", `"TENANT#" + (t + "#INVOICE#" + id)`, `"TENANT#" + (t + "#CAPSULE#" + string(c) + "#INVOICE#" + id)`},
		{"insert", `("TENANT#" + t) + "#X"`, `("TENANT#" + t + "#CAPSULE#" + string(c)) + "#X"`},
		{"insert", "\"TENANT#\" +\n\tt +\n\t\"#INVOICE#\"", "\"TENANT#\" +\n\tt + \"#CAPSULE#\" + string(c) +\n\t\"#INVOICE#\""},
		{"reorder", `"CAPSULE#" + c + "#TENANT#" + t + "#INVOICE#" + id`, `"TENANT#" + t + "#CAPSULE#" + c + "#INVOICE#" + id`},
		{"reorder", `"TENANT#" + t + "#INVOICE#" + id + "#CAPSULE#" + c`, `"TENANT#" + t + "#CAPSULE#" + c + "#INVOICE#" + id`},
		{"reorder", `"CAPSULE#" + (c + "#TENANT#") + t`, `"TENANT#" + t + "#CAPSULE#" + c`},
		{"swap", `"TENANT#" + c + "#CAPSULE#" + t + "#X"`, `"TENANT#" + t + "#CAPSULE#" + c + "#X"`},
		{"swap", `"TENANT#" + string(c) + "#CAPSULE#" + string(t)`, `"TENANT#" + string(t) + "#CAPSULE#" + string(c)`},
		{"prefix", `"CAPSULE#" + c + "#ACCOUNT#" + a`, `"TENANT#" + string(t) + "#CAPSULE#" + c + "#ACCOUNT#" + a`},
		{"prefix", `"GSI1#CAPSULE#" + c`, `"GSI1#TENANT#" + string(t) + "#CAPSULE#" + c`},
	} {
		p, err := parseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		var info *types.Info
		tmpl := FromConcat(p.expr, info)
		for i, op := range tmpl.Operands {
			// Fake named constants without type information.
			if id, ok := op.Expr.(*ast.Ident); ok && strings.HasSuffix(id.Name, "Prefix") || ok && strings.HasSuffix(id.Name, "Seg") {
				tmpl.Operands[i] = Operand{Expr: op.Expr, Const: true, Text: map[string]string{"tenantPrefix": "TENANT#", "invoiceSeg": "#INVOICE#"}[id.Name]}
				tmpl.Pieces = tmpl.rebuildFromOperands()
			}
		}
		a := tmpl.Analyze(DefaultLabels(), byIdent(tmpl))
		nt, err := rewrite(tc.op, tmpl, a)
		if err != nil {
			t.Errorf("%s %s: %v", tc.op, tc.src, err)
			continue
		}
		edits, err := nt.Edits(p.text)
		if err != nil {
			t.Errorf("%s %s: edits: %v", tc.op, tc.src, err)
			continue
		}
		got, err := p.apply(edits)
		if err != nil {
			t.Errorf("%s %s: %v", tc.op, tc.src, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s %s\n got %s\nwant %s", tc.op, tc.src, got, tc.want)
		}
	}
}

// rebuildFromOperands recomputes the pieces of a concatenation from its
// operands (tests that fake constants).
func (t *Template) rebuildFromOperands() []Piece {
	var ps []Piece
	for k, op := range t.Operands {
		if op.Const {
			ps = append(ps, Piece{Text: op.Text, Operand: k})
		} else {
			ps = append(ps, Piece{Hole: true, Operand: k})
		}
	}
	return ps
}

func TestConcatCutsConstant(t *testing.T) {
	p, _ := parseExpr(`prefix + id`)
	tmpl := FromConcat(p.expr, nil)
	tmpl.Operands[0] = Operand{Expr: tmpl.Operands[0].Expr, Const: true, Text: "TENANT#acme#INVOICE#"}
	tmpl.Pieces = tmpl.rebuildFromOperands()
	a := tmpl.Analyze(DefaultLabels(), nil)
	if a.Findings != MissingCapsule {
		t.Fatalf("findings %v", a.Findings)
	}
	nt, err := tmpl.InsertCapsule(a, "c")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nt.Edits(p.text); err == nil || !strings.Contains(err.Error(), "constant prefix") {
		t.Errorf("Edits cutting a constant: %v, want an error naming it", err)
	}
}

func TestJoin(t *testing.T) {
	for _, tc := range []struct {
		op, src, want string
		pieces        string
	}{
		{"insert", `f("TENANT", t, "INVOICE", id)`, `f("TENANT", t, "CAPSULE", string(c), "INVOICE", id)`, `"TENANT" |"#"| <op1> |"#"| "INVOICE" |"#"| <op3>`},
		{"insert", `f("TENANT", t)`, `f("TENANT", t, "CAPSULE", string(c))`, ""},
		{"insert", `f("TENANT#acme", "INVOICE", id)`, `f("TENANT#acme", "CAPSULE", string(c), "INVOICE", id)`, ""},
		{"reorder", `f("CAPSULE", c, "TENANT", t, "INVOICE", id)`, `f("TENANT", t, "CAPSULE", c, "INVOICE", id)`, ""},
		{"swap", `f("TENANT", c, "CAPSULE", t)`, `f("TENANT", t, "CAPSULE", c)`, ""},
		{"prefix", `f("CAPSULE", c, "ACCOUNT", a)`, `f("TENANT", string(t), "CAPSULE", c, "ACCOUNT", a)`, ""},
	} {
		p, err := parseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := FromJoin(p.expr.(*ast.CallExpr).Args, "#", nil)
		if tc.pieces != "" {
			if got := dumpPieces(tmpl); got != tc.pieces {
				t.Errorf("FromJoin(%s) = %s, want %s", tc.src, got, tc.pieces)
			}
		}
		a := tmpl.Analyze(DefaultLabels(), byIdent(tmpl))
		nt, err := rewrite(tc.op, tmpl, a)
		if err != nil {
			t.Errorf("%s %s: %v", tc.op, tc.src, err)
			continue
		}
		edits, err := nt.Edits(p.text)
		if err != nil {
			t.Errorf("%s %s: edits: %v", tc.op, tc.src, err)
			continue
		}
		got, err := p.apply(edits)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s %s\n got %s\nwant %s", tc.op, tc.src, got, tc.want)
		}
	}
}

func TestTag(t *testing.T) {
	for _, tc := range []struct {
		op, tag, want string
	}{
		{"insert", "TENANT#{tenant_id}#CONFIG#FINANCIAL", "TENANT#{tenant_id}#CAPSULE#{capsule_id}#CONFIG#FINANCIAL"},
		{"insert", "TENANT#{tenant_id}#ACCOUNT#{id}", "TENANT#{tenant_id}#CAPSULE#{capsule_id}#ACCOUNT#{id}"},
		{"insert", "TENANT#{tenant_id}", "TENANT#{tenant_id}#CAPSULE#{capsule_id}"},
		{"insert", "TENANT#{tenant_id}#X#{{literal}}", "TENANT#{tenant_id}#CAPSULE#{capsule_id}#X#{{literal}}"},
		{"prefix", "CAPSULE#{capsule_id}#INDUSTRY#{industry}", "TENANT#{tenant_id}#CAPSULE#{capsule_id}#INDUSTRY#{industry}"},
		{"reorder", "CAPSULE#{capsule_id}#TENANT#{tenant_id}", "TENANT#{tenant_id}#CAPSULE#{capsule_id}"},
		{"swap", "TENANT#{capsule_id}#CAPSULE#{tenant_id}", "TENANT#{tenant_id}#CAPSULE#{capsule_id}"},
	} {
		tmpl, err := FromTag(tc.tag)
		if err != nil {
			t.Fatal(err)
		}
		if got := tmpl.TagString(); got != tc.tag {
			t.Errorf("FromTag(%q).TagString() = %q", tc.tag, got)
		}
		a := tmpl.Analyze(DefaultLabels(), func(p *Piece) (bool, bool) { return byName(p.Name) })
		var nt *Template
		switch tc.op {
		case "insert":
			nt, err = tmpl.InsertCapsule(a, "capsule_id")
		case "prefix":
			nt, err = tmpl.PrefixTenant(a, "tenant_id")
		default:
			nt, err = rewrite(tc.op, tmpl, a)
		}
		if err != nil {
			t.Errorf("%s %q: %v", tc.op, tc.tag, err)
			continue
		}
		if got := nt.TagString(); got != tc.want {
			t.Errorf("%s %q = %q, want %q", tc.op, tc.tag, got, tc.want)
		}
	}
	for _, bad := range []string{"{", "}", "TENANT#{id", "TENANT#{a{b}}", "a}b"} {
		if _, err := FromTag(bad); err == nil {
			t.Errorf("FromTag(%q): no error", bad)
		}
	}
	tmpl, _ := FromTag("{{x}}#{id}")
	if got := dumpPieces(tmpl); got != `"{x}#" <id>` {
		t.Errorf("FromTag escapes: %s", got)
	}
}
