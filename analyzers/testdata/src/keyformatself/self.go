// Package keyformatself holds templates whose result is the tenant ID
// itself (normalised or minted): not storage keys, never reported, never
// fixed. Real keys beside them are still reported.
package keyformatself

import (
	"fmt"
	"strings"

	"ids"
)

type Tenant struct {
	ID   string
	Name string
}

type Request struct {
	TenantID ids.TenantID
}

type Invoice struct {
	ID       string
	TenantID ids.TenantID
}

func newID() string { return "x" }

// normalise gives the tenant ID its own label: the result is the tenant
// ID, with the capsule in scope.
func normalise(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	if !strings.HasPrefix(string(tenantID), "TENANT#") {
		tenantID = ids.TenantID(fmt.Sprintf("TENANT#%s", tenantID))
	}
	return fmt.Sprintf("%s#INVOICE#%s", tenantID, capsuleID)
}

func normaliseField(req *Request) {
	req.TenantID = ids.TenantID("TENANT#" + string(req.TenantID))
}

func normaliseDefine(t ids.TenantID) ids.TenantID {
	var tenantID ids.TenantID = ids.TenantID(fmt.Sprintf("TENANT#%s", t))
	return tenantID
}

// mint creates the tenant's own record: its ID is the tenant ID.
func mint() *Tenant {
	return &Tenant{ID: fmt.Sprintf("TENANT#%s", newID()), Name: "acme"}
}

// Real keys beside them are still reported.
func keys(t ids.TenantID, c ids.CapsuleID) []string {
	pk := fmt.Sprintf("TENANT#%s", t) // want `key "TENANT#%s" has no CAPSULE# segment`
	inv := Invoice{
		ID:       fmt.Sprintf("TENANT#%s", newID()), // want `key "TENANT#%s" has no CAPSULE# segment`
		TenantID: t,
	}
	other := Tenant{ID: fmt.Sprintf("TENANT#%s#INVOICE#%s", t, newID())} // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment`
	return []string{pk, inv.ID, other.ID}
}
