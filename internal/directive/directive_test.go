package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		text                   string
		name, analyzer, reason string
		problem                string // substring; "" = valid
		notDirective           bool
	}{
		{text: "//capsule:tenant-scoped billing is per tenant", name: TenantScoped, reason: "billing is per tenant"},
		{text: "//capsule:global currency table", name: Global, reason: "currency table"},
		{text: "//capsule:repository", name: Repository},
		{text: "//capsule:keyhelper", name: Keyhelper},
		{text: "//capsule:repository the invoice store", name: Repository, reason: "the invoice store"},
		{text: "//capsule:ignore keyformat legacy   export  format", name: Ignore, analyzer: "keyformat", reason: "legacy export format"},
		{text: "//capsule:ignore capsulefield x", name: Ignore, analyzer: "capsulefield", reason: "x"},
		{text: "//capsule:tenant-scoped", name: TenantScoped, problem: "//capsule:tenant-scoped needs a reason"},
		{text: "//capsule:global   ", name: Global, problem: "//capsule:global needs a reason"},
		{text: "//capsule:", problem: "empty //capsule: directive; want one of tenant-scoped, global, repository, keyhelper, ignore"},
		{text: "//capsule:   ", problem: "empty //capsule: directive"},
		{text: "//capsule:tenantscoped why", name: "tenantscoped", reason: "why", problem: "unknown directive //capsule:tenantscoped; want one of"},
		{text: "//capsule:ignore", name: Ignore, problem: "needs an analyzer and a reason"},
		{text: "//capsule:ignore keyformt legacy", name: Ignore, analyzer: "keyformt", reason: "legacy", problem: "unknown analyzer keyformt; want one of capsulefield, keyformat, repocapsule, gsitenant"},
		{text: "//capsule:ignore gsitenant", name: Ignore, analyzer: "gsitenant", problem: "//capsule:ignore gsitenant needs a reason"},
		{text: "// capsule:global spaced", notDirective: true},
		{text: "/*capsule:global block*/", notDirective: true},
		{text: "// an ordinary comment", notDirective: true},
		{text: "//go:generate x", notDirective: true},
	} {
		t.Run(tc.text, func(t *testing.T) {
			d, ok := parse(&ast.Comment{Slash: 1, Text: tc.text}, Analyzers)
			if ok == tc.notDirective {
				t.Fatalf("parse(%q) ok = %v", tc.text, ok)
			}
			if !ok {
				return
			}
			if d.Name != tc.name || d.Analyzer != tc.analyzer || d.Reason != tc.reason {
				t.Errorf("parse(%q) = name %q analyzer %q reason %q; want %q %q %q", tc.text, d.Name, d.Analyzer, d.Reason, tc.name, tc.analyzer, tc.reason)
			}
			if tc.problem == "" && !d.Valid() {
				t.Errorf("parse(%q): problem %q, want valid", tc.text, d.Problem)
			}
			if tc.problem != "" && (d.Valid() || !strings.Contains(d.Problem, tc.problem)) {
				t.Errorf("parse(%q): problem %q, want %q", tc.text, d.Problem, tc.problem)
			}
			if d.Pos != 1 || d.End != token.Pos(1+len(tc.text)) {
				t.Errorf("parse(%q): pos %d-%d", tc.text, d.Pos, d.End)
			}
		})
	}
}

// applicabilitySrc marks with "// L<name>" the lines probed by At.
const applicabilitySrc = `package p

//capsule:tenant-scoped doc comment ending on the line above
type A struct{} // LA

// B is documented over several lines.
//
//capsule:global directive not on the last line of the doc
// Last line of the doc.
type B struct{} // LB

type C struct{} //capsule:ignore keyformat trailing comment on the same line
type D struct{} // LD: the line after a trailing directive

//capsule:tenant-scoped detached by a blank line

type E struct{} // LE

func f() {
	x := 1 //capsule:ignore keyformat trailing after a statement
	y := 2 // Ly
	//capsule:ignore keyformat on the line above a statement
	z := 3 // Lz
	_, _, _ = x, y, z
	if x > 0 { //capsule:ignore repocapsule trailing an open brace
		_ = x // Lif
	}
	_ = []int{
		1, //capsule:ignore gsitenant trailing an element
		2, // Lelem
	}
	switch {
	default: //capsule:ignore capsulefield trailing a default clause
		_ = x // Ldefault
	}
}

//capsule:tenant-scoped
type F struct{} // LF: the directive has no reason, so it has no effect

//capsule:ignore keyformat two directives in one group
//capsule:repository
type G struct{} // LG
`

// probe returns the position of the line marked "// L<name>".
func probe(t *testing.T, fset *token.FileSet, f *ast.File, name string) token.Pos {
	t.Helper()
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "// L"+name+":") || c.Text == "// L"+name {
				tf := fset.File(c.Pos())
				return tf.LineStart(tf.Line(c.Pos()))
			}
		}
	}
	t.Fatalf("no line marked L%s", name)
	return token.NoPos
}

