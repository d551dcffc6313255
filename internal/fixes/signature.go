package fixes

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/scope"
)

// ParamIndex returns the flattened index of the parameter named by obj in
// sig, or -1.
func ParamIndex(sig *types.Signature, obj types.Object) int {
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == obj {
			return i
		}
	}
	return -1
}

// InsertParam inserts the parameter "name typ" (just typ when the existing
// parameters are unnamed) so that it becomes the index-th parameter of ft.
// It refuses to split a group (a, b T) or to go after a variadic one.
func (b *Builder) InsertParam(ft *ast.FuncType, index int, name, typ string) error {
	fields := ft.Params.List
	// Named when the others are named; a lone parameter is named.
	text := typ
	if len(fields) == 0 || len(fields[0].Names) > 0 {
		text = name + " " + typ
	}
	if len(fields) == 0 {
		b.Insert(ft.Params.Opening+1, text)
		return nil
	}
	if index == 0 {
		b.Insert(fields[0].Pos(), text+", ")
		return nil
	}
	n := 0
	for _, f := range fields {
		width := max(len(f.Names), 1)
		n += width
		if n == index {
			if _, variadic := f.Type.(*ast.Ellipsis); variadic {
				return fmt.Errorf("cannot add a parameter after a variadic one")
			}
			b.Insert(f.End(), ", "+text)
			return nil
		}
		if n > index {
			return fmt.Errorf("cannot split the parameter group %s", names(f.Names))
		}
	}
	return fmt.Errorf("parameter index %d out of range", index)
}

func names(ids []*ast.Ident) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.Name
	}
	return strings.Join(s, ", ")
}

// InsertArg inserts expr as the index-th argument of call (receiver of a
// method expression not counted).
func (b *Builder) InsertArg(info *types.Info, call *ast.CallExpr, index int, expr string) error {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			index++
		}
	}
	args := call.Args
	if len(args) == 1 {
		if _, tuple := info.TypeOf(args[0]).(*types.Tuple); tuple {
			return fmt.Errorf("the call passes a multi-value expression")
		}
	}
	switch {
	case len(args) == 0:
		b.Insert(call.Lparen+1, expr)
	case index == 0:
		b.Insert(args[0].Pos(), expr+", ")
	case index <= len(args):
		if call.Ellipsis.IsValid() && index == len(args) {
			return fmt.Errorf("the call spreads a variadic argument")
		}
		b.Insert(args[index-1].End(), ", "+expr)
	default:
		return fmt.Errorf("the call has too few arguments")
	}
	return nil
}

// Use is one reference to a function in a package.
type Use struct {
	File  *ast.File
	Ident *ast.Ident
	Call  *ast.CallExpr // nil when the function is used as a value
}

// Uses returns the references to any of funcs in the package, in source
// order, with the call each reference is the callee of.
func Uses(info *types.Info, insp *inspector.Inspector, funcs map[*types.Func]bool) []Use {
	var uses []Use
	for file := range insp.Root().Preorder((*ast.File)(nil)) {
		for cur := range file.Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			fn, ok := info.Uses[id].(*types.Func)
			if !ok || !funcs[fn] {
				continue
			}
			use := Use{File: file.Node().(*ast.File), Ident: id}
			parent := cur.Parent()
			if sel, ok := parent.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
				parent = parent.Parent()
			}
			if call, ok := parent.Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) != nil && containsPos(call.Fun, id.Pos()) {
				use.Call = call
			}
			uses = append(uses, use)
		}
	}
	return uses
}

