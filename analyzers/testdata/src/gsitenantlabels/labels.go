// Package gsitenantlabels is analysed with labels: {tenant: org, capsule:
// proj}.
package gsitenantlabels

import (
	"fmt"

	"ids"
)

// Gsi1pkForAccount has no tenant.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `its key "proj#%s#acct#%s" lets an index query see every org's rows \(want Gsi1pkForAccount\(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID\) building "org#%s#proj#%s#acct#%s"\)$`
	return fmt.Sprintf("proj#%s#acct#%s", capsuleID, accountID)
}

// Gsi2pkForAccount builds its key with +.
func Gsi2pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `building "org#\{tenantID\}#proj#\{capsuleID\}#acct#\{accountID\}"`
	return "proj#" + string(capsuleID) + "#acct#" + string(accountID)
}

// defaultOrg is the single-tenant deployment's organisation.
var defaultOrg = "acme"

// Gsi3pkForAccount has an org segment (under these labels) from a package
// variable: no diagnostic.
func Gsi3pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("org#%s#proj#%s#acct#%s", defaultOrg, capsuleID, accountID)
}

// Gsi4pkForAccount's upper-case TENANT# is not the tenant segment here.
func Gsi4pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper Gsi4pkForAccount has no org ID parameter`
	return fmt.Sprintf("TENANT#%s#proj#%s#acct#%s", defaultOrg, capsuleID, accountID)
}

// Gsi5pkForAccount has its tenant.
func Gsi5pkForAccount(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("org#%s#proj#%s#acct#%s", tenantID, capsuleID, accountID)
}

func handler(tenantID ids.TenantID, capsuleID ids.CapsuleID) []string {
	return []string{
		Gsi1pkForAccount(capsuleID, "a1"),
		Gsi2pkForAccount(capsuleID, "a1"),
		Gsi5pkForAccount("", capsuleID, "a1"), // want `the key's org# segment is blank`
	}
}
