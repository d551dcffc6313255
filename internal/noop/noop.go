// Package noop is the benchmarks' baseline analyzer: like capsulelint's
// analyzers it requires the inspector and walks every file, but it reports
// nothing, so its cost is what any go/analysis driver pays.
package noop

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer walks every file and reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:     "noop",
	Doc:      "walks every file and reports nothing",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for range pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root().Preorder((*ast.File)(nil)) {
		}
		return nil, nil
	},
}
