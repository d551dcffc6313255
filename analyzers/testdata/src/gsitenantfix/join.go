package gsitenantfix

import (
	"strings"

	"ids"
)

// Gsi2skForAccount joins its segments.
func Gsi2skForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper Gsi2skForAccount has no tenant ID parameter: its key "CAPSULE#\{capsuleID\}#ACCOUNT#\{accountID\}" lets an index query see every tenant's rows \(want Gsi2skForAccount\(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID\) building "TENANT#\{tenantID\}#CAPSULE#\{capsuleID\}#ACCOUNT#\{accountID\}"\)`
	return strings.Join([]string{"CAPSULE", string(capsuleID), "ACCOUNT", string(accountID)}, "#")
}
