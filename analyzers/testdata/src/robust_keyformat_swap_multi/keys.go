// Package robust_keyformat_swap_multi is the regression test of a
// non-idempotent fix (found by FuzzFromFormat in internal/keys: input
// "TENANT#%A%A%A%A#CAPSULE#%A%A%A", capsule values at arguments 1 and 2,
// tenant values at 5 and 6): when the TENANT# segment holds several
// capsule values and the CAPSULE# segment several tenant values, the
// message named one pair (c2, t2), the fix swapped another (c, t), and the
// key was still swapped afterwards, so the fix was offered again. Which
// values belong where cannot be told: the message names them all and
// there is no fix (internal/keys TestSwapMulti).
package robust_keyformat_swap_multi

import (
	"fmt"

	"ids"
)

func key(t, t2 ids.TenantID, c, c2 ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s-%s#CAPSULE#%s-%s", c, c2, t, t2) // want `keyformat: key "TENANT#%s-%s#CAPSULE#%s-%s" has capsule values c and c2 in its TENANT# segment and tenant values t and t2 in its CAPSULE# segment: .*; no fix: `
}

// Two capsule values, one tenant value: which capsule value goes into the
// CAPSULE# segment cannot be told either.
func keyTwoOne(t ids.TenantID, c, c2 ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s-%s#CAPSULE#%s", c, c2, t) // want `keyformat: key "TENANT#%s-%s#CAPSULE#%s" has capsule values c and c2 in its TENANT# segment and tenant value t in its CAPSULE# segment: .*; no fix: the tenant and capsule segments hold several swapped values`
}
