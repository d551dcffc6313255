package keyformatconst

import (
	"fmt"

	"ids"
)

const invoiceFormat = "TENANT#%s#INVOICE#%s" // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#INVOICE#%s"\)`

const goodFormat = "TENANT#%s#CAPSULE#%s#INVOICE#%s"

const tenantPrefix = "TENANT#" // a bare label: not a key

// Invoice is a capsule-scoped entity.
type Invoice struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string
}

func key(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf(invoiceFormat, t, id)
}

func keyOf(inv Invoice) string {
	return fmt.Sprintf(invoiceFormat, inv.TenantID, inv.ID)
}

func good(inv Invoice) string {
	return fmt.Sprintf(goodFormat, inv.TenantID, inv.CapsuleID, inv.ID)
}

// The concatenation is the key, not the constant.
func prefixed(t ids.TenantID, c ids.CapsuleID, id string) string {
	return tenantPrefix + string(t) + "#INVOICE#" + id // want `key "TENANT#{t}#INVOICE#{id}" has no CAPSULE# segment`
}

func misordered(t ids.TenantID, c ids.CapsuleID) string {
	const format = "CAPSULE#%s#TENANT#%s" // want `key "CAPSULE#%s#TENANT#%s" has its CAPSULE# segment before its TENANT# segment`
	return fmt.Sprintf(format, c, t)
}
