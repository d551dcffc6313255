package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// complete adds, in the base, the edits that carry the trial's signature
// changes to the rest of the workspace: the new parameter in every
// implementation of a changed interface method (first, so that calls
// inside them pass it on), and the new argument, or the moved one, at
// every call. It returns how many edits it added.
func (t *trial) complete() int {
	n := 0
	keys := slices.Sorted(maps.Keys(t.changes))
	for _, key := range keys {
		if ch := t.changes[key]; ch.iface {
			n += t.completeImpls(ch)
		}
	}
	for _, u := range t.dirty {
		p := u.pkg
		if p == nil || p.TypesInfo == nil {
			continue
		}
		var ids []*ast.Ident
		for id, obj := range p.TypesInfo.Uses {
			if fn, ok := obj.(*types.Func); ok && t.changes[funcKey(fn.Origin())] != nil {
				ids = append(ids, id)
			}
		}
		slices.SortFunc(ids, func(a, b *ast.Ident) int { return int(a.Pos() - b.Pos()) })
		for _, id := range ids {
			fn := p.TypesInfo.Uses[id].(*types.Func)
			n += t.completeCall(p, id, t.changes[funcKey(fn.Origin())])
		}
	}
	return n
}

// completeCall passes the new argument, or moves the argument, at the
// call of ch's function at id.
func (t *trial) completeCall(p *packages.Package, id *ast.Ident, ch *change) int {
	file := fileOf(p, id.Pos())
	if file == nil {
		return 0
	}
	fset := t.w.fset
	tf := fset.File(id.Pos())
	where := fixes.Where(fset, id.Pos())
	path, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
	call := calleeOf(path, id)
	if call == nil {
		if t.edits.es.Replaces(tf.Name(), tf.Offset(id.Pos())) {
			return 0 // a fix rewrites it
		}
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but it is used as a value at %s, whose type would change with it", ch.name, where))
		return 0
	}
	b := fixes.NewBuilder(fset)
	if ch.insert < 0 {
		from, after, ok := singleMove(ch.perm)
		if !ok {
			t.failAll(ch.origin, fmt.Sprintf("%s: its parameters moved in a way calls cannot follow", ch.name))
			return 0
		}
		if t.edits.es.Replaces(tf.Name(), fset.Position(call.Args[from].Pos()).Offset) {
			return 0 // the fix moved it
		}
		if err := b.MoveArg(p.TypesInfo, call, from, after); err != nil {
			t.failAll(ch.origin, fmt.Sprintf("%s changed, but the call at %s cannot follow: %v", ch.name, where, err))
			return 0
		}
		return t.addCompletion(b, ch, where, &t.sites)
	}
	probe := fixes.NewBuilder(fset)
	if err := probe.InsertArg(p.TypesInfo, call, ch.insert, "_"); err != nil {
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but the call at %s cannot follow: %v", ch.name, where, err))
		return 0
	}
	if t.covered(probe) {
		return 0 // the fix passes it already
	}
	v, err := t.value(p, file, path, call, ch)
	if err != nil {
		t.failAll(ch.origin, fmt.Sprintf("%s gets a new %s ID parameter, but the call at %s has no %s value to pass: %v", ch.name, ch.kind, where, ch.kind, err))
		return 0
	}
	if err := b.InsertArg(p.TypesInfo, call, ch.insert, v.Expr); err != nil {
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but the call at %s cannot follow: %v", ch.name, where, err))
		return 0
	}
	b.Import(file, v.Import, v.ImportName)
	return t.addCompletion(b, ch, where, &t.sites)
}

// value finds what the call passes for ch's new parameter: the new
// parameter of the function around it when the trial gives it one of
// that kind, else the scope lookup's value.
func (t *trial) value(p *packages.Package, file *ast.File, path []ast.Node, call *ast.CallExpr, ch *change) (scope.Value, error) {
	for i := len(path) - 1; i >= 0; i-- {
		if fd, ok := path[i].(*ast.FuncDecl); ok {
			if name := t.forwards[t.declKeyOf(fd)][int(ch.kind)]; name != "" {
				return scope.Value{Expr: name}, nil
			}
			break
		}
	}
	site := scope.Site{Pkg: p.Types, Info: p.TypesInfo, File: file, Pos: call.Pos(), Args: call.Args,
		IsTest: strings.HasSuffix(t.w.fset.File(call.Pos()).Name(), "_test.go")}
	return t.w.opts.Classifier.Lookup(site, ch.kind, resolveType(p.Types, ch.param.Type()))
}

func (t *trial) declKeyOf(fd *ast.FuncDecl) declKey {
	tf := t.w.fset.File(fd.Pos())
	return declKey{file: tf.Name(), off: tf.Offset(fd.Pos())}
}

