package keyformatconstparam

import (
	"context"
	"fmt"

	"ids"
)

// The uses have no capsule value, but their functions take the tenant:
// the fix edits the constant, adds capsuleID after the tenant parameter
// of each function and passes it from every caller in the package.
const grantFormat = "TENANT#%s#GRANT#%s" // want `key "TENANT#%s#GRANT#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#GRANT#%s"\)`

// GrantPK is the key of one grant.
func GrantPK(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf(grantFormat, tenantID, id)
}

// GrantPKs is variadic: the new parameter goes before the variadic one.
func GrantPKs(tenantID ids.TenantID, grantIDs ...string) []string {
	out := make([]string, 0, len(grantIDs))
	for _, id := range grantIDs {
		out = append(out, fmt.Sprintf(grantFormat, tenantID, id))
	}
	return out
}

// firstGrant calls GrantPKs from inside a function that gets the new
// parameter too: the parameter is passed on.
func firstGrant(tenantID ids.TenantID, grants ...string) string {
	pks := GrantPKs(tenantID, grants...)
	if len(pks) == 0 {
		return fmt.Sprintf(grantFormat, tenantID, "none")
	}
	return pks[0]
}

// Callers with a capsule value in scope pass it.
func Lookup(ctx context.Context, tenantID ids.TenantID, id string) []string {
	return []string{GrantPK(tenantID, id), firstGrant(tenantID, id)}
}

func handle(tenantID ids.TenantID, capsuleID ids.CapsuleID, all []string) []string {
	return GrantPKs(tenantID, all...)
}

// Request carries both IDs.
type Request struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	Grant     string
}

func (r Request) key() string { return GrantPK(r.TenantID, r.Grant) }

// Mixed: one use has a capsule value, the other gets the parameter; the
// use in a closure is passed the enclosing function's new parameter.
const ruleFormat = "TENANT#%s#RULE#%s" // want `key "TENANT#%s#RULE#%s" has no CAPSULE# segment`

func ruleKey(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf(ruleFormat, t, id)
}

func ruleKeys(t ids.TenantID, rules []string) []string {
	var out []string
	each := func(id string) { out = append(out, fmt.Sprintf(ruleFormat, t, id)) }
	for _, id := range rules {
		each(id)
	}
	return out
}

func rules(ctx context.Context, t ids.TenantID) []string {
	return ruleKeys(t, []string{"a"})
}

// A method coupled to an interface: the interface method changes with it.
const policyFormat = "TENANT#%s#POLICY#%s" // want `key "TENANT#%s#POLICY#%s" has no CAPSULE# segment`

// Policies is implemented by policyKeys.
type Policies interface {
	Key(tenantID ids.TenantID, id string) string
}

type policyKeys struct{}

func (policyKeys) Key(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf(policyFormat, tenantID, id)
}

func usePolicies(p Policies, ctx context.Context, tenantID ids.TenantID) string {
	return p.Key(tenantID, "default")
}

// Uses in functions whose tenant parameters are at different places: each
// gets the new parameter right after its own.
const scopeFormat = "TENANT#%s#SCOPE#%s" // want `key "TENANT#%s#SCOPE#%s" has no CAPSULE# segment`

func scopeKey(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf(scopeFormat, tenantID, id)
}

func ownerScopeKey(owner string, tenantID ids.TenantID) string {
	return fmt.Sprintf(scopeFormat, tenantID, owner)
}

func scopes(ctx context.Context, tenantID ids.TenantID) []string {
	return []string{scopeKey(tenantID, "a"), ownerScopeKey("me", tenantID)}
}
