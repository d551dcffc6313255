package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

// TestReporterTestVariant checks that a pass without the package's
// in-package _test.go files (drivers also analyse the test variant, which
// has them) reports its diagnostics without fixes, with the same message,
// and that every other pass keeps them.
func TestReporterTestVariant(t *testing.T) {
	const (
		lib      = "package p\n\ntype T struct{}\n"
		inTest   = "package p\n\nfunc helper() {}\n"
		extTest  = "package p_test\n\nfunc helper() {}\n"
		excluded = "//go:build ignore\n\npackage p\n\nfunc helper() {}\n"
	)
	for _, tc := range []struct {
		name   string
		dir    map[string]string // the package directory
		pass   []string          // the pass's files
		pkg    string            // the pass's package name
		wantFx bool
	}{
		{"package with in-package tests", map[string]string{"a.go": lib, "a_test.go": inTest}, []string{"a.go"}, "p", false},
		{"its test variant", map[string]string{"a.go": lib, "a_test.go": inTest}, []string{"a.go", "a_test.go"}, "p", true},
		{"package without tests", map[string]string{"a.go": lib}, []string{"a.go"}, "p", true},
		{"package with only external tests", map[string]string{"a.go": lib, "x_test.go": extTest}, []string{"a.go"}, "p", true},
		{"external test package", map[string]string{"a.go": lib, "a_test.go": inTest, "x_test.go": extTest}, []string{"x_test.go"}, "p_test", true},
		{"package whose tests are excluded by build constraints", map[string]string{"a.go": lib, "a_test.go": excluded}, []string{"a.go"}, "p", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range tc.dir {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			fset := token.NewFileSet()
			var files []*ast.File
			for _, name := range tc.pass {
				f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			res, err := config.Compile(config.Default())
			if err != nil {
				t.Fatal(err)
			}
			var got []analysis.Diagnostic
			pass := &analysis.Pass{Fset: fset, Files: files, Pkg: types.NewPackage("example.com/p", tc.pkg),
				Report: func(d analysis.Diagnostic) { got = append(got, d) }}
			r := NewReporter(pass, "repocapsule", res)
			f := files[0]
			edit := analysis.TextEdit{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n")}
			r.Report(analysis.Diagnostic{Pos: f.Name.Pos(), Message: "finding",
				SuggestedFixes: []analysis.SuggestedFix{{Message: "fix", TextEdits: []analysis.TextEdit{edit}}}})
			// A diagnostic without fixes is reported as it is.
			r.Report(analysis.Diagnostic{Pos: f.Name.Pos(), Message: "unfixable"})
			if len(got) != 2 {
				t.Fatalf("got %d diagnostics, want 2", len(got))
			}
			if got[0].Message != "finding" || got[1].Message != "unfixable" || len(got[1].SuggestedFixes) != 0 {
				t.Errorf("got %v; want the messages unchanged", messages(got))
			}
			if hasFix := len(got[0].SuggestedFixes) > 0; hasFix != tc.wantFx {
				t.Errorf("fix offered: %v, want %v", hasFix, tc.wantFx)
			}
			if r.MissesTests() == tc.wantFx {
				t.Errorf("MissesTests() = %v, want %v", r.MissesTests(), !tc.wantFx)
			}
		})
	}
}
