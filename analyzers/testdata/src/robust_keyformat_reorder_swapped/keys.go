// Package robust_keyformat_reorder_swapped is the regression test of a fix
// that left a key swapped (found by FuzzFromFormat in internal/keys: input
// "TENANT#%A#%A#CAPSULE", a capsule value at argument 0 and a tenant value
// at 1): the CAPSULE label comes after both values, the fix moved it
// between them, and the key became TENANT#{c}#CAPSULE#{t}, which the next
// run reported as swapped. The reorder puts the values where their labels
// say (internal/keys TestReorderSwapped).
package robust_keyformat_reorder_swapped

import (
	"fmt"

	"ids"
)

func key(t ids.TenantID, c ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s#%s#CAPSULE", c, t) // want `keyformat: key "TENANT#%s#%s#CAPSULE" `
}
