// Package gsitenantnotype has no tenant ID type anywhere in reach.
package gsitenantnotype

// Gsi1pkForAccount takes plain strings.
func Gsi1pkForAccount(capsule, account string) string { // want `want Gsi1pkForAccount\(tenantID TenantID, capsule string, account string\) building "TENANT#\{tenantID\}#CAPSULE#\{capsule\}#ACCOUNT#\{account\}"\); no fix: no tenant ID type is known: none is declared in this package or its imports, or used in its files; configure tenant-types with a qualified type such as example\.com/ids\.TenantID \(or tenant-names for string IDs\)$`
	return "CAPSULE#" + capsule + "#ACCOUNT#" + account
}
