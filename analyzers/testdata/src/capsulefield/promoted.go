package capsulefield

import (
	"time"

	"ids"
)

// Base lacks a capsule ID; Order and PtrOrder promote its tenant ID, so
// only Base is reported: its fix covers them.
type Base struct { // want `entity Base has a tenant ID but no capsule ID`
	TenantID ids.TenantID `json:"tenant_id"`
}

type Order struct {
	Base
	Total int
}

type PtrOrder struct {
	*Base
}

// AuditColumns is tenant-level by design, but the entities embedding it
// are not.
//
//capsule:tenant-scoped audit columns are shared by every entity
type AuditColumns struct {
	TenantID  ids.TenantID `json:"tenant_id"`
	CreatedAt time.Time
}

type Payment struct { // want `entity Payment has a tenant ID but no capsule ID: .* \(add "CapsuleID ids.CapsuleID" after AuditColumns \(which carries TenantID\)\)`
	AuditColumns
	Amount int
}

// Refund promotes the tenant ID two embeddings deep.
type Refund struct { // want `entity Refund has a tenant ID but no capsule ID`
	Payment2
	Reason string
}

//capsule:global payments are mirrored across capsules
type Payment2 struct {
	AuditColumns
}

// Scope has both; Ticket and Nested promote both.
type Scope struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

type Ticket struct {
	Scope
	Title string
}

type Nested struct {
	Ticket
}

// Split promotes the tenant ID from one embedded struct and the capsule
// ID from another.
type Split struct {
	AuditColumns
	EntityContext
}

// Loop embeds itself through a pointer.
type Loop struct { // want `entity Loop has a tenant ID but no capsule ID`
	*Loop
	TenantID ids.TenantID
}
