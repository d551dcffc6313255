package scope

import (
	"go/ast"
	"go/types"
	"strings"
)

// TenantTarget reports whether storing a value into dst makes it the
// tenant ID itself rather than a key holding one: dst is a tenant variable
// or field (orgID = fmt.Sprintf("org#%s", orgID), req.OrgID = ...,
// Tenant{TenantID: ...}). dst is the left-hand side of an assignment or
// the key of a composite literal element. A template whose result is
// the tenant ID normalises or mints it and is not a storage key: adding a
// capsule segment to it would change every lookup by that ID.
func (c *Classifier) TenantTarget(info *types.Info, dst ast.Expr) bool {
	if id, ok := ast.Unparen(dst).(*ast.Ident); ok {
		if v, ok := info.Defs[id].(*types.Var); ok {
			return c.IsVar(Tenant, v)
		}
		if v, ok := info.Uses[id].(*types.Var); ok {
			return c.IsVar(Tenant, v)
		}
		return false
	}
	k, ok := c.KindOfExpr(info, dst)
	return ok && k == Tenant
}

// IsTenantEntity reports whether t (or what it points to) is the tenant's
// own record type: a named struct whose name starts with a tenant stem,
// the tenant label or a configured tenant type or name without its ID
// suffix (Organization for label org or name orgID, Tenant for TenantID).
// Its ID field holds the tenant ID.
func (c *Classifier) IsTenantEntity(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	tn := typeName(t)
	if tn == nil {
		return false
	}
	if _, ok := tn.Type().Underlying().(*types.Struct); !ok {
		return false
	}
	name := strings.ToLower(tn.Name())
	for _, s := range c.tenantStems() {
		if strings.HasPrefix(name, s) {
			return true
		}
	}
	return false
}

// tenantStems are the lower-case stems IsTenantEntity matches.
func (c *Classifier) tenantStems() []string {
	var out []string
	add := func(s string) {
		s = strings.ToLower(s)
		if i := strings.LastIndex(s, "."); i >= 0 {
			s = s[i+1:]
		}
		for _, suf := range []string{"id", "slug", "key", "name"} {
			s = strings.TrimSuffix(s, suf)
		}
		s = strings.TrimRight(s, "_-")
		if len(s) >= 3 && !containsString(out, s) {
			out = append(out, s)
		}
	}
	add(c.Config.Labels.Tenant)
	add("TenantID")
	for _, n := range c.Config.TenantTypes {
		add(n)
	}
	for _, n := range c.nameList[Tenant] {
		add(n)
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// IsIDField reports whether name is the name of a record's own ID field.
func IsIDField(name string) bool {
	return name == "ID" || name == "Id" || name == "id"
}
