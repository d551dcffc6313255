// Package robust_gsitenant_recursive reproduces a fix that builds a key
// with two tenant segments: a GSI key helper whose return appends to a
// recursive call gets the tenant prefix on that return too, although the
// recursive call's key already starts with it.
package robust_gsitenant_recursive

import (
	"fmt"

	"ids"
)

func Gsi1pkPath(capsuleID ids.CapsuleID, depth int) string { // want `gsitenant: GSI key helper Gsi1pkPath has no tenant ID parameter`
	if depth == 0 {
		return fmt.Sprintf("CAPSULE#%s", capsuleID)
	}
	return Gsi1pkPath(capsuleID, depth-1) + "#CHILD"
}

func use(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return Gsi1pkPath(capsuleID, 2)
}
