// Package gsitenantsep is analysed with separator: "|".
package gsitenantsep

import (
	"fmt"
	"strings"

	"ids"
)

// Gsi1pkForAccount formats its key.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `its key "CAPSULE\|%s\|ACCOUNT\|%s" .* building "TENANT\|%s\|CAPSULE\|%s\|ACCOUNT\|%s"\)$`
	return fmt.Sprintf("CAPSULE|%s|ACCOUNT|%s", capsuleID, accountID)
}

// Gsi2pkForAccount concatenates.
func Gsi2pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `building "TENANT\|\{tenantID\}\|CAPSULE\|\{capsuleID\}\|ACCOUNT\|\{accountID\}"\)$`
	return "CAPSULE|" + string(capsuleID) + "|ACCOUNT|" + string(accountID)
}

// Gsi3pkForAccount joins.
func Gsi3pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `building "TENANT\|\{tenantID\}\|CAPSULE\|\{capsuleID\}\|ACCOUNT\|\{accountID\}"\)$`
	return strings.Join([]string{"CAPSULE", string(capsuleID), "ACCOUNT", string(accountID)}, "|")
}

// Gsi4pkForAccount joins with "#", not the configured separator.
func Gsi4pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `no fix: its strings.Join separator "#" is not the key separator "\|"`
	return strings.Join([]string{"CAPSULE", string(capsuleID), "ACCOUNT", string(accountID)}, "#")
}

// Gsi5pkForAccount has a tenant segment under this separator.
func Gsi5pkForAccount(ctxTenant string, capsuleID ids.CapsuleID) string {
	return "TENANT|" + ctxTenant + "|CAPSULE|" + string(capsuleID)
}

func handler(tenantID ids.TenantID, capsuleID ids.CapsuleID) []string {
	return []string{
		Gsi1pkForAccount(capsuleID, "a1"),
		Gsi2pkForAccount(capsuleID, "a1"),
		Gsi3pkForAccount(capsuleID, "a1"),
	}
}
