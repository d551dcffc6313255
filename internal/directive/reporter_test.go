package directive

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
)

// typeAnalyzer is a throwaway analyzer called name that reports every
// struct type declaration ("type X") through a Reporter, unless a
// tenant-scoped or global directive opts it out; a type declared inside a
// function passes the function's position as the enclosing declaration.
func typeAnalyzer(name string, cfg config.Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     name,
		Doc:      "reports struct types (test analyzer)",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			res, err := config.Compile(cfg)
			if err != nil {
				return nil, err
			}
			r := NewReporter(pass, name, res)
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for cur := range insp.Root().Preorder((*ast.TypeSpec)(nil)) {
				spec := cur.Node().(*ast.TypeSpec)
				if _, ok := spec.Type.(*ast.StructType); !ok {
					continue
				}
				decls := []token.Pos{cur.Parent().Node().Pos()}
				for fn := range cur.Enclosing((*ast.FuncDecl)(nil)) {
					decls = append(decls, fn.Node().Pos())
				}
				if r.OptedOut(append([]token.Pos{spec.Name.Pos()}, decls...)...) {
					continue
				}
				r.Report(analysis.Diagnostic{Pos: spec.Name.Pos(), Message: "type " + spec.Name.Name}, decls...)
			}
			r.Finish()
			return nil, nil
		},
	}
}

func TestReporterAnalysistest(t *testing.T) {
	dir := analysistest.TestData()
	analysistest.Run(t, dir, typeAnalyzer("keyformat", config.Default()), "dirtest")
}

func TestReporterIncludeTestsOff(t *testing.T) {
	cfg := config.Default()
	cfg.IncludeTests = false
	analysistest.Run(t, analysistest.TestData(), typeAnalyzer("keyformat", cfg), "dirnotests")
}

func TestReporterReportsDirectiveProblemsOnce(t *testing.T) {
	dir := analysistest.TestData()
	// The problem owner reports malformed directives ...
	analysistest.Run(t, dir, typeAnalyzer(ProblemOwner, config.Default()), "dirproblems")
	// ... and the other analyzers do not (dirproblems has no want for them
	// beyond the type diagnostics, so reuse its source through a hand-built
	// pass).
	fset := token.NewFileSet()
	f := parseFile(t, fset, "a.go", "package p\n\n//capsule:tenant-scoped\ntype T struct{}\n\n//capsule:bogus\nvar V int\n")
	for _, name := range []string{"keyformat", "repocapsule", "gsitenant"} {
		got := run(t, fset, []*ast.File{f}, name, config.Default(), nil)
		if len(got) != 0 {
			t.Errorf("%s reported %v; want malformed directives reported by %s only", name, got, ProblemOwner)
		}
	}
	got := run(t, fset, []*ast.File{f}, ProblemOwner, config.Default(), nil)
	if len(got) != 2 {
		t.Errorf("%s reported %v; want the two malformed directives", ProblemOwner, got)
	}
}

// run builds a pass over files by hand, lets report use a Reporter for
// analyzer name, finishes it and returns the diagnostics.
func run(t *testing.T, fset *token.FileSet, files []*ast.File, name string, cfg config.Config, report func(r *Reporter)) []analysis.Diagnostic {
	t.Helper()
	res, err := config.Compile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Fset: fset, Files: files, Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	r := NewReporter(pass, name, res)
	if report != nil {
		report(r)
	}
	r.Finish()
	return got
}

func messages(ds []analysis.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Message)
	}
	return out
}

// declPos returns the position of the declaration of name in f.
func declPos(t *testing.T, f *ast.File, name string) token.Pos {
	t.Helper()
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Name.Name == name {
				return decl.Name.Pos()
			}
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					if spec.Name.Name == name {
						return spec.Name.Pos()
					}
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						if n.Name == name {
							return n.Pos()
						}
					}
				}
			}
		}
	}
	t.Fatalf("no declaration of %s", name)
	return token.NoPos
}

