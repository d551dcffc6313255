// Package gsitenantpattern is analysed with keyhelper-pattern: ^IndexKey.
package gsitenantpattern

import (
	"fmt"

	"ids"
)

// IndexKeyForAccount is a helper under the configured pattern.
func IndexKeyForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper IndexKeyForAccount has no tenant ID parameter`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// IndexKeyForContract has its tenant.
func IndexKeyForContract(tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#CONTRACT#%s", tenantID, capsuleID, id)
}

// Gsi1pkForAccount is not a helper under the configured pattern.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// Gsi1pkForContract is not a helper either.
func Gsi1pkForContract(tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#CONTRACT#%s", tenantID, capsuleID, id)
}

func handler(tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) []string {
	return []string{
		IndexKeyForAccount(capsuleID, "a1"),
		IndexKeyForContract("", capsuleID, id), // want `GSI key helper IndexKeyForContract is passed an empty tenant ID`
		Gsi1pkForContract("", capsuleID, id),
	}
}