// forward records that calls inside fn's declaration (in p, the base)
// pass name for a value of kind.
func (t *trial) forward(p *packages.Package, fn *types.Func, kind scope.Kind, name string) {
	if name == "" || name == "_" {
		return
	}
	decl := declarationIn(p, fn)
	if decl.Body == nil {
		return
	}
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name == decl.Name {
				key := t.declKeyOf(fd)
				if t.forwards[key] == nil {
					t.forwards[key] = map[int]string{}
				}
				t.forwards[key][int(kind)] = name
				return
			}
		}
	}
}

// completeImpls gives every method of the base that implements ch's
// interface the new parameter (or moves its parameter): in any package
// of the workspace, since a type implements an interface without
// importing its package.
func (t *trial) completeImpls(ch *change) int {
	ifacePath, ifaceName, method := splitKey(ch.key)
	var declared *types.Interface
	if d := t.w.byID[ifacePath]; d != nil && d.pkg != nil && d.pkg.Types != nil {
		declared = lookupIface(d.pkg.Types, ifacePath, ifaceName)
	}
	n := 0
	for _, c := range t.w.methodIndex()[method] {
		p := c.u.pkg
		iface := lookupIface(p.Types, ifacePath, ifaceName)
		if iface == nil {
			iface = declared
		}
		if iface == nil {
			continue
		}
		typ := c.tn.Type()
		if !types.Implements(typ, iface) && !types.Implements(types.NewPointer(typ), iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(typ, true, p.Types, method)
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() != p.Types || isIfaceMethod(fn) {
			continue // promoted from a type declared elsewhere, or from an embedded interface
		}
		n += t.completeImpl(p, fn, ch)
	}
	return n
}

// implementer is a named type of the base with methods.
type implementer struct {
	u  *unit
	tn *types.TypeName
}

// methodIndex lists the workspace's named non-interface types by the
// names of their methods, each type once (in the first unit declaring
// it), in workspace order.
func (w *Workspace) methodIndex() map[string][]implementer {
	if w.methods != nil {
		return w.methods
	}
	w.methods = map[string][]implementer{}
	seen := map[token.Pos]bool{}
	for _, u := range w.units {
		p := u.pkg
		if p == nil || p.TypesInfo == nil {
			continue
		}
		var named []*types.TypeName
		for _, obj := range p.TypesInfo.Defs {
			if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() && !types.IsInterface(tn.Type()) && !seen[tn.Pos()] {
				named = append(named, tn)
			}
		}
		slices.SortFunc(named, func(a, b *types.TypeName) int { return int(a.Pos() - b.Pos()) })
		for _, tn := range named {
			seen[tn.Pos()] = true
			ms := types.NewMethodSet(types.NewPointer(tn.Type()))
			for i := range ms.Len() {
				name := ms.At(i).Obj().Name()
				w.methods[name] = append(w.methods[name], implementer{u: u, tn: tn})
			}
		}
	}
	return w.methods
}

// completeImpl changes the declaration of the implementation fn like
// ch's interface method.
func (t *trial) completeImpl(p *packages.Package, fn *types.Func, ch *change) int {
	decl := declarationIn(p, fn)
	if decl.Type == nil {
		return 0
	}
	fset := t.w.fset
	where := fixes.FuncName(fn) + " (" + fixes.Where(fset, fn.Pos()) + ")"
	tf := fset.File(decl.Type.Pos())
	params := decl.Type.Params
	if owners := t.edits.ownersWithin(tf.Name(), tf.Offset(params.Opening), tf.Offset(params.Closing)+1); len(owners) > 0 {
		return 0 // a fix changes it already
	}
	b := fixes.NewBuilder(fset)
	if ch.insert < 0 {
		from, after, ok := singleMove(ch.perm)
		if !ok {
			t.failAll(ch.origin, fmt.Sprintf("%s: its parameters moved in a way implementations cannot follow", ch.name))
			return 0
		}
		if err := b.MoveParamIn(decl.Type, from, after); err != nil {
			t.failAll(ch.origin, fmt.Sprintf("%s changed, but its implementation %s cannot follow: %v", ch.name, where, err))
			return 0
		}
		return t.addCompletion(b, ch, where, &t.impls)
	}
	name := ch.param.Name()
	if err := fixes.NameClash(p.TypesInfo, decl, name); err != nil {
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but its implementation %s cannot get the parameter %s: %v", ch.name, where, name, err))
		return 0
	}
	typ := typeText(b, p, decl.File, decl.Type.Pos(), ch.param.Type())
	if err := b.InsertParam(decl.Type, ch.insert, name, typ); err != nil {
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but its implementation %s cannot follow: %v", ch.name, where, err))
		return 0
	}
	added := t.addCompletion(b, ch, where, &t.impls)
	if added > 0 {
		t.forward(p, fn, ch.kind, name)
	}
	return added
}

// addCompletion adds b's edits for ch's fixes, counting a new edit in
// *count.
func (t *trial) addCompletion(b *fixes.Builder, ch *change, where string, count *int) int {
	edits, err := builderEdits(b)
	if err != nil {
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but %s cannot follow: %v", ch.name, where, err))
		return 0
	}
	n, ok := t.edits.add(edits, ch.origin)
	if !ok {
		t.failAll(ch.origin, fmt.Sprintf("%s changed, but completing %s conflicts with another fix's edits", ch.name, where))
		return 0
	}
	if n > 0 {
		*count++
	}
	return n
}

// covered reports whether the trial already inserts at the offset of
// probe's single insertion.
func (t *trial) covered(probe *fixes.Builder) bool {
	edits, err := builderEdits(probe)
	return err == nil && len(edits) == 1 && t.edits.es.InsertsAt(edits[0].File, edits[0].Start)
}

func builderEdits(b *fixes.Builder) ([]fixes.FileEdit, error) {
	fix, err := b.Fix("")
	if err != nil {
		return nil, err
	}
	return fixes.FileEdits(b.Fset, fix.TextEdits)
}

// singleMove finds the move of one parameter that perm describes: from
// (its old index) to right after the parameter with old index after.
func singleMove(perm []int) (from, after int, ok bool) {
	n := len(perm)
	for from = range n {
		for after = range n {
			if after == from || from == after+1 {
				continue
			}
			order := make([]int, 0, n)
			for i := range n {
				if i != from {
					order = append(order, i)
				}
			}
			at := slices.Index(order, after) + 1
			order = slices.Insert(order, at, from)
			if slices.Equal(order, perm) {
				return from, after, true
			}
		}
	}
	return 0, 0, false
}

// declarationIn finds fn's declaration among p's files.
func declarationIn(p *packages.Package, fn *types.Func) fixes.Declaration {
	file := fileOf(p, fn.Pos())
	if file == nil {
		return fixes.Declaration{}
	}
	path, _ := astutil.PathEnclosingInterval(file, fn.Pos(), fn.Pos())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Name.Pos() == fn.Pos() {
				return fixes.Declaration{File: file, Name: n.Name, Recv: n.Recv, Type: n.Type, Body: n.Body}
			}
		case *ast.Field:
			if ft, ok := n.Type.(*ast.FuncType); ok && len(n.Names) == 1 && n.Names[0].Pos() == fn.Pos() {
				return fixes.Declaration{File: file, Name: n.Names[0], Type: ft}
			}
		}
	}
	return fixes.Declaration{}
}

