package scope

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

func (c *Classifier) importName(site Site, path, def string) (name string, ok, needsImport bool) {
	return importName(site.Pkg, site.File, site.Pos, path, def)
}

// ImportName returns the name under which file can refer to the package
// path at pos: its existing import name (unless something declared
// nearer shadows it there), or def when that name is free at pos.
func ImportName(pkg *types.Package, file *ast.File, pos token.Pos, path, def string) (string, bool) {
	name, ok, _ := importName(pkg, file, pos, path, def)
	return name, ok
}

// importName is ImportName; needsImport is true when name is not an
// import of file that is usable at pos, so the caller must add it.
func importName(pkg *types.Package, file *ast.File, pos token.Pos, path, def string) (name string, ok, needsImport bool) {
	inner := pkg.Scope().Innermost(pos)
	if inner == nil {
		inner = pkg.Scope()
	}
	visible := func(name string) bool { // name means the package path at pos
		_, obj := inner.LookupParent(name, pos)
		pn, isPkg := obj.(*types.PkgName)
		return obj == nil || isPkg && pn.Imported().Path() == path
	}
	for _, spec := range file.Imports {
		if strings.Trim(spec.Path.Value, `"`) != path {
			continue
		}
		name := def
		if spec.Name != nil {
			name = spec.Name.Name
			if name == "_" || name == "." {
				continue
			}
		} else if real := importedName(pkg, inner, path); real != "" {
			name = real
		}
		if visible(name) {
			return name, true, false
		}
	}
	// Not imported, imported blank or dot, or shadowed at pos: a (new)
	// import under def, if nothing else is called def at pos.
	if _, obj := inner.LookupParent(def, pos); obj == nil {
		return def, true, true
	}
	return "", false, false
}

// importedName returns the name of the package path as the file whose
// scope encloses inner imports it without a name (its package name).
func importedName(pkg *types.Package, inner *types.Scope, path string) string {
	for s := inner; s != nil && s != pkg.Scope(); s = s.Parent() {
		if s.Parent() != pkg.Scope() {
			continue
		}
		for _, n := range s.Names() {
			if pn, ok := s.Lookup(n).(*types.PkgName); ok && pn.Imported().Path() == path && pn.Name() == pn.Imported().Name() {
				return n
			}
		}
	}
	return ""
}

// Imports reports whether f imports path.
func Imports(f *ast.File, path string) bool {
	for _, spec := range f.Imports {
		if strings.Trim(spec.Path.Value, `"`) == path {
			return true
		}
	}
	return false
}