func TestReporterIgnoreAndStale(t *testing.T) {
	const src = `package p

//capsule:ignore keyformat legacy keys
func Legacy() string {
	return "TENANT#1"
}

func Current() string {
	//capsule:ignore keyformat the statement below is fine
	return "TENANT#2"
}

//capsule:ignore keyformat stale
func Stale() {}

//capsule:ignore repocapsule not keyformat's
func Other() {}
`
	fset := token.NewFileSet()
	f := parseFile(t, fset, "p.go", src)
	lit := func(val string) token.Pos {
		var pos token.Pos
		ast.Inspect(f, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Value == val {
				pos = l.Pos()
			}
			return true
		})
		return pos
	}
	got := run(t, fset, []*ast.File{f}, "keyformat", config.Default(), func(r *Reporter) {
		// Suppressed by the ignore on the enclosing declaration.
		r.Report(analysis.Diagnostic{Pos: lit(`"TENANT#1"`), Message: "legacy"}, declPos(t, f, "Legacy"))
		// Suppressed by the ignore on the line above the statement.
		r.Report(analysis.Diagnostic{Pos: lit(`"TENANT#2"`), Message: "current"}, declPos(t, f, "Current"))
		// Not suppressed: the ignore names another analyzer.
		r.Report(analysis.Diagnostic{Pos: declPos(t, f, "Other"), Message: "other"})
		// Reporting the same legacy finding without its declaration: the
		// ignore does not reach the literal's line.
		r.Report(analysis.Diagnostic{Pos: lit(`"TENANT#1"`), Message: "legacy without decl"})
	})
	want := []string{
		"other",
		"legacy without decl",
		"stale //capsule:ignore keyformat directive: keyformat reports nothing here; remove it",
	}
	if !slices.Equal(messages(got), want) {
		t.Errorf("got  %q\nwant %q", messages(got), want)
	}
	stale := got[2]
	if stale.Category != "directive" || fset.Position(stale.Pos).Line != 13 || stale.End <= stale.Pos {
		t.Errorf("stale diagnostic at %s-%d, category %q", fset.Position(stale.Pos), stale.End, stale.Category)
	}
	// The repocapsule ignore is stale for repocapsule, not for keyformat.
	got = run(t, fset, []*ast.File{f}, "repocapsule", config.Default(), nil)
	if len(got) != 1 || !strings.Contains(got[0].Message, "stale //capsule:ignore repocapsule") || fset.Position(got[0].Pos).Line != 16 {
		t.Errorf("repocapsule: %q", messages(got))
	}
}

func TestReporterDirectiveAndOptedOut(t *testing.T) {
	const src = `package p

//capsule:tenant-scoped billing is per tenant
type Billing struct{}

//capsule:global currency table
type Currency struct{}

//capsule:repository
type Things interface{}

//capsule:keyhelper
func idx(t string) string { return t }

type Plain struct{}
`
	fset := token.NewFileSet()
	f := parseFile(t, fset, "p.go", src)
	run(t, fset, []*ast.File{f}, "capsulefield", config.Default(), func(r *Reporter) {
		for name, want := range map[string]bool{"Billing": true, "Currency": true, "Things": false, "idx": false, "Plain": false} {
			if got := r.OptedOut(declPos(t, f, name)); got != want {
				t.Errorf("OptedOut(%s) = %v, want %v", name, got, want)
			}
		}
		if d := r.Directive(Global, declPos(t, f, "Billing"), declPos(t, f, "Currency")); d == nil || d.Reason != "currency table" {
			t.Errorf("Directive(global, Billing, Currency) = %+v", d)
		}
		if r.Directive(Repository, declPos(t, f, "Things")) == nil || r.Directive(Repository, declPos(t, f, "Plain")) != nil {
			t.Errorf("Directive(repository)")
		}
		if r.Directive(Keyhelper, declPos(t, f, "idx")) == nil {
			t.Errorf("Directive(keyhelper)")
		}
		if r.Directive(Global) != nil || r.Directive(Global, token.NoPos) != nil {
			t.Errorf("Directive without positions")
		}
	})
}

func TestReporterSkips(t *testing.T) {
	fset := token.NewFileSet()
	plain := parseFile(t, fset, "dir/a.go", "package p\n\ntype A struct{}\n")
	gen := parseFile(t, fset, "dir/gen.go", "// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage p\n\ntype G struct{}\n\n//capsule:ignore keyformat not stale\ntype H struct{}\n\n//capsule:global\ntype B struct{}\n")
	test := parseFile(t, fset, "dir/a_test.go", "package p\n\ntype T struct{}\n\n//capsule:ignore keyformat stale when tests are analysed\ntype U struct{}\n")
	files := []*ast.File{plain, gen, test}
	reportAll := func(r *Reporter) {
		for _, f := range files {
			for _, name := range []string{"A", "G", "T"} {
				for _, decl := range f.Decls {
					if spec, ok := decl.(*ast.GenDecl).Specs[0].(*ast.TypeSpec); ok && spec.Name.Name == name {
						r.Report(analysis.Diagnostic{Pos: spec.Name.Pos(), Message: name})
					}
				}
			}
		}
	}
	for _, tc := range []struct {
		includeTests bool
		name         string
		want         []string
	}{
		{true, "keyformat", []string{"A", "T", "stale //capsule:ignore keyformat directive: keyformat reports nothing here; remove it"}},
		{false, "keyformat", []string{"A"}},
		{false, ProblemOwner, []string{"A"}}, // the bare //capsule:global is in a generated file
	} {
		cfg := config.Default()
		cfg.IncludeTests = tc.includeTests
		var r *Reporter
		got := run(t, fset, files, tc.name, cfg, func(rep *Reporter) { r = rep; reportAll(rep) })
		if !slices.Equal(messages(got), tc.want) {
			t.Errorf("include-tests=%v %s: got %q, want %q", tc.includeTests, tc.name, messages(got), tc.want)
		}
		if !r.Skip(gen) || r.Skip(plain) || r.Skip(test) == tc.includeTests {
			t.Errorf("include-tests=%v: Skip(gen, plain, test) = %v %v %v", tc.includeTests, r.Skip(gen), r.Skip(plain), r.Skip(test))
		}
		if !r.SkipPos(gen.Pos()) || r.SkipPos(plain.Pos()) || !r.SkipPos(token.NoPos) {
			t.Errorf("SkipPos")
		}
	}
}

