package keyformatparam

import (
	"fmt"

	"ids"
)

// invoiceKey takes the tenant but no capsule: the fix adds the capsule
// parameter and passes it from every caller.
func invoiceKey(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", tenantID, id) // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#INVOICE#%s"\)`
}

func lineKey(tenantID ids.TenantID, invoice, line string) string {
	return "TENANT#" + string(tenantID) + "#INVOICE#" + invoice + "#LINE#" + line // want `key "TENANT#{tenantID}#INVOICE#{invoice}#LINE#{line}" has no CAPSULE# segment`
}

// Get passes its own capsule.
func Get(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return invoiceKey(tenantID, id)
}

// Line is called by Lines, which gets the new parameter itself.
func Line(tenantID ids.TenantID, capsuleID ids.CapsuleID, invoice, line string) string {
	return lineKey(tenantID, invoice, line)
}

// Request carries both IDs.
type Request struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	Invoice   string
}

// Handle passes the request's capsule.
func Handle(r Request) string {
	return invoiceKey(r.TenantID, r.Invoice) + lineKey(r.TenantID, r.Invoice, "1")
}
