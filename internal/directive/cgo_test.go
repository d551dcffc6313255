package directive

import (
	"go/ast"
	"os/exec"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
)

// fixAnalyzer reports every struct type through a Reporter with a fix
// that inserts a comment before the type's name.
var fixAnalyzer = &analysis.Analyzer{
	Name:     "keyformat",
	Doc:      "reports struct types with a fix (test analyzer)",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res, err := config.Compile(config.Default())
		if err != nil {
			return nil, err
		}
		r := NewReporter(pass, "keyformat", res)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for cur := range insp.Root().Preorder((*ast.TypeSpec)(nil)) {
			spec := cur.Node().(*ast.TypeSpec)
			if _, ok := spec.Type.(*ast.StructType); !ok || r.OptedOut(spec.Name.Pos(), cur.Parent().Node().Pos()) {
				continue
			}
			r.Report(analysis.Diagnostic{
				Pos:     spec.Name.Pos(),
				Message: "type " + spec.Name.Name,
				SuggestedFixes: []analysis.SuggestedFix{{
					Message:   "comment",
					TextEdits: []analysis.TextEdit{{Pos: spec.Name.Pos(), End: spec.Name.Pos(), NewText: []byte("/* fixed */ ")}},
				}},
			}, cur.Parent().Node().Pos())
		}
		r.Finish()
		return nil, nil
	},
}

// TestCgo checks that the code of a file importing "C", which drivers
// analyse through cmd/cgo's translation (marked generated), is reported
// (unless the file is itself generated), that directives apply in it, and
// that fixes editing it are dropped with a reason: their edits would land
// in the build cache's copy.
func TestCgo(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler (gcc) for cgo")
	}
	t.Setenv("CGO_ENABLED", "1")
	for _, r := range analysistest.Run(t, analysistest.TestData(), fixAnalyzer, "dircgo") {
		for _, d := range r.Diagnostics {
			if r.Pass.Fset.File(d.Pos).Name() != r.Pass.Fset.Position(d.Pos).Filename && len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: fix offered in cmd/cgo's translation", r.Pass.Fset.Position(d.Pos))
			}
		}
	}
}
