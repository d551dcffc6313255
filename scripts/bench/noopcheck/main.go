// Command noopcheck is the benchmark baseline: a no-op analyzer that, like
// capsulelint's, requires the inspector and walks every file, run through
// the same x/tools multichecker driver. Its cost is what any go/analysis
// driver pays for loading and type-checking.
package main

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

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

func main() { multichecker.Main(noop) }
