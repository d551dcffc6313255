package fixes

import (
	"cmp"
	"go/types"
	"runtime"
	"slices"
	"sync"
	"weak"

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
		for _, imp := range c.pkg.Imports() {
			for _, name := range exportedInterfaces(imp)[fn.Name()] {
				tn := imp.Scope().Lookup(name).(*types.TypeName)
				if m := methodOf(c.pkg, tn, fn.Name()); m != nil && MayImplement(t, tn.Type().Underlying().(*types.Interface)) {
					queue = append(queue, m)
				}
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
	c.local = map[string][]*types.TypeName{}
	for _, n := range c.pkg.Scope().Names() {
		tn, ok := c.pkg.Scope().Lookup(n).(*types.TypeName)
		if !ok {
			continue
		}
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			for i := range iface.NumMethods() {
				m := iface.Method(i).Name()
				c.local[m] = append(c.local[m], tn)
			}
		}
	}
}

// ifacesOf caches exportedInterfaces: every package of a run imports the
// same few, and three analyzers ask on each package with a finding. Keys
// are weak pointers and values hold names only, so an entry does not keep
// its package alive and goes with it.
var ifacesOf sync.Map // weak.Pointer[types.Package] → map[string][]string

// exportedInterfaces returns the exported interface types of pkg by
// method name, in scope order.
func exportedInterfaces(pkg *types.Package) map[string][]string {
	key := weak.Make(pkg)
	if v, ok := ifacesOf.Load(key); ok {
		return v.(map[string][]string)
	}
	byMethod := map[string][]string{}
	for _, n := range pkg.Scope().Names() {
		tn, ok := pkg.Scope().Lookup(n).(*types.TypeName)
		if !ok || !tn.Exported() {
			continue
		}
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			for i := range iface.NumMethods() {
				m := iface.Method(i).Name()
				byMethod[m] = append(byMethod[m], n)
			}
		}
	}
	if _, loaded := ifacesOf.LoadOrStore(key, byMethod); !loaded {
		runtime.AddCleanup(pkg, func(k weak.Pointer[types.Package]) { ifacesOf.Delete(k) }, key)
	}
	return byMethod
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
