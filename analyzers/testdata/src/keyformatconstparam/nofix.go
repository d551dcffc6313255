package keyformatconstparam

import (
	"fmt"

	"ids"
)

// A use outside any function with a tenant parameter.
const auditFormat = "TENANT#%s#AUDIT#%s" // want `key "TENANT#%s#AUDIT#%s" has no CAPSULE# segment: .*; no fix: at the use of auditFormat at nofix.go:\d+: no capsule ID value is in scope: .*, and the function around it has no tenant parameter to add a capsule parameter beside`

type auditor struct{ tenant ids.TenantID }

func (a auditor) key(id string) string {
	return fmt.Sprintf(auditFormat, a.tenant, id)
}

// A caller of the function that would get the parameter has no capsule.
const quotaFormat = "TENANT#%s#QUOTA#%s" // want `no fix: a capsule parameter cannot be added to quotaKey: call at nofix.go:\d+: no capsule ID value is in scope`

func quotaKey(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf(quotaFormat, tenantID, id)
}

func quotaOf(tenantID ids.TenantID) string { return quotaKey(tenantID, "q") }

// A function literal taking the tenant cannot change.
const limitFormat = "TENANT#%s#LIMIT#%s" // want `no fix: at the use of limitFormat at nofix.go:\d+: no capsule ID value is in scope: .*, and a capsule parameter cannot be added: the function literal declaring the key takes the tenant ID`

var limitKey = func(t ids.TenantID, id string) string {
	return fmt.Sprintf(limitFormat, t, id)
}

// Two capsule values at a use: none is chosen.
const tagFormat = "TENANT#%s#TAG#%s" // want `no fix: at the use of tagFormat at nofix.go:\d+: more than one capsule ID value is in scope \(a, b\), so none is chosen`

func tagKey(t ids.TenantID, a, b ids.CapsuleID, id string) string {
	return fmt.Sprintf(tagFormat, t, id)
}

// A local capsuleID of another type would hide the new parameter.
const noteFormat = "TENANT#%s#NOTE#%s" // want `no fix: at the use of noteFormat at nofix.go:\d+, capsuleID declared in noteKey would hide the new capsuleID parameter`

func noteKey(tenantID ids.TenantID, id string) string {
	if id != "" {
		capsuleID := len(id)
		return fmt.Sprintf(noteFormat, tenantID, id) + fmt.Sprint(capsuleID)
	}
	return ""
}