func parseFile(t *testing.T, fset *token.FileSet, name, src string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestApplicability(t *testing.T) {
	fset := token.NewFileSet()
	f := parseFile(t, fset, "p.go", applicabilitySrc)
	df := Parse(fset, f, Analyzers)
	line := func(name string) token.Pos { return probe(t, fset, f, name) }
	at := func(pos token.Pos, name, analyzer string) *Directive { return df.At(pos, name, analyzer) }
	thisLine := func(text string) token.Pos { // the line of the directive //capsule:<text>...
		for _, d := range df.All {
			if strings.HasPrefix(applicabilitySrc[fset.Position(d.Pos).Offset:], "//capsule:"+text) {
				tf := fset.File(d.Pos)
				return tf.LineStart(tf.Line(d.Pos))
			}
		}
		t.Fatalf("no directive %q", text)
		return token.NoPos
	}

	if d := at(line("A"), TenantScoped, ""); d == nil || d.Reason != "doc comment ending on the line above" {
		t.Errorf("A: doc comment on the line above: got %+v", d)
	}
	if at(line("A"), Global, "") != nil {
		t.Errorf("A: a global directive applies, want only tenant-scoped")
	}
	if d := at(line("B"), Global, ""); d == nil {
		t.Errorf("B: directive inside a multi-line doc comment does not apply")
	}
	if at(thisLine("ignore keyformat trailing comment"), Ignore, "keyformat") == nil {
		t.Errorf("C: trailing directive does not apply to its own line")
	}
	if at(line("D"), Ignore, "keyformat") != nil {
		t.Errorf("D: a trailing directive on the line above applies to the next declaration")
	}
	if at(line("E"), TenantScoped, "") != nil {
		t.Errorf("E: directive detached by a blank line applies")
	}
	if at(line("y"), Ignore, "keyformat") != nil {
		t.Errorf("y: a directive trailing the statement above applies")
	}
	if at(line("z"), Ignore, "keyformat") == nil {
		t.Errorf("z: directive on the line above a statement does not apply")
	}
	if at(line("z"), Ignore, "gsitenant") != nil {
		t.Errorf("z: an ignore for keyformat applies to gsitenant")
	}
	if at(line("if"), Ignore, "repocapsule") != nil {
		t.Errorf("if: a directive trailing an open brace applies to the line below")
	}
	if at(line("elem"), Ignore, "gsitenant") != nil {
		t.Errorf("elem: a directive trailing an element applies to the line below")
	}
	if at(line("default"), Ignore, "capsulefield") != nil {
		t.Errorf("default: a directive trailing a default clause applies to the line below")
	}
	if at(line("F"), TenantScoped, "") != nil {
		t.Errorf("F: a directive without a reason has an effect")
	}
	if at(line("G"), Ignore, "keyformat") == nil || at(line("G"), Repository, "") == nil {
		t.Errorf("G: both directives of the group should apply")
	}

	// At marks what it returns as used.
	var used, unused []string
	for _, d := range df.All {
		if d.Used() {
			used = append(used, d.Name+" "+d.Reason)
		} else {
			unused = append(unused, d.Name+" "+d.Reason)
		}
	}
	for _, u := range unused {
		if strings.Contains(u, "doc comment ending") || strings.Contains(u, "two directives") {
			t.Errorf("directive %q returned by At is not marked used", u)
		}
	}
	for _, u := range used {
		if strings.Contains(u, "detached") {
			t.Errorf("directive %q never returned by At is marked used", u)
		}
	}
}

func TestAtOutOfRange(t *testing.T) {
	fset := token.NewFileSet()
	f := parseFile(t, fset, "p.go", applicabilitySrc)
	other := parseFile(t, fset, "q.go", "package p\n\n//capsule:global q\nvar Q int\n")
	df := Parse(fset, f, Analyzers)
	var nilFile *File
	for _, pos := range []token.Pos{token.NoPos, other.Pos(), other.End(), token.Pos(fset.Base() + 100)} {
		if d := df.At(pos, Global, ""); d != nil {
			t.Errorf("At(%d) = %+v, want nil for a position outside the file", pos, d)
		}
	}
	if nilFile.At(f.Pos(), Global, "") != nil {
		t.Errorf("nil File: At = non-nil")
	}
}

func TestParseNoDirectives(t *testing.T) {
	fset := token.NewFileSet()
	f := parseFile(t, fset, "p.go", "package p\n\n// T is a type.\ntype T struct{}\n")
	df := Parse(fset, f, Analyzers)
	if len(df.All) != 0 || len(df.byLine) != 0 {
		t.Errorf("Parse = %+v, want nothing", df)
	}
}

// A directive that trails code applies to that line only; before the fix
// it also applied to the line below it, so an ignore on one statement
// silenced the next one.
func TestRegressionTrailingDirectiveDoesNotApplyToNextLine(t *testing.T) {
	const src = `package p

func f() (string, string) {
	a := "TENANT#1" //capsule:ignore keyformat legacy export key
	b := "TENANT#2"
	return a, b
}
`
	fset := token.NewFileSet()
	f := parseFile(t, fset, "p.go", src)
	df := Parse(fset, f, Analyzers)
	tf := fset.File(f.Pos())
	if df.At(tf.LineStart(4), Ignore, "keyformat") == nil {
		t.Errorf("line 4: the trailing ignore does not apply to its own line")
	}
	if d := df.At(tf.LineStart(5), Ignore, "keyformat"); d != nil {
		t.Errorf("line 5: the ignore trailing line 4 applies: %+v", d)
	}
}
