package keyformatlabels

import (
	"fmt"

	"ids"
)

func invoiceKey(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf("org:%s:invoice:%s", t, id) // want `key "org:%s:invoice:%s" has no proj: segment: rows from every proj of the org share it \(want "org:%s:proj:%s:invoice:%s"\)`
}

func good(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf("org:%s:proj:%s:invoice:%s", t, c, id)
}

// Upper-case TENANT is not a label under this configuration.
func other(t ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", t, id)
}

// Global reference data.
func schemaKey(t ids.TenantID, v int) string {
	return fmt.Sprintf("schema:%d:org:%s", v, t)
}

func concat(t ids.TenantID, c ids.CapsuleID) string {
	return "org:" + string(t) + ":items" // want `key "org:{t}:items" has no proj: segment`
}
