package keys

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// FromConcat flattens a + concatenation of strings (through parentheses)
// into a template. String constants — literals, named constants, constant
// expressions — are literal pieces; any other operand is a hole whose
// value is the operand with a conversion to a string type removed
// (string(t) interpolates t). info may be nil: then string literals are
// the only constants, string(x) the only conversion, and every + is taken
// to be a string concatenation.
func FromConcat(expr ast.Expr, info *types.Info) *Template {
	expr = unparen(expr)
	t := &Template{Kind: Concat, Root: expr}
	t.flatten(expr, info)
	return t
}

func (t *Template) flatten(e ast.Expr, info *types.Info) {
	switch x := e.(type) {
	case *ast.ParenExpr:
		if isConcat(unparen(x), info) {
			t.parens = append(t.parens, x)
			t.flatten(x.X, info)
			return
		}
	case *ast.BinaryExpr:
		if isConcat(x, info) {
			t.flatten(x.X, info)
			t.flatten(x.Y, info)
			return
		}
	}
	t.addOperand(e, info)
}

func isConcat(e ast.Expr, info *types.Info) bool {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.ADD {
		return false
	}
	return info == nil || isStringType(info.TypeOf(b))
}

func isStringType(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// addOperand appends e as an operand and its piece.
func (t *Template) addOperand(e ast.Expr, info *types.Info) {
	k := len(t.Operands)
	op := Operand{Expr: e}
	if s, ok := constString(e, info); ok {
		op.Const, op.Text = true, s
		_, op.Basic = unparen(e).(*ast.BasicLit)
		t.Operands = append(t.Operands, op)
		// An empty constant still gets its (empty) piece, so that
		// rewrites keep it where it is.
		t.Pieces = append(t.Pieces, Piece{Text: s, Operand: k})
		return
	}
	op.Value = Unconvert(e, info)
	t.Operands = append(t.Operands, op)
	t.Pieces = append(t.Pieces, Piece{Hole: true, Operand: k})
}

// constString returns the value of a string constant expression.
func constString(e ast.Expr, info *types.Info) (string, bool) {
	if info != nil {
		if tv, ok := info.Types[e]; ok && tv.Value != nil {
			if tv.Value.Kind() == constant.String {
				return constant.StringVal(tv.Value), true
			}
			return "", false
		}
	}
	if lit, ok := unparen(e).(*ast.BasicLit); ok && lit.Kind == token.STRING {
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	return "", false
}

// Unconvert returns x for a conversion T(x) to a string type (string(t)
// interpolates t), or e itself. info may be nil: then string(x) is the
// only conversion recognised.
func Unconvert(e ast.Expr, info *types.Info) ast.Expr {
	for {
		call, ok := unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
			return e
		}
		if info != nil {
			tv, ok := info.Types[call.Fun]
			if !ok || !tv.IsType() || !isStringType(tv.Type) {
				return e
			}
		} else if id, ok := unparen(call.Fun).(*ast.Ident); !ok || id.Name != "string" {
			return e
		}
		e = call.Args[0]
	}
}

// FromJoin builds the template of strings.Join(elems, sep): the elements
// (string constants are literals, anything else a hole, as in FromConcat)
// with the separator between them as JoinSep pieces.
func FromJoin(elems []ast.Expr, sep string, info *types.Info) *Template {
	t := &Template{Kind: Join, JoinSep: sep}
	for i, e := range elems {
		if i > 0 {
			t.Pieces = append(t.Pieces, Piece{Text: sep, Operand: -1, JoinSep: true})
		}
		t.addOperand(e, info)
	}
	return t
}

// MayBeConcatKey reports, without allocating, whether a concatenation may
// be a key: one of its string-constant operands contains the separator.
// Run it before FromConcat.
func MayBeConcatKey(expr ast.Expr, info *types.Info, sep string) bool {
	switch x := expr.(type) {
	case *ast.ParenExpr:
		return MayBeConcatKey(x.X, info, sep)
	case *ast.BinaryExpr:
		if isConcat(x, info) {
			return MayBeConcatKey(x.X, info, sep) || MayBeConcatKey(x.Y, info, sep)
		}
	}
	if info != nil {
		if tv, ok := info.Types[expr]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
			// ExactString would quote; StringVal does not allocate for
			// a string constant.
			return strings.Contains(constant.StringVal(tv.Value), sep)
		}
		return false
	}
	if lit, ok := expr.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		return strings.Contains(lit.Value, sep)
	}
	return false
}