func TestReporterSingleFileFixes(t *testing.T) {
	fset := token.NewFileSet()
	a := parseFile(t, fset, "dir/a.go", "package p\n\nfunc F(t string) {}\n")
	b := parseFile(t, fset, "dir/b.go", "package p\n\nfunc G() { F(\"x\") }\n")
	c := parseFile(t, fset, "dir/c.go", "package p\n\nfunc H() { F(\"y\") }\n")
	local := analysis.SuggestedFix{Message: "local", TextEdits: []analysis.TextEdit{{Pos: a.Name.End(), End: a.Name.End(), NewText: []byte("\n")}}}
	spread := analysis.SuggestedFix{Message: "spread", TextEdits: []analysis.TextEdit{
		{Pos: a.Name.End(), End: a.Name.End(), NewText: []byte("\n")},
		{Pos: b.Name.End(), End: b.Name.End(), NewText: []byte("\n")},
		{Pos: c.Name.End(), End: c.Name.End(), NewText: []byte("\n")},
		{Pos: c.End(), End: c.End(), NewText: []byte("\n")},
	}}
	diag := func(fixes ...analysis.SuggestedFix) analysis.Diagnostic {
		return analysis.Diagnostic{Pos: declPos(t, a, "F"), Message: "func F takes a tenant ID without a capsule ID", SuggestedFixes: fixes}
	}
	const withheld = "func F takes a tenant ID without a capsule ID (fix withheld: it also edits b.go, c.go, and this driver applies only the edits in the diagnostic's file; run capsulelint migrate (or capsulelint -fix), which completes it in every package)"
	for _, tc := range []struct {
		scope     config.FixScope
		in        analysis.Diagnostic
		wantFixes []string
		wantMsg   string
	}{
		{config.FixWorkspace, diag(local, spread), []string{"local", "spread"}, "func F takes a tenant ID without a capsule ID"},
		// F is not exported: one package's driver applies both.
		{config.FixPackage, diag(local, spread), []string{"local", "spread"}, "func F takes a tenant ID without a capsule ID"},
		{config.FixSingleFile, diag(local), []string{"local"}, "func F takes a tenant ID without a capsule ID"},
		{config.FixSingleFile, diag(local, spread), []string{"local"}, withheld},
		{config.FixSingleFile, diag(spread), nil, withheld},
		{config.FixSingleFile, diag(), nil, "func F takes a tenant ID without a capsule ID"},
	} {
		cfg := config.Default()
		cfg.FixScope = tc.scope
		got := run(t, fset, []*ast.File{a, b, c}, "repocapsule", cfg, func(r *Reporter) { r.Report(tc.in) })
		if len(got) != 1 {
			t.Fatalf("got %d diagnostics", len(got))
		}
		var fixes []string
		for _, f := range got[0].SuggestedFixes {
			fixes = append(fixes, f.Message)
		}
		if !slices.Equal(fixes, tc.wantFixes) || got[0].Message != tc.wantMsg {
			t.Errorf("%s: got %q %q\nwant %q %q", tc.scope, got[0].Message, fixes, tc.wantMsg, tc.wantFixes)
		}
	}
}

// An edit at a position outside the file set must not crash the
// single-file filter.
func TestRegressionSingleFileFixWithForeignPosition(t *testing.T) {
	fset := token.NewFileSet()
	a := parseFile(t, fset, "dir/a.go", "package p\n\nfunc F() {}\n")
	cfg := config.Default()
	cfg.FixScope = config.FixSingleFile
	fix := analysis.SuggestedFix{Message: "odd", TextEdits: []analysis.TextEdit{{Pos: token.Pos(fset.Base() + 1000), NewText: []byte("x")}}}
	got := run(t, fset, []*ast.File{a}, "repocapsule", cfg, func(r *Reporter) {
		r.Report(analysis.Diagnostic{Pos: declPos(t, a, "F"), Message: "m", SuggestedFixes: []analysis.SuggestedFix{fix}})
	})
	if len(got) != 1 || len(got[0].SuggestedFixes) != 0 {
		t.Errorf("got %+v, want the diagnostic without the fix", got)
	}
}
