package directive

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/keyreaders"
)

// readersOf returns where the package takes keys apart that fix changes:
// code that cuts, slices, splits, scans or compares keys of a template
// or key string fix edits (see [keyreaders]), other than what fix edits
// itself. Which readers follow a changed writer, and how, is known only
// with the code as the fix leaves it: the fix engine (capsulelint
// migrate, -fix) rewrites them with the writer, type-checked together. A
// driver applying a package's fixes one by one cannot, so it withholds
// such a fix rather than break its readers; readers that only test a
// prefix the new keys still have do not count.
func (r *Reporter) readersOf(fix analysis.SuggestedFix) []string {
	if r.Pass.TypesInfo == nil {
		return nil // a pass without types (some drivers' tests): no templates to tell
	}
	sep := r.Cfg.Separator
	if sep == "" {
		sep = "#"
	}
	type span struct {
		file       string
		start, end int
	}
	var edited []span
	var changes []keyreaders.Change
	seen := map[ast.Expr]bool{}
	change := func(e ast.Expr, old string) {
		if !seen[e] && strings.Contains(old, sep) {
			seen[e] = true
			changes = append(changes, keyreaders.Change{Old: old, Sep: sep, Writer: r.Pass.Fset.Position(e.Pos())})
		}
	}
	templates := map[*ast.File][]keyreaders.Template{}
	for _, e := range fix.TextEdits {
		tf, f := r.Pass.Fset.File(e.Pos), r.astOf(e.Pos)
		if tf == nil || f == nil {
			continue
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		edited = append(edited, span{tf.Name(), tf.Offset(e.Pos), tf.Offset(end)})
		within := func(n ast.Node) bool { return n.Pos() <= e.Pos && end <= n.End() }
		if _, ok := templates[f]; !ok {
			templates[f] = keyreaders.Templates(f, r.Pass.TypesInfo)
		}
		for _, t := range templates[f] {
			if within(t.Expr) {
				change(t.Expr, t.Layout)
			}
		}
		// A key string edited where it is declared (a format constant).
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || n.End() < e.Pos || end < n.Pos() {
				return false
			}
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && within(lit) {
				if tv := r.Pass.TypesInfo.Types[lit]; tv.Value != nil && tv.Value.Kind() == constant.String {
					change(lit, constant.StringVal(tv.Value))
				}
			}
			return true
		})
	}
	if len(changes) == 0 {
		return nil
	}
	places := keyreaders.Find([]keyreaders.Package{{Fset: r.Pass.Fset, Files: r.Pass.Files, Info: r.Pass.TypesInfo}}, changes, keyreaders.Options{
		Skip: func(file string, start, end int) bool {
			return slices.ContainsFunc(edited, func(s span) bool { return s.file == file && s.start < end && start < s.end })
		},
		Src: r.Pass.ReadFile,
	})
	var out []string
	for _, p := range places {
		if p.Status == keyreaders.Unchanged {
			continue
		}
		if at := fmt.Sprintf("%s:%d", filepath.Base(p.Pos.Filename), p.Pos.Line); !slices.Contains(out, at) {
			out = append(out, at)
		}
	}
	return out
}
