// Package gsitenantlib declares tenant-scoped GSI key helpers that other
// test packages call.
package gsitenantlib

import (
	"fmt"

	"ids"
)

// GSI1PKForAccount is a compliant helper: the tenant comes first.
func GSI1PKForAccount(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#ACCOUNT#%s", tenantID, capsuleID, accountID)
}
