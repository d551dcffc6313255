// Package ids is the fake ID package shared by the analyzers' tests.
// Coordinate by only adding to it.
package ids

import "context"

// TenantID identifies a customer organisation.
type TenantID string

// CapsuleID identifies an isolated environment of a tenant.
type CapsuleID string

// AccountID identifies a customer account.
type AccountID string

// ContractID identifies a contract.
type ContractID string

type ctxKey int

const (
	tenantKey ctxKey = iota
	capsuleKey
)

// TenantFromContext returns the tenant carried by ctx.
func TenantFromContext(ctx context.Context) TenantID {
	t, _ := ctx.Value(tenantKey).(TenantID)
	return t
}

// CapsuleFromContext returns the capsule carried by ctx.
func CapsuleFromContext(ctx context.Context) CapsuleID {
	c, _ := ctx.Value(capsuleKey).(CapsuleID)
	return c
}
