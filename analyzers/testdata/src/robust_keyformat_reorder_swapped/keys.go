// Package robust_keyformat_reorder_swapped reproduces a fix that leaves a
// key swapped (found by FuzzFromFormat in internal/keys: input
// "TENANT#%A#%A#CAPSULE", a capsule value at argument 0 and a tenant value
// at 1): the CAPSULE label comes after both values, the fix moves it
// between them, and the key becomes TENANT#{c}#CAPSULE#{t}, which the next
// run reports as swapped. The reorder should put the values where their
// labels say (or the diagnostic should report the swap first).
package robust_keyformat_reorder_swapped

import (
	"fmt"

	"ids"
)

func key(t ids.TenantID, c ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s#%s#CAPSULE", c, t) // want `keyformat: key "TENANT#%s#%s#CAPSULE" `
}
