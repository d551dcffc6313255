// Package gsitenantnames is analysed with tenant-names: [tenantSlug,
// TenantSlug] and capsule-names: [capsuleSlug, CapsuleSlug]: plain
// strings.
package gsitenantnames

// Gsi1pkForAccount has no tenant.
func Gsi1pkForAccount(capsuleSlug, accountID string) string { // want `^GSI key helper Gsi1pkForAccount has no tenant ID parameter: its key "CAPSULE#\{capsuleSlug\}#ACCOUNT#\{accountID\}" lets an index query see every tenant's rows \(want Gsi1pkForAccount\(tenantSlug string, capsuleSlug string, accountID string\) building "TENANT#\{tenantSlug\}#CAPSULE#\{capsuleSlug\}#ACCOUNT#\{accountID\}"\)$`
	return "CAPSULE#" + capsuleSlug + "#ACCOUNT#" + accountID
}

// Gsi2pkForAccount has its tenant, by name.
func Gsi2pkForAccount(tenantSlug, capsuleSlug, accountID string) string {
	return "TENANT#" + tenantSlug + "#CAPSULE#" + capsuleSlug + "#ACCOUNT#" + accountID
}

// Request carries the caller's tenant and capsule.
type Request struct {
	TenantSlug  string
	CapsuleSlug string
	AccountID   string
}

func handler(tenantSlug, capsuleSlug string) []string {
	return []string{
		Gsi1pkForAccount(capsuleSlug, "a1"),
		Gsi2pkForAccount("", capsuleSlug, "a1"), // want `GSI key helper Gsi2pkForAccount is passed an empty tenant ID: .*e\.g\. Gsi2pkForAccount\(tenantSlug, \.\.\.\)\)$`
	}
}

func handle(req Request) string {
	return Gsi1pkForAccount(req.CapsuleSlug, req.AccountID)
}
