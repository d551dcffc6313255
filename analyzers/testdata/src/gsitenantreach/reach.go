// Package gsitenantreach has a GSI helper whose parameters are all plain
// strings; the package itself imports and uses ids.TenantID, the one
// tenant type in reach, so the new parameter has that type.
package gsitenantreach

import (
	"context"

	"ids"
)

func Gsi1pkForAccount(capsule, account string) string { // want `^GSI key helper Gsi1pkForAccount has no tenant ID parameter: its key "CAPSULE#\{capsule\}#ACCOUNT#\{account\}" lets an index query see every tenant's rows \(want Gsi1pkForAccount\(tenantID ids\.TenantID, capsule string, account string\) building "TENANT#\{tenantID\}#CAPSULE#\{capsule\}#ACCOUNT#\{account\}"\)$`
	return "CAPSULE#" + capsule + "#ACCOUNT#" + account
}

// Lookup has the tenant as a parameter.
func Lookup(tenantID ids.TenantID, capsule, account string) string {
	return Gsi1pkForAccount(capsule, account)
}

// FromContext finds the tenant in the context (rule 3).
func FromContext(ctx context.Context, capsule string) string {
	return Gsi1pkForAccount(capsule, "a1")
}
