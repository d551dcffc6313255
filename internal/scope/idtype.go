package scope

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"slices"
	"strings"
)

// TypeRef is a type to write into a file: Name qualified by a package
// (Path empty for a predeclared type such as string).
type TypeRef struct {
	Path, PkgName, Name string
	Type                types.Type // nil when the type is not loaded
}

// TypeError says why no k-type could be chosen for a new parameter or
// field.
type TypeError struct {
	Kind Kind
	// For and Beside describe the other kind's value the new one goes
	// next to, for the message: " for the string tenant ID", "beside
	// ids.TenantID, " (both "" when there is none).
	For, Beside string
	// Candidates are the types in reach when there are several.
	Candidates []string
	// Advice names the configuration key that settles it.
	Advice string
}

func (e *TypeError) Error() string {
	if len(e.Candidates) > 1 {
		return fmt.Sprintf("more than one %s ID type is in reach (%s), so none is chosen; %s", e.Kind, strings.Join(e.Candidates, ", "), e.Advice)
	}
	return fmt.Sprintf("no %s ID type is known%s: none is declared %sin this package or its imports, or used in its files; %s", e.Kind, e.For, e.Beside, e.Advice)
}

// IDType returns the k-type of a new parameter or field that goes next to
// a value of the other kind of type other (nil when there is none) in
// pkg (info: its type-checked files; both may be nil, which skips rule
// c). The first rule that applies wins; several candidates are an error,
// never a choice:
//
//	a. the k-type declared in the package of other's type;
//	b. string, when other is a string configured by name (tenantSlug
//	   string) and k is configured by name too;
//	c. the configured qualified k-type (capsule-types), when exactly one
//	   is configured; else the k-type of string kind that pkg declares,
//	   that its imports declare or that its files use;
//	d. string, when k is configured by name.
func (c *Classifier) IDType(k Kind, other types.Type, pkg *types.Package, info *types.Info) (TypeRef, error) {
	terr := &TypeError{Kind: k, Advice: c.advice(k, other)}
	if c.stringByName(k.Other(), other) {
		terr.For = fmt.Sprintf(" for the %s %s ID", c.typeString(pkg, other), k.Other())
	}
	if tn := typeName(other); tn != nil && tn.Pkg() != nil && c.IsType(k.Other(), other) {
		terr.Beside = "beside " + c.typeString(pkg, other) + ", "
		var found []*types.TypeName
		for _, n := range tn.Pkg().Scope().Names() {
			if obj, ok := tn.Pkg().Scope().Lookup(n).(*types.TypeName); ok && c.IsType(k, obj.Type()) {
				found = append(found, obj)
			}
		}
		if ref, ok, err := c.pick(k, pkg, found, terr); ok || err != nil {
			return ref, err
		}
	}
	if len(c.nameList[k]) > 0 && c.stringByName(k.Other(), other) {
		return stringRef, nil
	}
	qualified := slices.Sorted(maps.Keys(c.qualified[k]))
	inReach := c.inReach(k, pkg, info)
	switch {
	case len(qualified) == 1:
		ref := qualifiedRef(qualified[0])
		for _, tn := range inReach {
			if tn.Pkg().Path() == ref.Path && tn.Name() == ref.Name {
				ref.Type = tn.Type()
			}
		}
		return ref, nil
	case len(qualified) > 1:
		var configured []*types.TypeName
		for _, tn := range inReach {
			if c.qualified[k][tn.Pkg().Path()+"."+tn.Name()] {
				configured = append(configured, tn)
			}
		}
		if len(configured) == 1 {
			ref, _, err := c.pick(k, pkg, configured, terr)
			return ref, err
		}
		terr.Candidates = qualified
		return TypeRef{}, terr
	}
	if ref, ok, err := c.pick(k, pkg, inReach, terr); ok || err != nil {
		return ref, err
	}
	if len(c.nameList[k]) > 0 {
		return stringRef, nil
	}
	return TypeRef{}, terr
}

var stringRef = TypeRef{Name: "string", Type: types.Typ[types.String]}

// pick returns the one type of found; with several, the one of them
// configured by qualified name, else terr listing them; ok is false
// when found is empty.
func (c *Classifier) pick(k Kind, pkg *types.Package, found []*types.TypeName, terr *TypeError) (TypeRef, bool, error) {
	if len(found) > 1 {
		var configured []*types.TypeName
		for _, tn := range found {
			if c.qualified[k][tn.Pkg().Path()+"."+tn.Name()] {
				configured = append(configured, tn)
			}
		}
		if len(configured) != 1 {
			for _, tn := range found {
				terr.Candidates = append(terr.Candidates, c.typeString(pkg, tn.Type()))
			}
			return TypeRef{}, false, terr
		}
		found = configured
	}
	if len(found) == 0 {
		return TypeRef{}, false, nil
	}
	tn := found[0]
	return TypeRef{Path: tn.Pkg().Path(), PkgName: tn.Pkg().Name(), Name: tn.Name(), Type: tn.Type()}, true, nil
}

