// Package ids holds the identifier types of the billing service and the
// request-context helpers that carry the caller's tenant and capsule.
//
// A tenant is a customer organisation. A capsule is one of the tenant's
// isolated environments: PRODUS for production, DEVUS for development and
// testing. Data of one capsule must never be visible from another.
package ids

import "context"

// TenantID identifies a customer organisation.
type TenantID string

// CapsuleID identifies an isolated environment of a tenant.
type CapsuleID string

// The capsules every tenant gets.
const (
	Produs CapsuleID = "PRODUS"
	Devus  CapsuleID = "DEVUS"
)

type (
	// AccountID identifies a customer account of a tenant.
	AccountID string
	// ContractID identifies a contract.
	ContractID string
	// LineItemID identifies a line item of a contract.
	LineItemID string
	// AmendmentID identifies an amendment of a contract.
	AmendmentID string
	// ScheduleID identifies a revenue schedule entry.
	ScheduleID string
	// AccessID identifies an access grant.
	AccessID string
)

type ctxKey int

const (
	tenantKey ctxKey = iota
	capsuleKey
)

// WithTenant returns a copy of ctx that carries tenantID.
func WithTenant(ctx context.Context, tenantID TenantID) context.Context {
	return context.WithValue(ctx, tenantKey, tenantID)
}

// TenantFromContext returns the tenant carried by ctx, or "" if there is none.
func TenantFromContext(ctx context.Context) TenantID {
	t, _ := ctx.Value(tenantKey).(TenantID)
	return t
}

// WithCapsule returns a copy of ctx that carries capsuleID.
func WithCapsule(ctx context.Context, capsuleID CapsuleID) context.Context {
	return context.WithValue(ctx, capsuleKey, capsuleID)
}

// CapsuleFromContext returns the capsule carried by ctx, or "" if there is none.
func CapsuleFromContext(ctx context.Context) CapsuleID {
	c, _ := ctx.Value(capsuleKey).(CapsuleID)
	return c
}

// Valid reports whether c is one of the known capsules.
func (c CapsuleID) Valid() bool {
	return c == Produs || c == Devus
}
