// Package robust_keyformat_unlabelled_capsule reproduces a fix that puts
// the capsule value in a key twice: the capsule value follows the tenant
// segment without a CAPSULE label (as gsitenant's fix leaves
// "{capsuleID}#ACCOUNT#..." keys, see gsitenantfix/concat.go gsi3PK), and
// keyformat inserts a whole CAPSULE#{capsuleID} segment in front of it
// instead of the CAPSULE# label.
package robust_keyformat_unlabelled_capsule

import (
	"fmt"

	"ids"
)

func concat(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return "TENANT#" + string(tenantID) + "#" + string(capsuleID) + "#ACCOUNT#" + string(accountID) // want `keyformat: key "TENANT#\{tenantID\}#\{capsuleID\}#ACCOUNT#\{accountID\}" .*\(want "TENANT#\{tenantID\}#CAPSULE#\{capsuleID\}#ACCOUNT#\{accountID\}"\)`
}

func format(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("TENANT#%s#%s#ACCOUNT#%s", tenantID, capsuleID, accountID) // want `keyformat: key "TENANT#%s#%s#ACCOUNT#%s" .*\(want "TENANT#%s#CAPSULE#%s#ACCOUNT#%s"\)`
}
