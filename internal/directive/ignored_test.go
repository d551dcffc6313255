package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

func TestReporterIgnored(t *testing.T) {
	const src = `package p

//capsule:ignore capsulefield tenant-level by design
type A struct{}

//capsule:ignore keyformat legacy
type B struct{}

type C struct{}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Report: func(d analysis.Diagnostic) { got = append(got, d.Message) }}
	cfg, err := config.Compile(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	r := NewReporter(pass, "capsulefield", cfg)
	pos := map[string]token.Pos{}
	for _, decl := range f.Decls {
		spec := decl.(*ast.GenDecl).Specs[0].(*ast.TypeSpec)
		pos[spec.Name.Name] = spec.Name.Pos()
	}
	if !r.Ignored(pos["A"]) {
		t.Errorf("A: want ignored")
	}
	if r.Ignored(pos["B"]) || r.Ignored(pos["C"]) || r.Ignored() {
		t.Errorf("B, C, none: want not ignored")
	}
	r.Finish() // the A ignore was used by Ignored: not stale
	if len(got) != 0 {
		t.Errorf("Finish reported %q, want nothing", got)
	}
}
