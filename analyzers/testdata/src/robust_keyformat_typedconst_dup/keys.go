// Package robust_keyformat_typedconst_dup reproduces a duplicate finding:
// a key held in a constant of a named string type is reported at the
// constant (right) and again where it is converted to a format (wrong:
// one defect, one diagnostic).
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
