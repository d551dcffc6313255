// Package ids is the fake ID package shared by the analyzers' tests.
package ids

import "context"

// TenantID identifies a tenant.
type TenantID string

// CapsuleID identifies a capsule (DEVUS, PRODUS) of a tenant.
type CapsuleID string

// CapsuleFromContext returns the request's capsule.
func CapsuleFromContext(ctx context.Context) CapsuleID { return CapsuleID("PRODUS") }
