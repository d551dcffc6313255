package keyreaders

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
)

// sscanf handles fmt.Sscanf(key, format, ...) with the old template's
// format: it gains the inserted segment when the verbs still match, that
// is when the value before it is an integer (a string verb reads up to a
// space: it would take the rest of the key) and the insertion is at the
// end (the inserted value is read by a string verb too).
func (fd *finder) sscanf(call *ast.CallExpr) {
	f, ok := fd.constString(call.Args[1])
	if !ok || fd.skipped(call) {
		return
	}
	var shapes []*shape
	for _, s := range fd.shapes {
		if s.sameLayout(f) {
			shapes = append(shapes, s)
		}
	}
	if len(shapes) == 0 {
		return
	}
	s := shapes[0]
	segs := strings.Split(f, s.sep())
	why := ""
	switch {
	case s.at < 0:
		why = fmt.Sprintf("the writer at %s changes the key other than by inserting a segment", s.writer())
	case !strings.HasSuffix(segs[s.at-1], "d"):
		why = fmt.Sprintf("its verb %q before the inserted segments reads up to a space, so it would take the rest of the key", segs[s.at-1])
	case !s.atEnd():
		why = "the segments the writer inserts are not at the end, and their value would be read up to a space"
	case !fd.countUnused(call):
		why = "the number of values it scans changes and the count it returns is used"
	}
	lit, isLit := ast.Unparen(call.Args[1]).(*ast.BasicLit)
	if why == "" && !isLit {
		why = "its format is not a literal"
	}
	if why != "" {
		fd.add(call, Human, shapes, nil, "%s takes keys of %s apart: %s; rewrite it by hand to follow the writer",
			fd.text(call), fd.templates(shapes), why)
		return
	}
	end := fd.tf.Offset(call.Rparen)
	if call.Ellipsis != token.NoPos {
		end = fd.tf.Offset(call.Ellipsis)
	}
	edits := []fixes.FileEdit{
		fd.replace(lit, keys.Quote(f+s.ins+s.new[s.at+1], lit)),
		{File: fd.tf.Name(), Start: end, End: end, Text: ", new(string)"},
	}
	fd.add(call, Rewritten, shapes, edits, "%s takes keys of %s apart: it now scans the inserted segment too, into a discarded string",
		fd.text(call), fd.templates(shapes))
}

// countUnused reports whether the count a call returns is discarded.
func (fd *finder) countUnused(call *ast.CallExpr) bool {
	switch p := fd.parent(call).(type) {
	case *ast.ExprStmt:
		return true
	case *ast.AssignStmt:
		id, ok := p.Lhs[0].(*ast.Ident)
		return len(p.Rhs) == 1 && ok && id.Name == "_"
	}
	return false
}

// compare handles key == <a key of the old template built in place>:
// the comparison cannot hold for keys the writer builds now, and the
// capsule value a rewrite needs is the fix's to find, not the reader's.
func (fd *finder) compare(b *ast.BinaryExpr) {
	for _, side := range []ast.Expr{b.X, b.Y} {
		side = ast.Unparen(side)
		layout, ok := fd.layout(side)
		if !ok || fd.skipped(side) {
			continue
		}
		var shapes []*shape
		for _, s := range fd.shapes {
			if s.sameLayout(layout) {
				shapes = append(shapes, s)
			}
		}
		if len(shapes) == 0 {
			continue
		}
		fd.add(b, Human, shapes, nil, "%s compares with a key of %s built in place: it never holds for keys built now; build the key as the writer does",
			fd.text(b), fd.templates(shapes))
		return
	}
}

// layout returns e as a format, when e builds a key: a fmt.Sprintf call
// with a constant format, or a + concatenation with a value in it.
func (fd *finder) layout(e ast.Expr) (string, bool) { return Layout(e, fd.info) }

// Layout returns the key template e builds as a format string: the format
// of a fmt.Sprintf call with a constant format and arguments, or a +
// concatenation of strings with a non-constant operand, its values
// written %v. Writers and readers are compared by their layouts.
func Layout(e ast.Expr, info *types.Info) (string, bool) {
	fd := &finder{info: info}
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		if path, name, _ := fd.callee(call); path == "fmt" && name == "Sprintf" && len(call.Args) > 1 {
			return fd.constString(call.Args[0])
		}
		return "", false
	}
	if bin, ok := e.(*ast.BinaryExpr); !ok || bin.Op != token.ADD {
		return "", false
	}
	if tv, ok := info.Types[e]; !ok || tv.Value != nil || !isString(tv.Type) {
		return "", false
	}
	t := keys.FromConcat(e, info)
	if t == nil {
		return "", false
	}
	var b strings.Builder
	holes := 0
	for _, p := range t.Pieces {
		if p.Hole {
			b.WriteString("%v")
			holes++
		} else {
			b.WriteString(strings.ReplaceAll(p.Text, "%", "%%"))
		}
	}
	return b.String(), holes > 0
}

// A Template is a key template of a file: a fmt.Sprintf call or a whole +
// concatenation, with its layout.
type Template struct {
	Expr   ast.Expr
	Layout string
}

// Templates returns the key templates of f, in file order.
func Templates(f *ast.File, info *types.Info) []Template {
	var out []Template
	ast.Inspect(f, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		switch e.(type) {
		case *ast.CallExpr, *ast.BinaryExpr:
			if layout, ok := Layout(e, info); ok {
				out = append(out, Template{e, layout})
				_, concat := e.(*ast.BinaryExpr)
				return !concat // the operands of a concatenation are part of it
			}
		}
		return true
	})
	return out
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// callee returns the package path and name of the function a call calls
// by a qualified identifier, and the qualifier.
func (fd *finder) callee(call *ast.CallExpr) (path, name, qual string) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", "", ""
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", "", ""
	}
	pn, ok := fd.info.Uses[x].(*types.PkgName)
	if !ok {
		return "", "", ""
	}
	return pn.Imported().Path(), sel.Sel.Name, x.Name
}

func (fd *finder) constString(e ast.Expr) (string, bool) {
	tv, ok := fd.info.Types[e]
	if !ok || tv.Value == nil {
		return "", false
	}
	s, err := strconv.Unquote(tv.Value.ExactString())
	return s, err == nil
}
