// Package gsitenantnotype has no tenant ID type anywhere in reach.
package gsitenantnotype

// Gsi1pkForAccount takes plain strings.
func Gsi1pkForAccount(capsule, account string) string { // want `want Gsi1pkForAccount\(tenantID TenantID, capsule string, account string\) building "TENANT#\{tenantID\}#CAPSULE#\{capsule\}#ACCOUNT#\{account\}"\); no fix: no tenant ID type is known \(none is declared beside the capsule type or the parameters' types\); configure tenant-types`
	return "CAPSULE#" + capsule + "#ACCOUNT#" + account
}
