package fixes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// SignatureMove moves a parameter of functions to right after another
// one, and the argument at every call of them in the package.
type SignatureMove struct {
	Funcs []*types.Func // the function, or an interface method and its implementations
	From  int           // the flattened index of the parameter to move
	After int           // the flattened index (before the move) of the parameter it must follow

	Uses         *UseIndex // as in SignatureChange
	ForeignDecls bool      // as in SignatureChange
}

// MoveParam adds the edits of mv to b: in every declaration of mv.Funcs
// in the package, parameter From moves to right after parameter After
// (a group is split where needed), and at every call the argument moves
// the same way. It fails (and b must be discarded) when a declaration is
// outside the package, a parameter involved is variadic, a function is
// used as a value, or at a call the move would change the order in which
// the arguments' function calls run, or the call spreads a variadic or
// multi-value argument over the parameters involved.
func (b *Builder) MoveParam(pass *analysis.Pass, insp *inspector.Inspector, mv SignatureMove) error {
	if mv.From == mv.After+1 || mv.From == mv.After || mv.From < 0 || mv.After < 0 {
		return fmt.Errorf("nothing to move")
	}
	set := map[*types.Func]bool{}
	for _, fn := range mv.Funcs {
		fn = fn.Origin()
		set[fn] = true
		decl := declarationOf(insp, fn)
		if decl.Type == nil {
			if mv.ForeignDecls && fn.Pkg() != pass.Pkg {
				continue
			}
			return fmt.Errorf("%s is not declared in this package", fn.Name())
		}
		if err := b.moveParam(decl.Type, mv.From, mv.After); err != nil {
			return fmt.Errorf("%s: %v", FuncName(fn), err)
		}
	}
	uses, err := callUses(pass, insp, mv.Uses, mv.Funcs, set)
	if err != nil {
		return err
	}
	for _, use := range uses {
		where := Where(pass.Fset, use.Ident.Pos())
		if err := b.MoveArg(pass.TypesInfo, use.Call, mv.From, mv.After); err != nil {
			return fmt.Errorf("call at %s: %v", where, err)
		}
	}
	return nil
}

type flatParam struct {
	field *ast.Field
	index int        // of field in the list
	name  *ast.Ident // nil when unnamed
	k     int        // of name in the field
}

func flatten(list *ast.FieldList) []flatParam {
	var out []flatParam
	for i, f := range list.List {
		if len(f.Names) == 0 {
			out = append(out, flatParam{field: f, index: i})
		}
		for k, id := range f.Names {
			out = append(out, flatParam{field: f, index: i, name: id, k: k})
		}
	}
	return out
}

// MoveParamIn moves parameter from of ft to right after parameter after
// (flattened indexes, before the move), splitting a group where needed.
func (b *Builder) MoveParamIn(ft *ast.FuncType, from, after int) error {
	return b.moveParam(ft, from, after)
}

func (b *Builder) moveParam(ft *ast.FuncType, from, after int) error {
	params := flatten(ft.Params)
	if from >= len(params) || after >= len(params) {
		return fmt.Errorf("parameter index out of range")
	}
	fields := ft.Params.List
	p, a := params[from], params[after]
	if isVariadic(p.field) || isVariadic(a.field) {
		return fmt.Errorf("cannot move a variadic parameter or after one")
	}
	typ := types.ExprString(p.field.Type)
	text := typ
	if p.name != nil {
		text = p.name.Name + " " + typ
	}
	// Remove the parameter with one of its commas.
	switch {
	case len(p.field.Names) > 1 && p.k > 0:
		b.Replace(p.field.Names[p.k-1].End(), p.name.End(), "")
	case len(p.field.Names) > 1:
		b.Replace(p.name.Pos(), p.field.Names[1].Pos(), "")
	case p.index > 0:
		b.Replace(fields[p.index-1].End(), p.field.End(), "")
	default:
		b.Replace(p.field.Pos(), fields[1].Pos(), "")
	}
	// Insert it after the other one.
	switch {
	case a.name == nil || a.k == len(a.field.Names)-1:
		b.Insert(a.field.End(), ", "+text)
	case p.name != nil && types.ExprString(a.field.Type) == typ:
		b.Insert(a.name.End(), ", "+p.name.Name)
	default:
		b.Insert(a.name.End(), " "+types.ExprString(a.field.Type)+", "+text)
	}
	return nil
}

func isVariadic(f *ast.Field) bool {
	_, ok := f.Type.(*ast.Ellipsis)
	return ok
}

// MoveArg moves argument from of call to right after argument after, as
// [Builder.MoveParamIn] moves the parameters (a method expression's
// receiver not counted). It refuses to change the order in which the
// arguments' calls run.
func (b *Builder) MoveArg(info *types.Info, call *ast.CallExpr, from, after int) error {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			from++
			after++
		}
	}
	args := call.Args
	if len(args) == 1 {
		if _, tuple := info.TypeOf(args[0]).(*types.Tuple); tuple {
			return fmt.Errorf("the call passes a multi-value expression")
		}
	}
	last := max(from, after)
	if last >= len(args) || (call.Ellipsis.IsValid() && last >= len(args)-1) {
		return fmt.Errorf("the call spreads a variadic argument over the parameters to move")
	}
	lo, hi := after+1, from // the arguments the moved one passes over
	if from < after {
		lo, hi = from+1, after+1
	}
	if impure(info, args[from]) {
		for _, arg := range args[lo:hi] {
			if impure(info, arg) {
				return fmt.Errorf("moving %s past %s would change the order in which their calls run", nodeText(b.Fset, args[from]), nodeText(b.Fset, arg))
			}
		}
	}
	text := nodeText(b.Fset, args[from])
	if from > 0 {
		b.Replace(args[from-1].End(), args[from].End(), "")
	} else {
		b.Replace(args[0].Pos(), args[1].Pos(), "")
	}
	b.Insert(args[after].End(), ", "+text)
	return nil
}

// pureBuiltins are the builtin functions whose calls have no effect the
// order of evaluation could reveal.
var pureBuiltins = map[string]bool{"len": true, "cap": true, "complex": true, "real": true, "imag": true, "min": true, "max": true, "new": true, "make": true}

// impure reports whether evaluating e may call a function (other than a
// conversion) or receive from a channel.
func impure(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				break // a conversion
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && pureBuiltins[b.Name()] {
					break
				}
			}
			found = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
			}
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

func nodeText(fset *token.FileSet, n ast.Node) string {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, n); err != nil {
		return types.ExprString(n.(ast.Expr))
	}
	return buf.String()
}
