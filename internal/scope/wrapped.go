package scope

import (
	"go/ast"
	"go/types"
	"strings"
)

// KindOfValue is KindOfExpr for a value interpolated into a key, seeing
// through calls that only reshape one tenant or capsule value: a call of
// string kind whose one non-constant argument is such a value, with no
// receiver value (normalizeToken(tenantID), strings.ToUpper(
// strings.TrimSpace(tenantID)), strings.TrimPrefix(t, "org#")), or a
// method of such a value with constant arguments only (t.String()). A
// call whose own type is a tenant or capsule ID has that kind. A function
// named after the other kind derives a value of that kind
// (capsuleFor(tenantID)): not seen through.
func (c *Classifier) KindOfValue(info *types.Info, e ast.Expr) (Kind, bool) {
	// funcs are the names of the calls seen through; nested wrappers are
	// bounded.
	var funcs []string
	for range 16 {
		if k, ok := c.KindOfExpr(info, e); ok {
			for _, f := range funcs {
				if c.namesKind(f, k.Other()) {
					return 0, false
				}
			}
			return k, true
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || call.Ellipsis.IsValid() || !isStringKind(info.TypeOf(call)) {
			return 0, false
		}
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
			return 0, false // a conversion: KindOfExpr's business
		}
		var inner ast.Expr
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.Ident:
			funcs = append(funcs, f.Name)
		case *ast.SelectorExpr:
			funcs = append(funcs, f.Sel.Name)
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				inner = sel.X // a method: its receiver is the value
			}
		}
		for _, a := range call.Args {
			if tv, ok := info.Types[a]; ok && tv.Value != nil {
				continue // a constant argument
			}
			if inner != nil {
				return 0, false // a second value
			}
			inner = a
		}
		if inner == nil {
			return 0, false
		}
		e = inner
	}
	return 0, false
}

// namesKind reports whether a function's name mentions kind k: its
// default word (tenant, capsule) or its configured label as a word.
func (c *Classifier) namesKind(name string, k Kind) bool {
	name = strings.ToLower(name)
	words := []string{k.String()}
	v := c.Config.Vocabulary()
	if k == Tenant {
		words = append(words, v.Tenant)
	} else {
		words = append(words, v.Capsule)
	}
	for _, w := range words {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