func qualifiedRef(n string) TypeRef {
	i := strings.LastIndex(n, ".")
	path := n[:i]
	return TypeRef{Path: path, PkgName: AssumedName(path), Name: n[i+1:]}
}

// advice names the configuration that settles a missing or ambiguous
// k-type next to a value of type other.
func (c *Classifier) advice(k Kind, other types.Type) string {
	key := k.String() + "-types"
	if c.stringByName(k.Other(), other) {
		return fmt.Sprintf("configure %s-names for string IDs (or %s with a qualified type such as example.com/ids.%s)", k, key, defaultTypeName(k))
	}
	return fmt.Sprintf("configure %s with a qualified type such as example.com/ids.%s (or %s-names for string IDs)", key, defaultTypeName(k), k)
}

func defaultTypeName(k Kind) string {
	if k == Tenant {
		return "TenantID"
	}
	return "CapsuleID"
}

// inReach returns the k-types of string kind that pkg declares, that the
// packages it imports declare, and that the objects its files define or
// use have (through pointers, slices and maps), importable from pkg, in
// that order, once each.
func (c *Classifier) inReach(k Kind, pkg *types.Package, info *types.Info) []*types.TypeName {
	if pkg == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if found, ok := c.reach[k][pkg]; ok {
		return found
	}
	var found []*types.TypeName
	add := func(t types.Type) {
		tn := typeName(t)
		if tn == nil || tn.Pkg() == nil || slices.Contains(found, tn) || !c.IsType(k, t) || !isStringKind(t) {
			return
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.TypeParams().Len() > 0 {
			return
		}
		if tn.Pkg() != pkg && (!tn.Exported() || !importable(pkg.Path(), tn.Pkg().Path())) {
			return
		}
		found = append(found, tn)
	}
	for _, p := range append([]*types.Package{pkg}, pkg.Imports()...) {
		for _, n := range p.Scope().Names() {
			if tn, ok := p.Scope().Lookup(n).(*types.TypeName); ok {
				add(tn.Type())
			}
		}
	}
	if info != nil {
		// Sorted, so that the order does not depend on map iteration.
		var objs []types.Object
		for _, m := range []map[*ast.Ident]types.Object{info.Defs, info.Uses} {
			for _, obj := range m {
				if obj != nil {
					objs = append(objs, obj)
				}
			}
		}
		slices.SortFunc(objs, func(a, b types.Object) int { return int(a.Pos() - b.Pos()) })
		for _, obj := range objs {
			switch obj := obj.(type) {
			case *types.TypeName:
				add(obj.Type())
			case *types.Var:
				add(elem(obj.Type()))
			}
		}
	}
	if c.reach[k] == nil {
		c.reach[k] = map[*types.Package][]*types.TypeName{}
	}
	c.reach[k][pkg] = found
	return found
}

// elem looks through pointers, slices, arrays and maps (their values).
func elem(t types.Type) types.Type {
	for {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		case *types.Map:
			t = u.Elem()
		default:
			return t
		}
	}
}

// importable reports whether the package at path may be imported from
// the package at from: an internal package only from within the tree
// rooted at its parent.
func importable(from, path string) bool {
	i := strings.LastIndex(path, "/internal/")
	switch {
	case i >= 0:
		return from == path[:i] || strings.HasPrefix(from, path[:i]+"/")
	case strings.HasPrefix(path, "internal/") || path == "internal":
		return false // the standard library's
	case strings.HasSuffix(path, "/internal"):
		root := strings.TrimSuffix(path, "/internal")
		return from == root || strings.HasPrefix(from, root+"/")
	}
	return true
}

// stringByName reports whether other is the type of a k value known by
// its configured name only: of string kind, not a k-type.
func (c *Classifier) stringByName(k Kind, other types.Type) bool {
	return other != nil && !c.IsType(k, other) && isStringKind(other)
}

func isStringKind(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// typeString writes t as code of pkg refers to it: ids.TenantID, or
// TenantID for a type of pkg.
func (c *Classifier) typeString(pkg *types.Package, t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	})
}
