package scope

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Site is a place in the code where a tenant or capsule value is needed.
type Site struct {
	Pkg    *types.Package
	Info   *types.Info
	File   *ast.File
	IsTest bool      // the file is a _test.go file
	Pos    token.Pos // where the value is used
	// Args are the other arguments of the call being rewritten, for
	// rule 2 (X.CapsuleID beside X.TenantID).
	Args []ast.Expr
}

// Value is an expression that yields an ID at a site.
type Value struct {
	Expr string
	// Import is the package the expression needs, "" if none; ImportName
	// is the name the expression uses for it.
	Import, ImportName string
}

// LookupError says why no value could be chosen.
type LookupError struct {
	Kind       Kind
	Candidates []string // more than one: ambiguous
}

func (e *LookupError) Error() string {
	if len(e.Candidates) > 1 {
		return fmt.Sprintf("more than one %s ID value is in scope (%s), so none is chosen", e.Kind, strings.Join(e.Candidates, ", "))
	}
	if e.Kind == Tenant {
		return "no tenant ID value is in scope (no tenant variable or parameter, no X.TenantID beside X.CapsuleID, no func(context.Context) TenantID accessor)"
	}
	return "no capsule ID value is in scope (no capsule variable or parameter, no X.CapsuleID beside X.TenantID, no func(context.Context) CapsuleID accessor, no capsule-source or test-capsule configured)"
}

// Lookup finds the k value to use at site, by DESIGN.md's order, first
// match wins: a variable or parameter in scope; X.<k field> where the call
// uses X.<other field>; a func(context.Context) <k type> in the k type's
// package applied to an in-scope context; the configured capsule-source;
// in tests, the configured test-capsule. want, if not nil, is the type the
// value must be assignable to.
func (c *Classifier) Lookup(site Site, k Kind, want types.Type) (Value, error) {
	vars := c.visibleVars(site, func(v *types.Var) bool { return c.IsVar(k, v) && assignable(v.Type(), want) })
	if len(vars) == 1 {
		return Value{Expr: vars[0].Name()}, nil
	}
	if len(vars) > 1 {
		return Value{}, &LookupError{Kind: k, Candidates: names(vars)}
	}
	if v, ok, err := c.siblingField(site, k, want); err != nil || ok {
		return v, err
	}
	ctxs := c.visibleVars(site, isContext)
	if len(ctxs) == 1 {
		if v, ok, err := c.accessor(site, k, want, ctxs[0].Name()); err != nil || ok {
			return v, err
		}
	}
	if k == Capsule {
		if src := c.Config.CapsuleSource; !src.IsZero() && len(ctxs) == 1 {
			return c.template(site, src.Import, src.Expr, ctxs[0].Name())
		}
		if src := c.Config.TestCapsule; site.IsTest && !src.IsZero() && (!src.NeedsContext() || len(ctxs) == 1) {
			ctx := ""
			if len(ctxs) == 1 {
				ctx = ctxs[0].Name()
			}
			return c.template(site, src.Import, src.Expr, ctx)
		}
	}
	return Value{}, &LookupError{Kind: k}
}

func assignable(t, want types.Type) bool { return want == nil || types.AssignableTo(t, want) }

func names(vars []*types.Var) []string {
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = v.Name()
	}
	return out
}

func isContext(v *types.Var) bool {
	tn := typeName(v.Type())
	return tn != nil && tn.Pkg() != nil && tn.Pkg().Path() == "context" && tn.Name() == "Context"
}

