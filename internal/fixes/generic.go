package fixes

import "go/types"

// MayImplement reports whether the named type t or *t implements iface.
// When no type parameter is involved this is [types.Implements]. When t
// is a generic type (its methods use its type parameters) or iface comes
// from a generic interface, go/types leaves the answer unspecified; then
// t counts when for each method of iface it has a method of that name
// whose signature matches, a parameter or result involving a type
// parameter matching any type. The answer errs towards "yes": callers
// use it to find the declarations a signature change must edit together.
func MayImplement(t types.Type, iface *types.Interface) bool {
	if iface.NumMethods() == 0 {
		return false
	}
	if !HasTypeParam(t) && !HasTypeParam(iface) {
		return types.Implements(t, iface) || types.Implements(types.NewPointer(t), iface)
	}
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
		fn, ok := obj.(*types.Func)
		if !ok || !looselyIdentical(fn.Type().(*types.Signature), m.Type().(*types.Signature)) {
			return false
		}
	}
	return true
}

func looselyIdentical(x, y *types.Signature) bool {
	if x.Variadic() != y.Variadic() {
		return false
	}
	return looseTuple(x.Params(), y.Params()) && looseTuple(x.Results(), y.Results())
}

func looseTuple(x, y *types.Tuple) bool {
	if x.Len() != y.Len() {
		return false
	}
	for i := range x.Len() {
		a, b := x.At(i).Type(), y.At(i).Type()
		if !types.Identical(a, b) && !HasTypeParam(a) && !HasTypeParam(b) {
			return false
		}
	}
	return true
}

// HasTypeParam reports whether t mentions a type parameter: it is one,
// is a generic type not yet instantiated, or is built from such types.
// The walk needs no record of what it saw: it stops at named types (their
// type arguments aside), and only a named type can refer to itself.
func HasTypeParam(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Alias:
		return HasTypeParam(types.Unalias(t))
	case *types.Named:
		if t.TypeParams().Len() > 0 && t.TypeArgs().Len() == 0 {
			return true
		}
		for i := range t.TypeArgs().Len() {
			if HasTypeParam(t.TypeArgs().At(i)) {
				return true
			}
		}
		return false
	case *types.Pointer:
		return HasTypeParam(t.Elem())
	case *types.Slice:
		return HasTypeParam(t.Elem())
	case *types.Array:
		return HasTypeParam(t.Elem())
	case *types.Chan:
		return HasTypeParam(t.Elem())
	case *types.Map:
		return HasTypeParam(t.Key()) || HasTypeParam(t.Elem())
	case *types.Tuple:
		for i := range t.Len() {
			if HasTypeParam(t.At(i).Type()) {
				return true
			}
		}
		return false
	case *types.Signature:
		return HasTypeParam(t.Params()) || HasTypeParam(t.Results())
	case *types.Struct:
		for i := range t.NumFields() {
			if HasTypeParam(t.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Interface:
		for i := range t.NumMethods() {
			if HasTypeParam(t.Method(i).Type()) {
				return true
			}
		}
		return false
	}
	return false
}
