package fixes

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
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
// Inside a group (a, b T) the group is split (a T, name typ, b T), or
// name joins it when typ is the group's type. It refuses to go after a
// variadic parameter.
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
		switch {
		case n+width == index:
			if _, variadic := f.Type.(*ast.Ellipsis); variadic {
				return fmt.Errorf("cannot add a parameter after a variadic one")
			}
			b.Insert(f.End(), ", "+text)
			return nil
		case n+width > index: // after f.Names[index-n-1], inside the group
			after := f.Names[index-n-1]
			if group := types.ExprString(f.Type); group == typ {
				b.Insert(after.End(), ", "+name)
			} else {
				b.Insert(after.End(), " "+group+", "+name+" "+typ)
			}
			return nil
		}
		n += width
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
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
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
	case len(args) == 0 && index == 0:
		b.Insert(call.Lparen+1, expr)
	case len(args) == 0:
		return fmt.Errorf("the call has too few arguments")
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
	Func  *types.Func   // the declared function referred to (the generic origin of an instantiation)
}

// Uses returns the references to any of funcs in the package, in source
// order, with the call each reference is the callee of. References to
// instantiations of a generic function or of a method of a generic type
// (r.Get on a *Repo[Contract]) count as references to the declared one.
func Uses(info *types.Info, insp *inspector.Inspector, funcs map[*types.Func]bool) []Use {
	var uses []Use
	for file := range insp.Root().Preorder((*ast.File)(nil)) {
		for cur := range file.Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			fn, ok := info.Uses[id].(*types.Func)
			if !ok {
				continue
			}
			if fn = fn.Origin(); !funcs[fn] {
				continue
			}
			use := Use{File: file.Node().(*ast.File), Ident: id, Func: fn}
			// The callee is the name, x.name, an instantiation name[T]
			// or any of those in parentheses.
			callee, parent := ast.Node(id), cur.Parent()
		up:
			for {
				switch n := parent.Node().(type) {
				case *ast.SelectorExpr:
					if n.Sel != callee {
						break up
					}
				case *ast.IndexExpr:
					if n.X != callee {
						break up
					}
				case *ast.IndexListExpr:
					if n.X != callee {
						break up
					}
				case *ast.ParenExpr:
				default:
					break up
				}
				callee, parent = parent.Node(), parent.Parent()
			}
			if call, ok := parent.Node().(*ast.CallExpr); ok && call.Fun == callee {
				use.Call = call
			}
			uses = append(uses, use)
		}
	}
	return uses
}

