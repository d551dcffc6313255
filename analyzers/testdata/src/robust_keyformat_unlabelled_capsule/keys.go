// Package robust_keyformat_unlabelled_capsule is the regression test of a
// fix that put the capsule value in a key twice: the capsule value follows
// the tenant segment without a CAPSULE label (as gsitenant's fix leaves
// "{capsuleID}#ACCOUNT#..." keys, see gsitenantfix/concat.go gsi3PK), and
// keyformat inserted a whole CAPSULE#{capsuleID} segment in front of it.
// The fix inserts the CAPSULE# label only, and passes no new argument.
package robust_keyformat_unlabelled_capsule

import (
	"fmt"
	"strings"

	"ids"
)

func concat(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return "TENANT#" + string(tenantID) + "#" + string(capsuleID) + "#ACCOUNT#" + string(accountID) // want `keyformat: key "TENANT#\{tenantID\}#\{capsuleID\}#ACCOUNT#\{accountID\}" .*\(want "TENANT#\{tenantID\}#CAPSULE#\{capsuleID\}#ACCOUNT#\{accountID\}"\)`
}

func format(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("TENANT#%s#%s#ACCOUNT#%s", tenantID, capsuleID, accountID) // want `keyformat: key "TENANT#%s#%s#ACCOUNT#%s" .*\(want "TENANT#%s#CAPSULE#%s#ACCOUNT#%s"\)`
}

func join(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return strings.Join([]string{"TENANT", string(tenantID), string(capsuleID), "ACCOUNT", string(accountID)}, "#") // want `keyformat: key "TENANT#\{tenantID\}#\{capsuleID\}#ACCOUNT#\{accountID\}" .*\(want "TENANT#\{tenantID\}#CAPSULE#\{capsuleID\}#ACCOUNT#\{accountID\}"\)`
}

// AccountKey is exported: inserting the label changes no argument, so its
// uses in other packages stay right.
const AccountKey = "TENANT#%s#%s#ACCOUNT#%s" // want `keyformat: key "TENANT#%s#%s#ACCOUNT#%s" has capsule value capsuleID right after its TENANT# segment but no CAPSULE# label`

func viaConst(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf(AccountKey, tenantID, capsuleID, accountID)
}

type Account struct {
	TenantID  ids.TenantID  `dynamodbav:"tenant_id"`
	CapsuleID ids.CapsuleID `dynamodbav:"capsule_id"`
	ID        ids.AccountID `dynamodbav:"id" pk:"TENANT#{tenant_id}#{capsule_id}#ACCOUNT#{id}"` // want `keyformat: key "TENANT#\{tenant_id\}#\{capsule_id\}#ACCOUNT#\{id\}" .*\(want "TENANT#\{tenant_id\}#CAPSULE#\{capsule_id\}#ACCOUNT#\{id\}"\)`
}
