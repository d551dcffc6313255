package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/scope"
)

// change is how a trial changed the parameters of a function or method
// declared in the workspace.
type change struct {
	key    string
	name   string      // the function's name, for messages (Repo.Get)
	iface  bool        // an interface method: implementations follow
	insert int         // the index of the new parameter, or -1 for a move
	param  *types.Var  // the new parameter (in the trial's universe)
	kind   scope.Kind  // what the new parameter holds
	perm   []int       // for a move: perm[i] is the old index of parameter i
	old    *types.Func // the function before the change (in the base)
	origin []int       // the fixes whose edits made the change
}

// funcKey names a function or method independently of the type-checking
// universe it was loaded in: "path.Func", "path.Type.Method". The path
// of an external test package keeps its _test suffix.
func funcKey(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	path := fn.Pkg().Path()
	sig, _ := fn.Type().(*types.Signature)
	if sig != nil && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			return path + "." + t.Origin().Obj().Name() + "." + fn.Name()
		case *types.Interface:
			if name := ifaceName(fn.Pkg(), t); name != "" {
				return path + "." + name + "." + fn.Name()
			}
		}
	}
	return path + "." + fn.Name()
}

// ifaceName finds the name of the package-level interface type t of pkg.
func ifaceName(pkg *types.Package, t *types.Interface) string {
	for _, n := range pkg.Scope().Names() {
		if tn, ok := pkg.Scope().Lookup(n).(*types.TypeName); ok {
			if iface, ok := tn.Type().Underlying().(*types.Interface); ok && iface == t {
				return n
			}
		}
	}
	return ""
}

// funcsDeclared indexes the functions, methods and interface methods
// that files of p declare, by funcKey.
func funcsDeclared(p *packages.Package, files map[string]bool) map[string]*types.Func {
	out := map[string]*types.Func{}
	for id, obj := range p.TypesInfo.Defs {
		fn, ok := obj.(*types.Func)
		if !ok || !files[p.Fset.File(id.Pos()).Name()] {
			continue
		}
		out[funcKey(fn)] = fn
	}
	return out
}

func typeString(t types.Type) string { return types.TypeString(t, pathQualifier) }

func pathQualifier(p *types.Package) string { return p.Path() }

// diffSignature tells how the parameters of before changed into after's:
// one parameter added, or the same parameters in another order. insertedAt
// reports whether a parameter of after was written by the trial's edits.
// ok is false for no change, or a change of another kind; err says why a
// change cannot be told apart.
func diffSignature(before, after *types.Func, insertedAt func(*types.Var) bool) (ch change, ok bool, err error) {
	op := before.Type().(*types.Signature).Params()
	np := after.Type().(*types.Signature).Params()
	switch np.Len() {
	case op.Len() + 1:
		var found []int
		for i := range np.Len() {
			if insertedAt(np.At(i)) && removes(op, np, i) {
				found = append(found, i)
			}
		}
		if len(found) == 0 {
			// Edits that rewrite a parameter list whole: tell by names.
			for i := range np.Len() {
				if removes(op, np, i) && sameNames(op, np, i) {
					found = append(found, i)
				}
			}
		}
		if len(found) != 1 {
			return change{}, false, fmt.Errorf("cannot tell which parameter of %s is new", after.Name())
		}
		return change{insert: found[0], param: np.At(found[0])}, true, nil
	case op.Len():
		perm, moved, err := permutation(op, np)
		if err != nil || !moved {
			return change{}, moved, err
		}
		return change{insert: -1, perm: perm}, true, nil
	}
	return change{}, false, nil
}

// removes reports whether removing parameter i of np gives op's types.
func removes(op, np *types.Tuple, i int) bool {
	for j, k := 0, 0; j < op.Len(); j, k = j+1, k+1 {
		if k == i {
			k++
		}
		if typeString(op.At(j).Type()) != typeString(np.At(k).Type()) {
			return false
		}
	}
	return true
}

func sameNames(op, np *types.Tuple, i int) bool {
	for j, k := 0, 0; j < op.Len(); j, k = j+1, k+1 {
		if k == i {
			k++
		}
		if op.At(j).Name() != np.At(k).Name() {
			return false
		}
	}
	return true
}

// permutation matches np's parameters to op's, by name when all are
// named and distinct, else by type when all types are distinct.
func permutation(op, np *types.Tuple) (perm []int, moved bool, err error) {
	key := func(t *types.Tuple, i int, byName bool) string {
		if byName {
			return t.At(i).Name() + " " + typeString(t.At(i).Type())
		}
		return typeString(t.At(i).Type())
	}
	for _, byName := range []bool{true, false} {
		index := map[string]int{}
		for i := range op.Len() {
			index[key(op, i, byName)] = i
		}
		if len(index) != op.Len() {
			continue // not distinct
		}
		perm = make([]int, np.Len())
		ok := true
		for i := range np.Len() {
			j, found := index[key(np, i, byName)]
			if !found {
				ok = false
				break
			}
			perm[i] = j
			moved = moved || i != j
		}
		if ok {
			return perm, moved, nil
		}
	}
	// Same types in another order but not matchable, or other changes.
	ot, nt := make([]string, op.Len()), make([]string, np.Len())
	for i := range op.Len() {
		ot[i], nt[i] = typeString(op.At(i).Type()), typeString(np.At(i).Type())
	}
	if slices.Equal(ot, nt) {
		return nil, false, nil // renamed at most
	}
	slices.Sort(ot)
	slices.Sort(nt)
	if slices.Equal(ot, nt) {
		return nil, false, fmt.Errorf("its parameters moved but which went where cannot be told (unnamed parameters of one type)")
	}
	return nil, false, nil
}

// splitKey splits "path.Type.Method".
func splitKey(key string) (path, typ, method string) {
	i := strings.LastIndex(key, ".")
	method, rest := key[i+1:], key[:i]
	j := strings.LastIndex(rest, ".")
	return rest[:j], rest[j+1:], method
}

// lookupIface finds the named interface path.name among the packages pkg
// imports, directly or not, or pkg itself.
func lookupIface(pkg *types.Package, path, name string) *types.Interface {
	seen := map[*types.Package]bool{}
	var find func(p *types.Package) *types.Interface
	find = func(p *types.Package) *types.Interface {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == path {
			if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
				if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
					return iface
				}
			}
			return nil
		}
		for _, ip := range p.Imports() {
			if it := find(ip); it != nil {
				return it
			}
		}
		return nil
	}
	return find(pkg)
}

// calleeOf returns the call whose callee is id (f(...), x.f(...),
// (x.f)(...), f[T](...)), or nil when id is used otherwise.
func calleeOf(path []ast.Node, id *ast.Ident) *ast.CallExpr {
	var fun ast.Node = id
	for i := 1; i < len(path); i++ {
		switch n := path[i].(type) {
		case *ast.SelectorExpr:
			if n.Sel != fun {
				return nil
			}
		case *ast.IndexExpr:
			if n.X != fun {
				return nil
			}
		case *ast.IndexListExpr:
			if n.X != fun {
				return nil
			}
		case *ast.ParenExpr:
		case *ast.CallExpr:
			if n.Fun == fun {
				return n
			}
			return nil
		default:
			return nil
		}
		fun = path[i]
	}
	return nil
}
