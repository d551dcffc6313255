package analyzers_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/gen"
)

// noop is the baseline: it requires the inspector and walks every file.
var noop = &analysis.Analyzer{
	Name:     "noop",
	Doc:      "walks every file and reports nothing",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for range pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root().Preorder((*ast.File)(nil)) {
		}
		return nil, nil
	},
}

// BenchmarkAnalyze measures the per-package analysis cost, loading
// excluded, of the four analyzers and of the no-op baseline on a
// generated 50-package service (a tenth of it tenant-only).
func BenchmarkAnalyze(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(gen.Options{Dir: dir, Packages: 50, Bad: 10}); err != nil {
		b.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax, Dir: dir, Tests: true}, "./...")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		list []*analysis.Analyzer
	}{
		{"noop", []*analysis.Analyzer{noop}},
		{"capsulelint", analyzers.New(config.Default())},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := checker.Analyze(tc.list, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