// Implementations returns the methods named name of the named types
// declared in pkg whose value or pointer implements iface. Where a type
// parameter is involved (a generic type, or a method of a generic
// interface), a type counts when its methods match iface's with each
// type parameter standing for any type (see [MayImplement]).
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
		if !MayImplement(t, iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		// A method promoted from an embedded type of pkg is that type's
		// method: listed once.
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == pkg && !slices.Contains(out, fn.Origin()) {
			out = append(out, fn.Origin())
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

	// Uses, if not nil, supplies the references to Funcs (one walk of the
	// package shared by several changes) instead of a walk per change.
	Uses *UseIndex
	// ForeignDecls leaves the declarations of Funcs outside the package
	// alone instead of failing: for a dependent package whose
	// implementations and calls follow a change declared in another
	// package (capsulelint migrate).
	ForeignDecls bool
}

// ChangeSignature adds the edits of ch to b: the new parameter in every
// declaration of ch.Funcs in the package and the new argument at every
// call. Inside a function that gets the new parameter itself, a call
// passes that parameter on; elsewhere the argument is found by scope
// lookup at the call. It fails (and b must be discarded) when a
// declaration is outside the package, the new name would clash with a
// name the function declares or uses, a call site has no value or an
// ambiguous one, or a function is used as a value.
func (b *Builder) ChangeSignature(pass *analysis.Pass, insp *inspector.Inspector, cl *scope.Classifier, ch SignatureChange) error {
	set := map[*types.Func]bool{}
	forwards := map[*types.Func]bool{} // declarations where the new parameter is named
	for _, fn := range ch.Funcs {
		fn = fn.Origin()
		set[fn] = true
		decl := declarationOf(insp, fn)
		if decl.Type == nil {
			if ch.ForeignDecls && fn.Pkg() != pass.Pkg {
				continue
			}
			return fmt.Errorf("%s is not declared in this package", fn.Name())
		}
		if err := nameClash(pass.TypesInfo, decl, ch.Name); err != nil {
			return fmt.Errorf("%s: %v", FuncName(fn), err)
		}
		if err := b.InsertParam(decl.Type, ch.Index, ch.Name, b.typeText(pass, decl.File, decl.Type.Pos(), ch.Type)); err != nil {
			return fmt.Errorf("%s: %v", FuncName(fn), err)
		}
		if fields := decl.Type.Params.List; decl.Body != nil && (len(fields) == 0 || len(fields[0].Names) > 0) {
			forwards[fn] = true
		}
	}
	uses, err := callUses(pass, insp, ch.Uses, ch.Funcs, set)
	if err != nil {
		return err
	}
	for _, use := range uses {
		where := Where(pass.Fset, use.Ident.Pos())
		v, err := b.argument(pass, insp, cl, ch, use, forwards)
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

// argument finds the value to pass at use: the new parameter itself when
// the call is inside a function that gets it (and nothing shadows it),
// else the scope lookup's value.
func (b *Builder) argument(pass *analysis.Pass, insp *inspector.Inspector, cl *scope.Classifier, ch SignatureChange, use Use, forwards map[*types.Func]bool) (scope.Value, error) {
	if cur, ok := insp.Root().FindByPos(use.Call.Pos(), use.Call.End()); ok {
		for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			decl := c.Node().(*ast.FuncDecl)
			fn, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if fn != nil && forwards[fn] {
				if inner := pass.Pkg.Scope().Innermost(use.Call.Pos()); inner != nil {
					// Nothing in the function may take the name: a
					// package-level object of that name (which the
					// function does not use, see nameClash) is shadowed
					// by the new parameter.
					if _, obj := inner.LookupParent(ch.Name, use.Call.Pos()); obj == nil || obj.Pos() < decl.Pos() || obj.Pos() >= decl.End() {
						return scope.Value{Expr: ch.Name}, nil
					}
				}
			}
			break
		}
	}
	site := scope.Site{
		Pkg: pass.Pkg, Info: pass.TypesInfo, File: use.File, Pos: use.Call.Pos(), Args: use.Call.Args,
		IsTest: strings.HasSuffix(pass.Fset.File(use.Call.Pos()).Name(), "_test.go"),
	}
	return cl.Lookup(site, ch.Kind, ch.Type.Type)
}

// NameClash reports why a new parameter called name cannot be added to
// decl (see nameClash).
func NameClash(info *types.Info, decl Declaration, name string) error {
	return nameClash(info, decl, name)
}

// nameClash reports why a new parameter called name cannot be added to
// decl: a receiver, parameter, result or top-level variable of the body
// already has the name, or the body refers to a package-level or
// predeclared object of that name, which the parameter would capture.
func nameClash(info *types.Info, decl Declaration, name string) error {
	for _, list := range []*ast.FieldList{decl.Recv, decl.Type.Params, decl.Type.Results} {
		if list == nil {
			continue
		}
		for _, f := range list.List {
			for _, id := range f.Names {
				if id.Name == name {
					return fmt.Errorf("it already has a parameter or result named %s", name)
				}
			}
		}
	}
	if decl.Body == nil {
		return nil
	}
	fscope := info.Scopes[decl.Type]
	if fscope == nil {
		return nil
	}
	if fscope.Lookup(name) != nil {
		return fmt.Errorf("its body already declares %s", name)
	}
	var clash error
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || id.Name != name || clash != nil {
			return clash == nil
		}
		if obj := info.Uses[id]; obj != nil && obj.Parent() != nil && !within(obj.Parent(), fscope) {
			clash = fmt.Errorf("its body uses %s declared outside it, which a new parameter of that name would hide", name)
		}
		return true
	})
	return clash
}

func within(s, outer *types.Scope) bool {
	for ; s != nil; s = s.Parent() {
		if s == outer {
			return true
		}
	}
	return false
}

