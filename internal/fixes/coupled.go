package fixes

import (
	"cmp"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// Coupling finds, in one package, the declarations whose signatures must
// change together: an interface method and the methods implementing it,
// and the interfaces those methods in turn implement. Build one per
// package and ask it for each change; it caches the package's interfaces.
type Coupling struct {
	pkg     *types.Package
	indexed bool
	local   map[string][]*types.TypeName // interfaces declared in pkg, by method name
	foreign map[string][]*types.TypeName // exported interfaces of pkg's imports, by method name
}

// NewCoupling returns a Coupling for pkg.
func NewCoupling(pkg *types.Package) *Coupling { return &Coupling{pkg: pkg} }

// Coupled is NewCoupling(pkg).Of(funcs...).
func Coupled(pkg *types.Package, funcs ...*types.Func) (coupled, foreign []*types.Func) {
	return NewCoupling(pkg).Of(funcs...)
}

// Of returns funcs and every method of pkg that must change with them for
// pkg to keep compiling, in source order: for an interface method, the
// methods of that name of the types of pkg implementing the interface
// ([Implementations]); for a method of a concrete type, the methods of
// that name of the interfaces declared in pkg that its type implements;
// repeated until nothing is added. foreign lists the methods of exported
// interfaces of the packages pkg imports that a coupled concrete method
// implements, and funcs declared outside pkg (an interface method pkg
// embeds): their signatures are another package's change (capsulelint
// migrate's), and changing pkg's side alone may break an assignment.
func (c *Coupling) Of(funcs ...*types.Func) (coupled, foreign []*types.Func) {
	c.index()
	seen := map[*types.Func]bool{}
	queue := slices.Clone(funcs)
	for len(queue) > 0 {
		fn := queue[0].Origin()
		queue = queue[1:]
		if seen[fn] {
			continue
		}
		seen[fn] = true
		if fn.Pkg() != c.pkg {
			foreign = append(foreign, fn)
			continue
		}
		coupled = append(coupled, fn)
		recv := fn.Type().(*types.Signature).Recv()
		if recv == nil {
			continue
		}
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			t = n.Origin()
		}
		if iface, ok := t.Underlying().(*types.Interface); ok {
			queue = append(queue, Implementations(c.pkg, iface, fn.Name())...)
			continue
		}
		for _, tn := range c.local[fn.Name()] {
			if m := methodOf(c.pkg, tn, fn.Name()); m != nil && MayImplement(t, tn.Type().Underlying().(*types.Interface)) {
				queue = append(queue, m)
			}
		}
		for _, tn := range c.foreign[fn.Name()] {
			if m := methodOf(c.pkg, tn, fn.Name()); m != nil && MayImplement(t, tn.Type().Underlying().(*types.Interface)) {
				queue = append(queue, m)
			}
		}
	}
	byPos := func(x, y *types.Func) int {
		if x.Pkg() != y.Pkg() {
			return cmp.Compare(x.Pkg().Path(), y.Pkg().Path())
		}
		return cmp.Compare(x.Pos(), y.Pos())
	}
	slices.SortFunc(coupled, byPos)
	slices.SortFunc(foreign, byPos)
	return coupled, foreign
}

func methodOf(pkg *types.Package, tn *types.TypeName, name string) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), false, pkg, name)
	fn, _ := obj.(*types.Func)
	return fn
}

func (c *Coupling) index() {
	if c.indexed {
		return
	}
	c.indexed = true
	c.local, c.foreign = map[string][]*types.TypeName{}, map[string][]*types.TypeName{}
	add := func(into map[string][]*types.TypeName, p *types.Package, exportedOnly bool) {
		for _, n := range p.Scope().Names() {
			tn, ok := p.Scope().Lookup(n).(*types.TypeName)
			if !ok || (exportedOnly && !tn.Exported()) {
				continue
			}
			iface, ok := tn.Type().Underlying().(*types.Interface)
			if !ok {
				continue
			}
			for i := range iface.NumMethods() {
				m := iface.Method(i).Name()
				into[m] = append(into[m], tn)
			}
		}
	}
	add(c.local, c.pkg, false)
	for _, imp := range c.pkg.Imports() {
		add(c.foreign, imp, true)
	}
}

// UseIndex holds the references to a set of functions in a package,
// collected in one walk, for several signature changes to share.
type UseIndex struct {
	funcs map[*types.Func]bool
	uses  map[*types.Func][]Use
}

// IndexUses walks the package once and indexes the references to funcs
// (see [Uses]).
func IndexUses(info *types.Info, insp *inspector.Inspector, funcs map[*types.Func]bool) *UseIndex {
	x := &UseIndex{funcs: map[*types.Func]bool{}, uses: map[*types.Func][]Use{}}
	for fn := range funcs {
		x.funcs[fn.Origin()] = true
	}
	for _, u := range Uses(info, insp, x.funcs) {
		x.uses[u.Func] = append(x.uses[u.Func], u)
	}
	return x
}

// Of returns the references to funcs in source order; ok is false when a
// function was not indexed.
func (x *UseIndex) Of(funcs ...*types.Func) (uses []Use, ok bool) {
	for _, fn := range funcs {
		if !x.funcs[fn.Origin()] {
			return nil, false
		}
		uses = append(uses, x.uses[fn.Origin()]...)
	}
	slices.SortFunc(uses, func(a, b Use) int { return cmp.Compare(a.Ident.Pos(), b.Ident.Pos()) })
	return uses, true
}