func containsPos(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// Implementations returns the methods named name of the named types
// declared in pkg whose value or pointer implements iface.
func Implementations(pkg *types.Package, iface *types.Interface, name string) []*types.Func {
	var out []*types.Func
	for _, n := range pkg.Scope().Names() {
		tn, ok := pkg.Scope().Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
			continue
		}
		t := tn.Type()
		if !types.Implements(t, iface) && !types.Implements(types.NewPointer(t), iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == pkg {
			out = append(out, fn)
		}
	}
	return out
}

// SignatureChange adds a parameter to functions and an argument to every
// call of them in the package.
type SignatureChange struct {
	Funcs []*types.Func // the function, or an interface method and its implementations
	Index int           // the new parameter's flattened index
	Name  string        // the new parameter's name
	Type  scope.TypeRef // the new parameter's type
	Kind  scope.Kind    // what the new argument holds
}

// ChangeSignature adds the edits of ch to b: the new parameter in every
// declaration of ch.Funcs in the package and the new argument at every
// call, the argument found by scope lookup at the call. It fails (and b
// must be discarded) when a declaration is outside the package, a call
// site has no value or an ambiguous one, or a function is used as a value.
func (b *Builder) ChangeSignature(pass *analysis.Pass, insp *inspector.Inspector, cl *scope.Classifier, ch SignatureChange) error {
	set := map[*types.Func]bool{}
	for _, fn := range ch.Funcs {
		set[fn] = true
		ft, file := declaredType(insp, fn)
		if ft == nil {
			return fmt.Errorf("%s is not declared in this package", fn.Name())
		}
		if err := b.InsertParam(ft, ch.Index, ch.Name, b.typeText(pass, file, ft.Pos(), ch.Type)); err != nil {
			return fmt.Errorf("%s: %v", fn.Name(), err)
		}
	}
	for _, use := range Uses(pass.TypesInfo, insp, set) {
		pos := pass.Fset.Position(use.Ident.Pos())
		where := fmt.Sprintf("%s:%d", shortName(pos.Filename), pos.Line)
		if use.Call == nil {
			return fmt.Errorf("%s is used as a value at %s, so its signature cannot change safely", use.Ident.Name, where)
		}
		site := scope.Site{
			Pkg: pass.Pkg, Info: pass.TypesInfo, File: use.File, Pos: use.Call.Pos(), Args: use.Call.Args,
			IsTest: strings.HasSuffix(pos.Filename, "_test.go"),
		}
		v, err := cl.Lookup(site, ch.Kind, ch.Type.Type)
		if err != nil {
			return fmt.Errorf("call at %s: %v", where, err)
		}
		if err := b.InsertArg(pass.TypesInfo, use.Call, ch.Index, v.Expr); err != nil {
			return fmt.Errorf("call at %s: %v", where, err)
		}
		b.Import(use.File, v.Import, v.ImportName)
	}
	return nil
}

// typeText renders t for use in file at pos, adding an import if needed.
func (b *Builder) typeText(pass *analysis.Pass, file *ast.File, pos token.Pos, t scope.TypeRef) string {
	if t.Path == "" || t.Path == pass.Pkg.Path() {
		return t.Name
	}
	name, ok := scope.ImportName(pass.Pkg, file, pos, t.Path, t.PkgName)
	if !ok {
		name = t.PkgName
	}
	b.Import(file, t.Path, name)
	return name + "." + t.Name
}

// TypeText renders t for use in file at pos, adding an import if needed.
func (b *Builder) TypeText(pass *analysis.Pass, file *ast.File, pos token.Pos, t scope.TypeRef) string {
	return b.typeText(pass, file, pos, t)
}

// declaredType finds the *ast.FuncType declaring fn (a func, method or
// interface method) in the package, and its file.
func declaredType(insp *inspector.Inspector, fn *types.Func) (*ast.FuncType, *ast.File) {
	cur, ok := insp.Root().FindByPos(fn.Pos(), fn.Pos())
	if !ok {
		return nil, nil
	}
	var file *ast.File
	for c := range cur.Enclosing((*ast.File)(nil)) {
		file = c.Node().(*ast.File)
	}
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.Field)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if n.Name.Pos() == fn.Pos() {
				return n.Type, file
			}
		case *ast.Field:
			if ft, ok := n.Type.(*ast.FuncType); ok && len(n.Names) == 1 && n.Names[0].Pos() == fn.Pos() {
				return ft, file
			}
		}
		break
	}
	return nil, nil
}

func shortName(path string) string { return path[strings.LastIndex(path, "/")+1:] }
