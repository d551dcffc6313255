package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/gen"
	"github.com/capsulelint/capsulelint/internal/noop"
)

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
		{"noop", []*analysis.Analyzer{noop.Analyzer}},
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