// visibleVars returns the function-local variables and parameters visible
// at site.Pos that satisfy keep, innermost first, shadowed names skipped.
func (c *Classifier) visibleVars(site Site, keep func(*types.Var) bool) []*types.Var {
	pkgScope := site.Pkg.Scope()
	inner := pkgScope.Innermost(site.Pos)
	if inner == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []*types.Var
	for s := inner; s != nil && s != pkgScope && s != types.Universe; s = s.Parent() {
		if s.Parent() == pkgScope { // a file scope: imports only
			break
		}
		for _, name := range s.Names() {
			if seen[name] || name == "_" {
				continue
			}
			seen[name] = true
			_, obj := inner.LookupParent(name, site.Pos)
			v, ok := obj.(*types.Var)
			if !ok || v.Parent() == pkgScope || v.IsField() {
				continue
			}
			if keep(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// siblingField implements rule 2: the call passes X.<other-kind field>
// (or a conversion of it), and X also has a k field: X.<k field>. X must
// be free of calls, so that writing it twice evaluates nothing twice.
// Several different candidates are ambiguous.
func (c *Classifier) siblingField(site Site, k Kind, want types.Type) (Value, bool, error) {
	var found []string
	for _, arg := range site.Args {
		sel, ok := unconvert(site.Info, arg).(*ast.SelectorExpr)
		if !ok || !pure(sel.X) {
			continue
		}
		selection := site.Info.Selections[sel]
		if selection == nil || selection.Kind() != types.FieldVal {
			continue
		}
		if field, ok := selection.Obj().(*types.Var); !ok || !c.IsVar(k.Other(), field) {
			continue
		}
		for _, f := range c.siblings(site.Pkg, selection, k) {
			if assignable(f.Type(), want) {
				if expr := types.ExprString(sel.X) + "." + f.Name(); !slices.Contains(found, expr) {
					found = append(found, expr)
				}
			}
		}
	}
	switch len(found) {
	case 0:
		return Value{}, false, nil
	case 1:
		return Value{Expr: found[0]}, true, nil
	}
	return Value{}, false, &LookupError{Kind: k, Candidates: found}
}

// siblings returns the k fields that X.<name> selects, for the structs on
// the path from selection's receiver to the struct declaring the selected
// field (its own struct and those it is promoted through).
func (c *Classifier) siblings(pkg *types.Package, selection *types.Selection, k Kind) []*types.Var {
	var out []*types.Var
	t := selection.Recv()
	index := selection.Index()
	for depth := 0; depth < len(index); depth++ {
		st, ok := derefStruct(t)
		if !ok {
			break
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			if !c.IsVar(k, f) || !f.Exported() && f.Pkg() != pkg {
				continue
			}
			// X.<name> must select f: not shadowed, not ambiguous.
			if obj, _, _ := types.LookupFieldOrMethod(selection.Recv(), true, pkg, f.Name()); obj == f && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
		if depth+1 < len(index) {
			t = st.Field(index[depth]).Type()
		}
	}
	return out
}

// unconvert looks through parentheses and conversions: string(x.T) is x.T.
func unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

// pure reports whether e is made of names, selections, dereferences and
// constant or name indexes only: no calls, no receives.
func pure(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return pure(e.X)
	case *ast.StarExpr:
		return pure(e.X)
	case *ast.IndexExpr:
		return pure(e.X) && pure(e.Index)
	}
	return false
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// accessor implements rule 3: exactly one func(context.Context) T in the
// package declaring the k type (T is a k type assignable to want).
func (c *Classifier) accessor(site Site, k Kind, want types.Type, ctx string) (Value, bool, error) {
	tn := typeName(want)
	if tn == nil || tn.Pkg() == nil {
		return Value{}, false, nil
	}
	pkg := tn.Pkg()
	var funcs []*types.Func
	for _, name := range pkg.Scope().Names() {
		fn, ok := pkg.Scope().Lookup(name).(*types.Func)
		if !ok || (!fn.Exported() && pkg != site.Pkg) {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Params().Len() == 1 && sig.Results().Len() == 1 && !sig.Variadic() &&
			isContext(sig.Params().At(0)) && c.IsType(k, sig.Results().At(0).Type()) &&
			assignable(sig.Results().At(0).Type(), want) {
			funcs = append(funcs, fn)
		}
	}
	if len(funcs) > 1 {
		var cands []string
		for _, f := range funcs {
			if pkg == site.Pkg {
				cands = append(cands, f.Name()+"("+ctx+")")
			} else {
				cands = append(cands, pkg.Name()+"."+f.Name()+"("+ctx+")")
			}
		}
		sort.Strings(cands)
		return Value{}, false, &LookupError{Kind: k, Candidates: cands}
	}
	if len(funcs) == 0 {
		return Value{}, false, nil
	}
	if pkg == site.Pkg {
		return Value{Expr: funcs[0].Name() + "(" + ctx + ")"}, true, nil
	}
	name, ok, needsImport := c.importName(site, pkg.Path(), pkg.Name())
	if !ok {
		return Value{}, false, nil
	}
	v := Value{Expr: name + "." + funcs[0].Name() + "(" + ctx + ")"}
	if needsImport {
		v.Import, v.ImportName = pkg.Path(), name
	}
	return v, true, nil
}

// template expands a configured source expression.
func (c *Classifier) template(site Site, path, expr, ctx string) (Value, error) {
	v := Value{Expr: strings.ReplaceAll(expr, "{ctx}", ctx)}
	if path == "" {
		return v, nil
	}
	want := qualifierIn(expr, path)
	name, ok, needsImport := c.importName(site, path, want)
	if !ok {
		return Value{}, &LookupError{Kind: Capsule}
	}
	if name != want { // the file imports it under another name
		v.Expr = regexp.MustCompile(`\b`+regexp.QuoteMeta(want)+`\.`).ReplaceAllLiteralString(v.Expr, name+".")
	}
	if needsImport {
		v.Import, v.ImportName = path, name
	}
	return v, nil
}

// qualifierIn returns the name expr uses for the package path: its
// assumed name (example.com/reqctx/v2 is reqctx) or, failing that, the
// last path element, when expr uses either as a qualifier.
func qualifierIn(expr, path string) string {
	last := path[strings.LastIndex(path, "/")+1:]
	for _, name := range []string{AssumedName(path), last} {
		if regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\.`).MatchString(expr) {
			return name
		}
	}
	return AssumedName(path)
}

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
