package scope

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// siblingField implements rule 2: the call passes X.<other-kind field>
// (or a conversion of it), and X also has a k field: X.<k field>. X must
// be free of calls, so that writing it twice evaluates nothing twice.
// Several different candidates are ambiguous. why says why there is
// none.
func (c *Classifier) siblingField(site Site, k Kind, want types.Type) (v Value, ok bool, why string, err error) {
	var found, whys []string
	for _, arg := range site.Args {
		sel, ok := unconvert(site.Info, arg).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		selection := site.Info.Selections[sel]
		if selection == nil || selection.Kind() != types.FieldVal {
			continue
		}
		if field, ok := selection.Obj().(*types.Var); !ok || !c.IsVar(k.Other(), field) {
			continue
		}
		x := types.ExprString(sel.X)
		if !pure(sel.X) {
			whys = append(whys, fmt.Sprintf("%s is not a variable or a field path", x))
			continue
		}
		fields := c.siblings(site.Pkg, selection, k)
		if len(fields) == 0 {
			whys = append(whys, fmt.Sprintf("%s (%s) has no %s field beside %s", x, c.typeString(site.Pkg, selection.Recv()), k, sel.Sel.Name))
		}
		for _, f := range fields {
			expr := x + "." + f.Name()
			if !assignable(f.Type(), want) {
				whys = append(whys, fmt.Sprintf("%s is %s, not %s", expr, c.typeString(site.Pkg, f.Type()), c.typeString(site.Pkg, want)))
			} else if !slices.Contains(found, expr) {
				found = append(found, expr)
			}
		}
	}
	switch len(found) {
	case 0:
		if len(whys) == 0 {
			return Value{}, false, noField[k.Other()], nil
		}
		return Value{}, false, strings.Join(whys, ", "), nil
	case 1:
		return Value{Expr: found[0]}, true, "", nil
	}
	return Value{}, false, "", &LookupError{Vocab: c.Config.Vocabulary(), Kind: k, Candidates: found}
}

// noField is rule 2's reason when no argument is a field of the kind.
var noField = [2]string{"no argument of the call is a tenant field", "no argument of the call is a capsule field"}

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

// unknownType is rule 3's reason when the wanted type is not known.
var unknownType = [2]string{"needs the tenant ID type, which is not known here", "needs the capsule ID type, which is not known here"}

// accessor implements rule 3: exactly one func(context.Context) T in the
// package declaring want, a k type (T is a k type assignable to want),
// applied to the one context in ctxs. why says why there is none.
func (c *Classifier) accessor(site Site, k Kind, want types.Type, ctxs []string) (v Value, ok bool, why string, err error) {
	tn := typeName(want)
	switch {
	case want == nil:
		return Value{}, false, unknownType[k], nil
	case tn == nil || tn.Pkg() == nil || !c.IsType(k, want):
		return Value{}, false, fmt.Sprintf("needs a %s ID type, and %s is none: an accessor is told by its result type", k, c.typeString(site.Pkg, want)), nil
	case len(ctxs) != 1:
		return Value{}, false, contextsWhy(ctxs), nil
	}
	ctx := ctxs[0]
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
		return Value{}, false, "", &LookupError{Vocab: c.Config.Vocabulary(), Kind: k, Candidates: cands}
	}
	if len(funcs) == 0 {
		return Value{}, false, fmt.Sprintf("package %s declares none", pkg.Name()), nil
	}
	if pkg == site.Pkg {
		return Value{Expr: funcs[0].Name() + "(" + ctx + ")"}, true, "", nil
	}
	name, ok, needsImport := c.importName(site, pkg.Path(), pkg.Name())
	if !ok {
		return Value{}, false, fmt.Sprintf("the name %s is taken at the call", pkg.Name()), nil
	}
	v = Value{Expr: name + "." + funcs[0].Name() + "(" + ctx + ")"}
	if needsImport {
		v.Import, v.ImportName = pkg.Path(), name
	}
	return v, true, "", nil
}

// template expands a configured source expression, with ctx for {ctx}.
// why says why it cannot be used at site: its package's name is taken
// there, or its value (when its type can be told) is not assignable to
// want.
func (c *Classifier) template(site Site, path, expr, ctx string, want types.Type) (v Value, why string) {
	v = Value{Expr: strings.ReplaceAll(expr, "{ctx}", ctx)}
	if path == "" {
		return v, ""
	}
	qual := qualifierIn(expr, path)
	if t := c.templateType(site.Pkg, path, qual, v.Expr); t != nil && !assignable(t, want) {
		return Value{}, fmt.Sprintf("%s is %s, not %s", v.Expr, c.typeString(site.Pkg, t), c.typeString(site.Pkg, want))
	}
	name, ok, needsImport := c.importName(site, path, qual)
	if !ok {
		return Value{}, fmt.Sprintf("the name %s is taken at the call", qual)
	}
	if name != qual { // the file imports it under another name
		v.Expr = regexp.MustCompile(`\b`+regexp.QuoteMeta(qual)+`\.`).ReplaceAllLiteralString(v.Expr, name+".")
	}
	if needsImport {
		v.Import, v.ImportName = path, name
	}
	return v, ""
}

// templateType returns the type of expr when it is a call qual.F(...) of
// a function of the package at path that pkg imports (directly or not)
// with one result; nil when that cannot be told.
func (c *Classifier) templateType(pkg *types.Package, path, qual, expr string) types.Type {
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return nil
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if x, isIdent := sel.X.(*ast.Ident); !ok || !isIdent || x.Name != qual {
		return nil
	}
	p := findImport(pkg, path)
	if p == nil {
		return nil
	}
	fn, ok := p.Scope().Lookup(sel.Sel.Name).(*types.Func)
	if !ok || fn.Signature().Results().Len() != 1 {
		return nil
	}
	return fn.Signature().Results().At(0).Type()
}

// findImport returns the package at path among pkg and its imports,
// direct or not; nil when it is not loaded.
func findImport(pkg *types.Package, path string) *types.Package {
	seen := map[*types.Package]bool{}
	queue := []*types.Package{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p.Path() == path {
			return p
		}
		for _, q := range p.Imports() {
			if !seen[q] {
				seen[q] = true
				queue = append(queue, q)
			}
		}
	}
	return nil
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
