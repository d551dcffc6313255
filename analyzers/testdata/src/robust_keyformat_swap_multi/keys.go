// Package robust_keyformat_swap_multi reproduces a non-idempotent fix
// (found by FuzzFromFormat in internal/keys: input
// "TENANT#%A%A%A%A#CAPSULE#%A%A%A", capsule values at arguments 1 and 2,
// tenant values at 5 and 6): when the TENANT# segment holds several
// capsule values and the CAPSULE# segment several tenant values, the
// message names one pair (c2, t2), the fix swaps another (c, t), and the
// key is still swapped afterwards, so the fix is offered again. Which
// values belong where cannot be told: there should be no fix.
package robust_keyformat_swap_multi

import (
	"fmt"

	"ids"
)

func key(t, t2 ids.TenantID, c, c2 ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s-%s#CAPSULE#%s-%s", c, c2, t, t2) // want `keyformat: key "TENANT#%s-%s#CAPSULE#%s-%s" has capsule value.*; no fix: `
}
