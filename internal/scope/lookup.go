package scope

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
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

// Lookup finds the k value to use at site, by DESIGN.md's order, first
// match wins:
//
//  1. a variable or parameter in scope, by type or configured name;
//  2. X.<k field> where the call uses X.<other field> (configured field
//     names count);
//  3. a func(context.Context) <k type> in the package of want, a named k
//     type, applied to the one context.Context in scope (k values known
//     by configured name only have no type to tell an accessor by: for
//     them rules 4 and 5 are the configured route);
//  4. for capsules, the configured capsule-source;
//  5. for capsules in _test.go files, the configured test-capsule.
//
// want, if not nil, is the type the value must be assignable to. When
// nothing matches, the *LookupError lists every rule tried and why each
// gave nothing; several values of one rule are an ambiguity, never a
// choice.
func (c *Classifier) Lookup(site Site, k Kind, want types.Type) (Value, error) {
	// The reasons are put into words only when nothing matches: lookups
	// that succeed build no messages.
	var near []*types.Var // k variables of another type
	vars := c.visibleVars(site, func(v *types.Var) bool {
		if !c.IsVar(k, v) {
			return false
		}
		if !assignable(v.Type(), want) {
			near = append(near, v)
			return false
		}
		return true
	})
	if len(vars) == 1 {
		return Value{Expr: vars[0].Name()}, nil
	}
	if len(vars) > 1 {
		return Value{}, &LookupError{Vocab: c.Config.Vocabulary(), Kind: k, Want: c.wantString(site.Pkg, want), Candidates: names(vars)}
	}
	v, ok, why2, err := c.siblingField(site, k, want)
	if err != nil || ok {
		return v, err
	}
	ctxs := c.contexts(site)
	v, ok, why3, err := c.accessor(site, k, want, ctxs)
	if err != nil || ok {
		return v, err
	}
	var why4, why5 string
	if k == Capsule {
		src := c.Config.CapsuleSource
		switch {
		case src.IsZero():
			why4 = "not configured"
		case len(ctxs) != 1:
			why4 = contextsWhy(ctxs)
		default:
			if v, why4 = c.template(site, src.Import, src.Expr, ctxs[0], want); why4 == "" {
				return v, nil
			}
		}
		src = c.Config.TestCapsule
		switch {
		case src.IsZero():
			why5 = "not configured"
		case !site.IsTest:
			why5 = "not a _test.go file"
		case src.NeedsContext() && len(ctxs) != 1:
			why5 = contextsWhy(ctxs)
		default:
			ctx := ""
			if len(ctxs) == 1 {
				ctx = ctxs[0]
			}
			if v, why5 = c.template(site, src.Import, src.Expr, ctx, want); why5 == "" {
				return v, nil
			}
		}
	}

	fail := &LookupError{Vocab: c.Config.Vocabulary(), Kind: k, Want: c.wantString(site.Pkg, want)}
	why1 := "none in scope"
	if len(near) > 0 {
		var list []string
		for _, v := range near {
			list = append(list, fmt.Sprintf("%s is %s, not %s", v.Name(), c.typeString(site.Pkg, v.Type()), fail.Want))
		}
		why1 = strings.Join(list, ", ")
	}
	fail.tried(1, c.varRule(site.Pkg, k, want), why1)
	fail.tried(2, fmt.Sprintf("X.%s beside X.%s", c.FieldName(k), c.FieldName(k.Other())), why2)
	fail.tried(3, c.accessorRule(site.Pkg, k, want), why3)
	if k == Capsule {
		fail.tried(4, "capsule-source", why4)
		fail.tried(5, "test-capsule", why5)
	}
	return Value{}, fail
}

// wantString writes want as code of pkg refers to it, "" for nil.
func (c *Classifier) wantString(pkg *types.Package, want types.Type) string {
	if want == nil {
		return ""
	}
	return c.typeString(pkg, want)
}

const noContext = "needs one context.Context in scope, found none"

// contextsWhy says why the contexts in scope do not make a {ctx}.
func contextsWhy(ctxs []string) string {
	if len(ctxs) == 0 {
		return noContext
	}
	return fmt.Sprintf("needs one context.Context in scope, found %d (%s)", len(ctxs), strings.Join(ctxs, ", "))
}

// contexts returns the expressions for the context.Context in scope at
// site, for rule 3's accessor and a template's {ctx}: the context.Context
// variables and parameters or, when there is none, r.Context() for each
// *net/http.Request r (the request's context: Context has no effect, so
// writing it again changes nothing).
func (c *Classifier) contexts(site Site) []string {
	if vars := c.visibleVars(site, isContext); len(vars) > 0 {
		return names(vars)
	}
	reqs := c.visibleVars(site, isHTTPRequest)
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.Name() + ".Context()"
	}
	return out
}

func isHTTPRequest(v *types.Var) bool {
	p, ok := types.Unalias(v.Type()).(*types.Pointer)
	if !ok {
		return false
	}
	tn := typeName(p.Elem())
	return tn != nil && tn.Pkg() != nil && tn.Pkg().Path() == "net/http" && tn.Name() == "Request"
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