// declaredType returns the FuncType declaring fn in p, and its file's
// name.
func declaredType(p *packages.Package, fn *types.Func) (*ast.FuncType, string) {
	d := declarationIn(p, fn)
	name := ""
	if tf := p.Fset.File(fn.Pos()); tf != nil {
		name = tf.Name()
	}
	return d.Type, name
}

func fileOf(p *packages.Package, pos token.Pos) *ast.File {
	for _, f := range p.Syntax {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func isIfaceMethod(fn *types.Func) bool {
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// displayName is fn's name for messages: Repo.Get, pkg.Func.
func displayName(fn *types.Func) string {
	name := fixes.FuncName(fn)
	if fn.Pkg() != nil && !strings.Contains(name, ".") {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// typeText renders t (of another universe) in file of p at pos, importing
// its packages as needed.
func typeText(b *fixes.Builder, p *packages.Package, file *ast.File, pos token.Pos, t types.Type) string {
	return types.TypeString(t, func(other *types.Package) string {
		if other.Path() == p.Types.Path() {
			return ""
		}
		name, ok := scope.ImportName(p.Types, file, pos, other.Path(), other.Name())
		if !ok {
			name = other.Name()
		}
		b.Import(file, other.Path(), name)
		return name
	})
}

// resolveType finds t, a type of another universe, as seen from pkg: a
// named type by its package path and name; other types as they are.
func resolveType(pkg *types.Package, t types.Type) types.Type {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return t
	}
	path, name := named.Obj().Pkg().Path(), named.Obj().Name()
	seen := map[*types.Package]bool{}
	var find func(p *types.Package) types.Type
	find = func(p *types.Package) types.Type {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == path {
			if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
				return tn.Type()
			}
			return nil
		}
		for _, ip := range p.Imports() {
			if found := find(ip); found != nil {
				return found
			}
		}
		return nil
	}
	return find(pkg)
}
