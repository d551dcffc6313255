// Package keyformatfixscope is analysed with the fix scope of a driver
// that sees one package (go vet -vettool, go fix -fixtool, -json): a fix
// that changes an exported signature is withheld, others are kept.
package keyformatfixscope

import (
	"fmt"

	"ids"
)

// InvoicePK is exported: callers in other packages would need the new
// capsule argument.
func InvoicePK(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", tenantID, id) // want `^key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#INVOICE#%s"\) \(fix withheld: it changes the signature of InvoicePK, which other packages may call or implement, and this driver fixes one package at a time; run capsulelint migrate \(or capsulelint -fix\), which completes it in every package\)$`
}

// lineKey is unexported: its callers are in this package, and the fix
// completes them.
func lineKey(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#LINE#%s", tenantID, id) // want `^key "TENANT#%s#LINE#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#LINE#%s"\)$`
}

// LinePK passes its capsule on.
func LinePK(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return lineKey(tenantID, id)
}

// AuditPK is exported, but its fix edits only its body.
func AuditPK(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#AUDIT#%s", tenantID, id) // want `^key "TENANT#%s#AUDIT#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#AUDIT#%s"\)$`
}
