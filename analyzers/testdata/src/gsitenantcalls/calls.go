package gsitenantcalls

import (
	"gsitenantlib"
	"ids"
)

// Request carries the caller's tenant and capsule.
type Request struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	AccountID ids.AccountID
}

func withParam(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return gsitenantlib.GSI1PKForAccount("", capsuleID, "a1") // want `GSI key helper GSI1PKForAccount is passed an empty tenant ID: .* \(pass the caller's tenant, e\.g\. GSI1PKForAccount\(tenantID, \.\.\.\)\)$`
}

func withField(req Request) string {
	return gsitenantlib.GSI1PKForAccount(ids.TenantID(""), req.CapsuleID, req.AccountID) // want `e\.g\. GSI1PKForAccount\(req\.TenantID, \.\.\.\)\)$`
}

func ambiguous(a, b ids.TenantID, capsuleID ids.CapsuleID) string {
	return gsitenantlib.GSI1PKForAccount("", capsuleID, "a1") // want `; no fix: more than one tenant ID value is in scope \(a, b\), so none is chosen$`
}

func none(capsuleID ids.CapsuleID) string {
	return gsitenantlib.GSI1PKForAccount("", capsuleID, "a1") // want `; no fix: no tenant ID value is in scope`
}
