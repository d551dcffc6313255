package keyreaders

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// parent returns n's parent, parentheses skipped.
func (fd *finder) parent(n ast.Node) ast.Node {
	p := fd.parents[n]
	for {
		paren, ok := p.(*ast.ParenExpr)
		if !ok {
			return p
		}
		p = fd.parents[paren]
	}
}

// objOf returns the variable an identifier denotes.
func (fd *finder) objOf(e ast.Expr) types.Object {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	if obj, ok := fd.info.Uses[id].(*types.Var); ok {
		return obj
	}
	if obj, ok := fd.info.Defs[id].(*types.Var); ok {
		return obj
	}
	return nil
}

// assignedTo returns what e is assigned to, if anything.
func (fd *finder) assignedTo(e ast.Expr) ast.Expr {
	switch p := fd.parent(e).(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == len(p.Rhs) {
			for i, r := range p.Rhs {
				if ast.Unparen(r) == e {
					return p.Lhs[i]
				}
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == len(p.Values) {
			for i, v := range p.Values {
				if ast.Unparen(v) == e {
					return p.Names[i]
				}
			}
		}
	}
	return nil
}

// takenAsTenant reports whether e is used as a tenant ID: converted to a
// tenant type (ids.TenantID(e)), or assigned to a variable that is a
// tenant or is itself so used.
func (fd *finder) takenAsTenant(e ast.Expr, depth int) bool {
	if conv, ok := fd.parent(e).(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if tv, ok := fd.info.Types[conv.Fun]; ok && tv.IsType() {
			if fd.isTenant(conv) {
				return true
			}
			e = conv
		}
	}
	v := fd.assignedTo(e)
	return fd.isTenant(v) || depth > 0 && fd.usedAsTenant(v, depth-1)
}

// usedAsTenant reports whether a use of the variable v (an identifier
// being assigned) in the function at hand is taken as a tenant ID.
func (fd *finder) usedAsTenant(v ast.Expr, depth int) bool {
	obj := fd.objOf(v)
	if obj == nil || fd.body == nil {
		return false
	}
	found := false
	ast.Inspect(fd.body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && fd.info.Uses[id] == obj && id.Pos() > v.End() && fd.takenAsTenant(id, depth) {
			found = true
		}
		return !found
	})
	return found
}

func (fd *finder) isTenant(e ast.Expr) bool {
	return e != nil && fd.opts.IsTenant != nil && fd.opts.IsTenant(fd.info, e)
}

// skipped reports whether the fixes edit n.
func (fd *finder) skipped(n ast.Node) bool {
	return fd.opts.Skip != nil && fd.opts.Skip(fd.tf.Name(), fd.tf.Offset(n.Pos()), fd.tf.Offset(n.End()))
}

// text returns n's source text.
func (fd *finder) text(n ast.Node) string {
	return string(fd.src[fd.tf.Offset(n.Pos()):fd.tf.Offset(n.End())])
}

func (fd *finder) replace(n ast.Node, text string) fixes.FileEdit {
	return fixes.FileEdit{File: fd.tf.Name(), Start: fd.tf.Offset(n.Pos()), End: fd.tf.Offset(n.End()), Text: text}
}

func (fd *finder) short(pos token.Pos) string {
	p := fd.fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}
