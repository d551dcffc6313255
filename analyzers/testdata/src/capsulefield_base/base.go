// Package capsulefield_base declares embeddable structs for the
// capsulefield tests.
package capsulefield_base

import "ids"

// Owned carries a tenant ID; it is embedded by entities elsewhere.
type Owned struct {
	TenantID ids.TenantID `json:"tenant_id" dynamodbav:"tenant_id"`
}

// Scoped carries both IDs.
type Scoped struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}
