// Package robust_keyformat_typedconst_dup is the regression test of a
// duplicate finding: a key held in a constant of a named string type was
// reported at the constant (right) and again where it is converted to a
// format (wrong: one defect, one diagnostic). string(k) is a use of the
// constant as a format, so the constant's fix threads the capsule
// argument through it.
package robust_keyformat_typedconst_dup

import (
	"fmt"

	"ids"
)

type Key string

const invoiceKey Key = "TENANT#%s#INVOICE#%s" // want `keyformat: key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment`

func key(t ids.TenantID, id string) string {
	return fmt.Sprintf(string(invoiceKey), t, id)
}
