package gsitenantfix

import (
	"context"

	"ids"
)

// Request carries the caller's tenant and capsule.
type Request struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	AccountID ids.AccountID
}

// GetAccount has the tenant as a parameter.
func GetAccount(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) []string {
	return []string{
		Gsi1pkForAccount(capsuleID, accountID),
		Gsi1pkForIndustry(capsuleID, "retail"),
		Gsi2skForAccount(capsuleID, accountID),
		gsi1SKRaw(accountID, 1),
		gsi2PK(capsuleID),
		gsi3PK(capsuleID, accountID),
		gsi2SK(capsuleID, accountID),
	}
}

// Handle finds the tenant beside the capsule in its request.
func Handle(req Request) string {
	return Gsi1pkForAccount(req.CapsuleID, req.AccountID)
}

// FromContext finds the tenant in the context.
func FromContext(ctx context.Context, capsuleID ids.CapsuleID) string {
	return Gsi1pkForIndustry(capsuleID, "retail")
}
