package capsulefield

import (
	"time"

	"ids"
)

// Invoice is the seeds' defect: tenant-scoped only.
type Invoice struct { // want `entity Invoice has a tenant ID but no capsule ID: its rows from every capsule of the tenant mix, so DEVUS test data shows up in PRODUS \(add "CapsuleID ids.CapsuleID" after TenantID\)`
	ID       string
	TenantID ids.TenantID `json:"tenant_id" dynamodbav:"tenant_id"`
	Amount   int64
}

// FinancialConfigUpdated is an event: events are entities too.
type FinancialConfigUpdated struct { // want `entity FinancialConfigUpdated has a tenant ID but no capsule ID`
	TenantID  ids.TenantID `json:"tenantId,omitempty"`
	Industry  string       `json:"industry"`
	UpdatedAt time.Time
}

// Contract mirrors every tag style it can tell, and drops the others.
type Contract struct { // want `entity Contract has a tenant ID but no capsule ID`
	TenantID ids.TenantID `json:"TENANT_ID" db:"tenantid" validate:"required" xml:"-" yaml:",omitempty" bson:"TenantId"`
	Number   string
}

// AccessEntity declares two tenant fields in one group.
type (
	AccessEntity struct { // want `entity AccessEntity has a tenant ID but no capsule ID`
		TenantID, GrantedBy ids.TenantID `json:"tenant_id"`
		Role                string
	}
)

// RoleAssignment embeds the tenant ID.
type RoleAssignment struct { // want `entity RoleAssignment has a tenant ID but no capsule ID: .* \(add "CapsuleID ids.CapsuleID" after TenantID\)`
	ids.TenantID
	Role string
}

// SecurityGroup has a comment after its tenant field.
type SecurityGroup struct { // want `entity SecurityGroup has a tenant ID but no capsule ID`
	TenantID ids.TenantID // the owner
	Name     string
}

type Flag struct{ TenantID ids.TenantID } // want `entity Flag has a tenant ID but no capsule ID`

// Page is generic.
type Page[T any] struct { // want `entity Page has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	Items    []T
}

// Legacy already has a CapsuleID field of the wrong type: no fix.
type Legacy struct { // want `entity Legacy has a tenant ID but no capsule ID: .* \(add a capsule ID field after TenantID; no fix: Legacy already has a field CapsuleID that is not a capsule ID \(rename it, or make it the capsule ID\)\)`
	TenantID  ids.TenantID
	CapsuleID string
}

type Audit struct{ TenantID ids.TenantID } // want `no fix: Audit already has a method CapsuleID that is not a capsule ID`

func (Audit) CapsuleID() string { return "" }

// Deep has its capsule ID two levels down; nested-depth is 1.
type Deep struct { // want `entity Deep has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	Meta     Wrapper
}

// Wrapper holds an EntityContext.
type Wrapper struct {
	Context EntityContext
}

func handler() {
	type row struct { // want `entity row has a tenant ID but no capsule ID`
		TenantID ids.TenantID
	}
	_ = row{}

	var anonymous struct {
		TenantID ids.TenantID
	}
	_ = anonymous
}

// Compliant and unrelated types.

type FinancialConfig struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	Industry  string
}

// ComplexEntity is the seeds' nested case: the capsule ID is in Context.
type ComplexEntity struct {
	TenantID ids.TenantID
	Context  EntityContext
	ID       string
}

// EntityContext holds the capsule ID.
type EntityContext struct {
	CapsuleID ids.CapsuleID
}

type PointerContext struct {
	TenantID ids.TenantID
	Context  *EntityContext
}

type AnonymousContext struct {
	TenantID ids.TenantID
	Context  struct{ CapsuleID ids.CapsuleID }
}

type EmbeddedIDs struct {
	ids.TenantID
	ids.CapsuleID
}

type Money struct {
	Amount   int64
	Currency string
}

type CapsuleOnly struct {
	CapsuleID ids.CapsuleID
}

// TenantId is itself a tenant ID type: never an entity.
type TenantId struct {
	Value ids.TenantID
}

type TenantList []ids.TenantID