// FuncName is fn's name qualified by its receiver's type name
// (ContractRepository.Get), or fn's name for a function.
func FuncName(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return fn.Name()
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// Where renders pos as file.go:line, the form fix messages use.
func Where(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", shortName(p.Filename), p.Line)
}

// typeText renders t for use in file at pos, adding an import if needed.
func (b *Builder) typeText(pass *analysis.Pass, file *ast.File, pos token.Pos, t scope.TypeRef) string {
	if t.Path == "" || t.Path == pass.Pkg.Path() {
		return t.Name
	}
	def := t.PkgName
	if def == "" {
		def = scope.AssumedName(t.Path)
	}
	name, ok := scope.ImportName(pass.Pkg, file, pos, t.Path, def)
	if !ok {
		// The name is taken at pos (or the path is imported blank or
		// dot): import the package under a free name.
		name = b.freeName(pass.Pkg, file, pos, def)
	}
	b.Import(file, t.Path, name)
	return name + "." + t.Name
}

// freeName returns def or a name based on it (defpkg, def2, ...) that
// nothing visible at pos in file declares and that no import this
// builder adds to file uses.
func (b *Builder) freeName(pkg *types.Package, file *ast.File, pos token.Pos, def string) string {
	inner := pkg.Scope().Innermost(pos)
	if inner == nil {
		inner = pkg.Scope()
	}
	taken := func(name string) bool {
		if _, obj := inner.LookupParent(name, pos); obj != nil {
			return true
		}
		for _, spec := range file.Imports {
			if spec.Name != nil && spec.Name.Name == name {
				return true
			}
		}
		for key := range b.imports[file] {
			if strings.HasPrefix(key, name+" ") {
				return true
			}
		}
		return false
	}
	if !taken(def) {
		return def
	}
	name := def + "pkg"
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s%d", def, i)
	}
	return name
}

// TypeText renders t for use in file at pos, adding an import if needed.
func (b *Builder) TypeText(pass *analysis.Pass, file *ast.File, pos token.Pos, t scope.TypeRef) string {
	return b.typeText(pass, file, pos, t)
}

// Declaration is the syntax declaring a function or method (or an
// interface method: no Recv, no Body) in a package.
type Declaration struct {
	File *ast.File
	Name *ast.Ident
	Recv *ast.FieldList // nil for a func or an interface method
	Type *ast.FuncType  // nil when not declared in the package
	Body *ast.BlockStmt // nil for an interface method or a body-less func
}

// DeclarationOf finds the declaration of fn (a func, method or interface
// method) in the package that insp covers; its Type is nil when fn is not
// declared there.
func DeclarationOf(insp *inspector.Inspector, fn *types.Func) Declaration {
	return declarationOf(insp, fn.Origin())
}

func declarationOf(insp *inspector.Inspector, fn *types.Func) Declaration {
	cur, ok := insp.Root().FindByPos(fn.Pos(), fn.Pos())
	if !ok || !fn.Pos().IsValid() {
		return Declaration{}
	}
	var file *ast.File
	for c := range cur.Enclosing((*ast.File)(nil)) {
		file = c.Node().(*ast.File)
	}
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.Field)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if n.Name.Pos() == fn.Pos() {
				return Declaration{File: file, Name: n.Name, Recv: n.Recv, Type: n.Type, Body: n.Body}
			}
		case *ast.Field:
			if ft, ok := n.Type.(*ast.FuncType); ok && len(n.Names) == 1 && n.Names[0].Pos() == fn.Pos() {
				return Declaration{File: file, Name: n.Names[0], Type: ft}
			}
		}
		break
	}
	return Declaration{}
}

func shortName(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// callUses returns the uses of funcs (set holds them) in the package, from
// the shared index when there is one; an error when one is not a call,
// since a func value's type would change with the signature.
func callUses(pass *analysis.Pass, insp *inspector.Inspector, index *UseIndex, funcs []*types.Func, set map[*types.Func]bool) ([]Use, error) {
	uses, ok := []Use(nil), false
	if index != nil {
		uses, ok = index.Of(funcs...)
	}
	if !ok {
		uses = Uses(pass.TypesInfo, insp, set)
	}
	for _, use := range uses {
		if use.Call == nil {
			return nil, fmt.Errorf("%s is used as a value at %s, so its signature cannot change safely", use.Ident.Name, Where(pass.Fset, use.Ident.Pos()))
		}
	}
	return uses, nil
}
